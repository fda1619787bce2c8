-- Trainings (issue 10, owner: trainings): registering for a series that has
-- already begun. Registration for a whole series closes when its first session
-- starts, unless the organiser allows late joining; a late joiner is measured
-- (attendance, no-shows, certificate) only on the sessions after registering.
ALTER TABLE training_series ADD COLUMN late_join INTEGER NOT NULL DEFAULT 0;
