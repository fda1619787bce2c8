-- iCalendar feeds (issue 5): the SEQUENCE of a session's event must grow with
-- every change so calendar apps replace their copy. A session counts its own
-- changes (time, place, cancellation); its series counts changes that reach all
-- its sessions (title, cancellation of the whole series). The event's SEQUENCE is
-- the sum, and calendar_modified_at its LAST-MODIFIED.
ALTER TABLE training_sessions ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE training_sessions ADD COLUMN calendar_modified_at BIGINT NULL;
ALTER TABLE training_series ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;
