-- Evaluation invitations (issue 5): the job mails each participant the link once
-- per evaluation moment, the end of the series (session_id 0) or of each session
-- (when the series is evaluated per session). This row is the "invited once" marker.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: trainings: training_evaluation_invites
CREATE TABLE training_evaluation_invites (
  registration_id BIGINT NOT NULL REFERENCES training_registrations (id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL DEFAULT 0,
  invited_at BIGINT NOT NULL,
  PRIMARY KEY (registration_id, session_id)
);
