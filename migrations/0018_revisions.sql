-- One revision mechanism for every feature that keeps revisions (issue 12): the
-- shared layer src/revisions/ owns the table `revisions`, where each row is a
-- numbered JSON snapshot of one subject (subject_kind + subject_id). The
-- kennisbank's own table resource_revisions (0005, owner catalog) is copied into
-- it as subject kind 'resource' with the same numbers, authors and times, and
-- dropped: from here on catalog writes revisions only through the shared layer,
-- so the header of 0005 no longer applies to resource_revisions.
-- There is no foreign key to the subject (subjects live in many tables): the
-- feature that deletes a subject forgets its revisions (RevisionStore::forget).
--
-- Owner: revisions: revisions

CREATE TABLE revisions (
  id @ID@,
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  number INTEGER NOT NULL,
  snapshot TEXT NOT NULL,
  author_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  author_label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (subject_kind, subject_id, number)
);

INSERT INTO revisions (subject_kind, subject_id, number, snapshot, author_id, author_label,
                       created_at)
SELECT 'resource', resource_id, number, snapshot, author_id, author_label, created_at
  FROM resource_revisions
 ORDER BY id;

DROP TABLE resource_revisions;
