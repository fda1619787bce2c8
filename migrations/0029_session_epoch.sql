-- The session epoch (issue 16): one number that every write changing what a
-- node's cached session or signed-in account says raises (ending a session, a
-- flash message, a pending second factor, a change to an account or its
-- municipalities). Each node compares it on every request with the epoch its
-- cache entry was read under (web/sessions.hpp), so the first request after
-- such a change, on any node, reads the rows again.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: web: session_epoch

CREATE TABLE session_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value BIGINT NOT NULL
);
INSERT INTO session_epoch (id, value) VALUES (1, 0);
