-- Platform meetings of the network (issue 14): meetings with their invited
-- municipalities and people, the agenda (with SPOCs' proposals), attendance,
-- minutes per item, decisions and action points (which may become an action of
-- the signals feature, kept by its id).
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: network: meetings, meeting_municipalities, meeting_people, meeting_items
-- Owner: network: meeting_attendance, meeting_decisions, meeting_action_points

CREATE TABLE meetings (
  id @ID@,
  title TEXT NOT NULL,
  starts_at BIGINT NOT NULL,  -- UTC seconds
  ends_at BIGINT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
  address TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  proposals_until BIGINT NOT NULL,  -- SPOCs may propose agenda items before this moment
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  sequence INTEGER NOT NULL DEFAULT 0,  -- the .ics SEQUENCE: raised by every mailed change
  created_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX meetings_by_start ON meetings (starts_at);

CREATE TABLE meeting_municipalities (
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  PRIMARY KEY (meeting_id, nis_code)
);

CREATE TABLE meeting_people (
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, user_id)
);

-- Agenda items. status: 'proposed' (by a SPOC, waiting), 'accepted' (on the
-- agenda, ordered by position), 'declined'.
CREATE TABLE meeting_items (
  id @ID@,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner_name TEXT NOT NULL DEFAULT '',
  minutes_planned INTEGER NOT NULL DEFAULT 0,
  resource_id BIGINT NULL,  -- a kennisbank resource (catalog/resource_refs.hpp)
  action_id BIGINT NULL,    -- an action of the signals feature
  need_id BIGINT NULL,      -- a need of the signals feature
  status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined')),
  position INTEGER NOT NULL DEFAULT 0,
  minutes_md TEXT NOT NULL DEFAULT '',  -- the minutes of this item (Markdown)
  proposed_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX meeting_items_by_meeting ON meeting_items (meeting_id, status, position);

CREATE TABLE meeting_attendance (
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  nis_code TEXT NOT NULL DEFAULT '',  -- the municipality they came for ('' for none)
  PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE meeting_decisions (
  id @ID@,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE meeting_action_points (
  id @ID@,
  meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  due_on TEXT NOT NULL,  -- YYYY-MM-DD, a Brussels date
  done INTEGER NOT NULL DEFAULT 0,
  action_id BIGINT NULL,  -- the action of the signals feature made from it
  created_at BIGINT NOT NULL
);
CREATE INDEX meeting_action_points_by_owner ON meeting_action_points (owner_id, done, due_on);
