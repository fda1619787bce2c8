-- Training series, the rest of issue 5: themes, registration questions, guest
-- confirmation, materials, attendance, private calendar feeds, evaluations
-- (anonymous, paired by key) and certificates.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: trainings: training_series_themes, training_questions, training_answers, training_pending, training_materials, training_attendance, training_calendar_feeds, training_evaluations, training_confidence, training_certificates

CREATE TABLE training_series_themes (
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  term_slug TEXT NOT NULL,
  PRIMARY KEY (series_id, term_slug)
);

-- Certificate rule: 'all' sessions attended, or at least certificate_min_sessions.
ALTER TABLE training_series ADD COLUMN certificate_rule TEXT NOT NULL DEFAULT 'all';
ALTER TABLE training_series ADD COLUMN certificate_min_sessions INTEGER NOT NULL DEFAULT 0;
-- Evaluation after the whole 'series' or after each 'session'.
ALTER TABLE training_series ADD COLUMN evaluation_unit TEXT NOT NULL DEFAULT 'series';
-- When the answers to the registration questions were deleted (after the series).
ALTER TABLE training_series ADD COLUMN answers_deleted_at BIGINT NULL;
ALTER TABLE training_series ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0;

ALTER TABLE training_sessions ADD COLUMN title TEXT NOT NULL DEFAULT '';
-- When the reminder two days before was sent (once per session).
ALTER TABLE training_sessions ADD COLUMN reminded_at BIGINT NULL;

-- For the reports per municipality and sector (asked at registration).
ALTER TABLE training_registrations ADD COLUMN nis_code TEXT NULL;
ALTER TABLE training_registrations ADD COLUMN sector TEXT NOT NULL DEFAULT '';
-- That the participant answered the evaluation (never what).
ALTER TABLE training_registrations ADD COLUMN evaluated_at BIGINT NULL;
-- One reminder to answer the evaluation.
ALTER TABLE training_registrations ADD COLUMN evaluation_reminded_at BIGINT NULL;

-- Optional questions of a series (dietary needs, accessibility needs). The
-- answers are seen only by the organiser and deleted after the series.
CREATE TABLE training_questions (
  id @ID@,
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL
);
CREATE TABLE training_answers (
  registration_id BIGINT NOT NULL REFERENCES training_registrations (id) ON DELETE CASCADE,
  question_id BIGINT NOT NULL REFERENCES training_questions (id) ON DELETE CASCADE,
  answer TEXT NOT NULL,
  PRIMARY KEY (registration_id, question_id)
);

-- A guest's registration waits here until the address is confirmed by the link
-- in the mail; only then does it take a place or a spot on the waitlist.
CREATE TABLE training_pending (
  id @ID@,
  token_hash TEXT NOT NULL UNIQUE,
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  session_id BIGINT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  nis_code TEXT NULL,
  sector TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',  -- JSON: answers and confidence before
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- Materials of a session, shown to its participants; bytes in blobs.
CREATE TABLE training_materials (
  id @ID@,
  session_id BIGINT NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  blob_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  file_name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Attendance per session and registration, marked on the list or by QR check-in.
CREATE TABLE training_attendance (
  session_id BIGINT NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  registration_id BIGINT NOT NULL REFERENCES training_registrations (id) ON DELETE CASCADE,
  present INTEGER NOT NULL,
  method TEXT NOT NULL,  -- list, qr
  marked_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL,
  marked_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, registration_id)
);

-- The secret of a user's private calendar feed (in its URL; reset makes a new one).
CREATE TABLE training_calendar_feeds (
  user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

-- Evaluations are anonymous to people: a response carries a pair key (an HMAC of
-- the registration under the server's signing key), never the registration. The
-- confidence before and after of one participant share that key. Only the day
-- is kept, so the time of an answer does not point to a person.
CREATE TABLE training_evaluations (
  id @ID@,
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  session_id BIGINT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  pair_key TEXT NOT NULL,
  sector TEXT NOT NULL DEFAULT '',
  satisfaction INTEGER NOT NULL,
  usefulness INTEGER NOT NULL,
  will_use TEXT NOT NULL DEFAULT '',  -- chosen options, comma separated
  free_text TEXT NOT NULL DEFAULT '',
  submitted_on BIGINT NOT NULL,       -- midnight UTC of the day
  CHECK (satisfaction BETWEEN 1 AND 5),
  CHECK (usefulness BETWEEN 1 AND 5)
);
CREATE UNIQUE INDEX training_evaluations_once
  ON training_evaluations (series_id, COALESCE(session_id, 0), pair_key);

CREATE TABLE training_confidence (
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  pair_key TEXT NOT NULL,
  phase TEXT NOT NULL,  -- before, after
  question INTEGER NOT NULL,
  value INTEGER NOT NULL,
  sector TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (series_id, pair_key, phase, question),
  CHECK (value BETWEEN 1 AND 10)
);

-- Certificates: the facts as printed, so a later correction to the series does
-- not change an issued certificate; a re-issue gets a new code and replaces the old.
CREATE TABLE training_certificates (
  id @ID@,
  code TEXT NOT NULL UNIQUE,
  registration_id BIGINT NULL REFERENCES training_registrations (id) ON DELETE SET NULL,
  series_id BIGINT NOT NULL REFERENCES training_series (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  series_title TEXT NOT NULL,
  dates TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  organiser TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT NULL,
  revoke_reason TEXT NOT NULL DEFAULT '',
  replaced_by BIGINT NULL
);
CREATE INDEX training_certificates_of ON training_certificates (registration_id);

-- Files attached to a mail (the .ics of a confirmation): JSON [{name, type, base64}].
ALTER TABLE mail_outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
