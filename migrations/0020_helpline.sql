-- The way to help (issue 12, part "helpline"): the channels of 1712 (phone, chat,
-- e-mail), their weekly opening hours in Brussels local time and the days the
-- helpline is closed (public holidays), all kept current by the coordinator.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: citizens: helpline_channels, helpline_hours, helpline_closing_days

-- The three channels are facts about 1712 (1712.be, "Over 1712"), so they exist
-- from the start; their hours are data the coordinator enters (the demo loads the
-- hours of FACTS.md). E-mail can be sent at any time.
CREATE TABLE helpline_channels (
  id @ID@,
  kind TEXT NOT NULL UNIQUE,          -- phone, chat, email
  address TEXT NOT NULL,              -- phone: the number; chat, email: an https:// or mailto: address
  offered INTEGER NOT NULL DEFAULT 1, -- 0: not shown to citizens (e.g. chat paused)
  always_open INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  updated_at BIGINT NOT NULL DEFAULT 0
);

INSERT INTO helpline_channels (kind, address, offered, always_open, position) VALUES
  ('phone', '1712', 1, 0, 1),
  ('chat', 'https://www.1712.be/nl', 1, 0, 2),
  ('email', 'https://www.1712.be/nl', 1, 1, 3);

-- One opening range of a channel on a weekday (0 Monday ... 6 Sunday), in minutes
-- after local midnight: opens in [0, 1440), closes in (opens, 1440].
CREATE TABLE helpline_hours (
  id @ID@,
  channel_id BIGINT NOT NULL REFERENCES helpline_channels (id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  opens INTEGER NOT NULL CHECK (opens >= 0 AND opens < 1440),
  closes INTEGER NOT NULL CHECK (closes > opens AND closes <= 1440),
  is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX helpline_hours_channel ON helpline_hours (channel_id, weekday, opens);

-- A local date (YYYY-MM-DD) on which every channel with hours is closed.
CREATE TABLE helpline_closing_days (
  id @ID@,
  day TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
