-- A version per session (issue 16): every write to one session row (a flash
-- message, a pending second factor, the minute's "last seen" touch) raises its
-- own version, so a node's cached copy of that session is checked against it,
-- while the global session_epoch is raised only by writes to accounts, roles,
-- SPOC assignments and memberships (web/sessions.hpp). A session write thus no
-- longer empties every node's session cache and signed-in page cache.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: web: sessions

ALTER TABLE sessions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
