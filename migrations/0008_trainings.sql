-- Training series (issue 5): series with their sessions, and registrations with
-- the waitlist. A registration is for the whole series (session_id NULL) or for
-- one session, as the organiser chose for the series.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: trainings: training_series, training_sessions, training_registrations

CREATE TABLE training_series (
  id @ID@,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT '',
  organiser TEXT NOT NULL DEFAULT '',
  owner_nis_code TEXT NULL REFERENCES municipalities (nis_code),
  region TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL DEFAULT 'public',
  registration_unit TEXT NOT NULL DEFAULT 'series',  -- series, session
  registration_deadline BIGINT NULL,
  offer_hold_seconds BIGINT NOT NULL DEFAULT 172800,  -- 48 hours
  status TEXT NOT NULL DEFAULT 'draft',               -- draft, published, cancelled
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE training_sessions (
  id @ID@,
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  module TEXT NOT NULL,   -- basics, deepening, intervision, follow_up
  format TEXT NOT NULL,   -- in_person, online, webinar
  address TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL,
  trainers TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'planned',  -- planned, cancelled
  CHECK (capacity > 0),
  CHECK (ends_at > starts_at)
);
CREATE INDEX training_sessions_series ON training_sessions (series_id, starts_at);

CREATE TABLE training_registrations (
  id @ID@,
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  session_id BIGINT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  user_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  state TEXT NOT NULL,  -- registered, waitlisted, offered, cancelled, expired
  queue_position BIGINT NULL,      -- order on the waitlist (waitlisted, offered)
  offer_expires_at BIGINT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- One active registration per person and unit: the database refuses a second one
-- even when two requests race.
CREATE UNIQUE INDEX training_registrations_once
  ON training_registrations (series_id, COALESCE(session_id, 0), email)
  WHERE state IN ('registered', 'waitlisted', 'offered');
CREATE INDEX training_registrations_queue
  ON training_registrations (series_id, session_id, state, queue_position);
