-- The synonym list of the search (search/engine.hpp): one text the coordinator
-- edits, one group of synonyms per line. The index itself is derived data on
-- each node's disk, not in the database.
--
-- Who owns each table (only the owner's code writes it; tools/check_table_owners.py):
-- Owner: search: search_synonyms

CREATE TABLE search_synonyms (
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL
);

INSERT INTO search_synonyms (id, body) VALUES (1,
'# Eén groep per regel; woorden of woordgroepen die hetzelfde betekenen, gescheiden door komma''s.
huiselijk geweld, intrafamiliaal geweld, IFG, familiaal geweld
partnergeweld, relationeel geweld, geweld in de relatie
kindermishandeling, mishandeling van kinderen
ouderenmishandeling, ouderenmisbehandeling, geweld tegen ouderen
seksueel geweld, seksueel misbruik
tool, instrument, methodiek
vorming, opleiding, training');
