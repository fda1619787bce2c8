-- The foundation: settings, the change feed, sessions, the network, users and goals.
-- Written once for SQLite and PostgreSQL; @ID@ and @BLOB@ are resolved by store/.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: store: settings, changes
-- Owner: reference: municipalities, postcodes
-- Owner: network: memberships
-- Owner: accounts: users
-- Owner: web: sessions
-- Owner: signals: goals

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE changes (
  id @ID@,
  at BIGINT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL
);

-- Every Belgian municipality after the mergers of 2025 (Source: Statbel), and
-- the postcode table (bpost); both loaded by 0002_reference_data.
CREATE TABLE municipalities (
  nis_code TEXT PRIMARY KEY,
  name_nl TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  region TEXT NOT NULL,
  province TEXT NOT NULL
);

CREATE TABLE postcodes (
  id @ID@,
  postcode TEXT NOT NULL,
  locality TEXT NOT NULL,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code)
);
CREATE INDEX postcodes_by_postcode ON postcodes (postcode);

-- Membership of the network: one row per period of membership.
CREATE TABLE memberships (
  id @ID@,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  member_since BIGINT NOT NULL,
  member_until BIGINT,
  is_lead INTEGER NOT NULL DEFAULT 0,
  is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX memberships_by_municipality ON memberships (nis_code);

CREATE TABLE users (
  id @ID@,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('professional', 'spoc', 'coordinator', 'admin')),
  nis_code TEXT REFERENCES municipalities (nis_code),
  is_demo INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  flash TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- The strategic goals of the network (DESIGN.md section 1).
CREATE TABLE goals (
  number INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL
);
