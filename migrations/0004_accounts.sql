-- Accounts in full: profile fields, confirmation, one-time links, TOTP, rate
-- limits, SPOC assignments and the history of the network's lead.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: accounts: account_tokens, recovery_codes, spoc_municipalities
-- Owner: store: rate_events
-- Owner: network: lead_history, lead_handovers, municipality_profiles

ALTER TABLE users ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN sector TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN sector_detail TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN track TEXT NOT NULL DEFAULT '';
-- 'pending' until the e-mail address is confirmed, then 'active'.
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN notify_digest INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN notify_trainings INTEGER NOT NULL DEFAULT 1;

-- One-time tokens sent by e-mail; only their SHA-256 is stored.
-- purpose: confirm, sign_in_link, reset, email_change.
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

CREATE TABLE recovery_codes (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT
);

-- A session that passed the password but still owes its second factor.
ALTER TABLE sessions ADD COLUMN pending_user_id BIGINT REFERENCES users (id) ON DELETE CASCADE;

-- Rate limits as events, so they hold across nodes.
CREATE TABLE rate_events (
  id @ID@,
  bucket TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX rate_events_by_bucket ON rate_events (bucket, at);

-- The municipalities a SPOC speaks for (one or more).
CREATE TABLE spoc_municipalities (
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  PRIMARY KEY (user_id, nis_code)
);

-- Who led the network when, and hand-overs waiting for acceptance.
CREATE TABLE lead_history (
  id @ID@,
  coordinator_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  coordinator_label TEXT NOT NULL,
  nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  from_at BIGINT NOT NULL,
  until_at BIGINT
);

CREATE TABLE lead_handovers (
  id @ID@,
  from_user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_nis_code TEXT NOT NULL REFERENCES municipalities (nis_code),
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  decision TEXT NOT NULL DEFAULT 'open'
);

-- Idle time per session: shorter for coordinators and admins.
ALTER TABLE sessions ADD COLUMN idle_seconds BIGINT NOT NULL DEFAULT 7200;

-- What a member municipality publishes about itself (its SPOC keeps it current).
CREATE TABLE municipality_profiles (
  nis_code TEXT PRIMARY KEY REFERENCES municipalities (nis_code),
  contact_text TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- The last TOTP time step used, so a code cannot be replayed.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
