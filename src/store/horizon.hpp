#pragma once
// Reads skipped when nothing committed since they were last made (issue 16:
// the cached signed-in hit on PostgreSQL, whose cost was mostly the server's
// work on the tables of its one statement).
//
// A statement's commit horizon names the transactions it sees as committed. On
// PostgreSQL it is the statement's snapshot as text (pg_current_snapshot():
// xmin:xmax:in-progress ids). Two snapshots with the same xmax and in-progress
// ids see exactly the same committed transactions, so two statements with equal
// horizons read the same values from every table; and a transaction that
// commits (before it is acknowledged) moves the horizon of every later
// statement, on any connection of any node. So a value read under horizon H
// still holds for a later statement whose horizon is H. Statements that only
// read assign no transaction id and leave the horizon alone.
//
// On SQLite the horizon is always "" (unknown): its reads are in-process and
// cheap, so they are always made.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::store {

// The text of the cheapest statement that reads the horizon alone (one text
// column); on SQLite "" (no statement: its horizon is always unknown). On
// PostgreSQL it plans no table and initialises no subplan, so it costs the
// server about 60% of select_unless_unchanged() even when that one skips its
// queries (pgbench, prepared): callers that expect no change read it first
// and run select_unless_unchanged() only when it moved.
std::string horizon_only(Backend backend);

// The text of a statement that answers one row: first the statement's horizon
// (text), then one column per entry of `scalar_queries` (each a SELECT of one
// value, or of no row, which gives NULL), all read in that same statement.
// When the horizon equals the text bound last (`known`), the queries are not
// run and their columns are NULL; otherwise they all run. Parameters: those of
// the queries, in their order, then `known` ("" matches no horizon).
// Requires: each query is a constant of the caller (values are bound); run
// outside a transaction (a transaction's own writes are not in its snapshot, so
// one that wrote and then rolled back could leave the horizon unchanged), on
// the primary server (a hot standby's snapshots list no in-progress ids).
std::string select_unless_unchanged(Backend backend,
                                    const std::vector<std::string>& scalar_queries);

// True when an answer of select_unless_unchanged() skipped its queries: its
// horizon is known and equals `known`.
inline bool unchanged(const std::string& horizon, const std::string& known) {
  return !known.empty() && horizon == known;
}

}  // namespace schakel::store
