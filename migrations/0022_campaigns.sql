-- The postcards campaign (issue 12): one postcard per theme, the local help lines
-- printed on a municipality's cards, distribution rounds with the cards SPOCs
-- handed out, and anonymous daily scan counts of the cards' QR codes.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: campaigns: postcards, postcard_help_lines, distribution_rounds, distributions, postcard_scans

CREATE TABLE postcards (
  theme TEXT PRIMARY KEY CHECK (theme IN ('partner_violence', 'child_abuse', 'elder_abuse')),
  title TEXT NOT NULL,
  tips TEXT NOT NULL,            -- one tip per line
  call_to_action TEXT NOT NULL,  -- the call to contact 1712
  is_demo INTEGER NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);

CREATE TABLE postcard_help_lines (
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  position INTEGER NOT NULL CHECK (position IN (1, 2)),
  label TEXT NOT NULL,
  phone TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (nis_code, position)
);

CREATE TABLE distribution_rounds (
  id @ID@,
  name TEXT NOT NULL,
  starts_on TEXT NOT NULL,  -- YYYY-MM-DD, a Brussels date
  ends_on TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  CHECK (starts_on <= ends_on)
);

CREATE TABLE distributions (
  id @ID@,
  round_id BIGINT NOT NULL REFERENCES distribution_rounds (id) ON DELETE CASCADE,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  theme TEXT NOT NULL CHECK (theme IN ('partner_violence', 'child_abuse', 'elder_abuse')),
  place_type TEXT NOT NULL,
  cards INTEGER NOT NULL CHECK (cards > 0 AND cards <= 100000),
  created_by BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX distributions_round ON distributions (round_id, nis_code);

-- One counter row per day, municipality and theme: nothing about the person who
-- scanned (no IP address, user agent, cookie or time of day).
CREATE TABLE postcard_scans (
  day TEXT NOT NULL,  -- YYYY-MM-DD, the Brussels date of the scans
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  theme TEXT NOT NULL CHECK (theme IN ('partner_violence', 'child_abuse', 'elder_abuse')),
  scans BIGINT NOT NULL DEFAULT 0,
  is_demo INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, nis_code, theme)
);
