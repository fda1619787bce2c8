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
#include <condition_variable>
#include <cstdint>
#include <mutex>
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

// Reads the horizon alone (horizon_only()) for the threads of a node, sharing
// reads: read() answers the horizon of a statement that started after read()
// was called, so it sees every transaction acknowledged before the call, as a
// statement of the caller's own would. A thread that calls while a read is
// under way waits for it to end and then shares the next read with every
// thread that called meanwhile: under load one statement serves many requests
// (a statement started before the call is never used: it may predate a write
// the caller must see). Thread-safe.
class HorizonReader {
 public:
  explicit HorizonReader(Backend backend) : text_(horizon_only(backend)) {}
  // The horizon as a statement started after this call reads it, run on `sql`
  // when no such statement is under way or done. Requires: the backend has a
  // horizon (PostgreSQL); `sql` outside a transaction, on the primary. A
  // failed read throws to the thread that ran it; those waiting on it retry.
  std::string read(soci::session& sql);
  // Reads run so far (the statements read() made).
  std::uint64_t reads() const;

 private:
  const std::string text_;
  mutable std::mutex mutex_;  // guards started_, finished_, running_, last_
  std::condition_variable ended_;
  std::uint64_t started_ = 0;   // reads started, numbered from 1
  std::uint64_t finished_ = 0;  // the number of the last read that answered
  bool running_ = false;        // a read is under way (number started_)
  std::string last_;            // the answer of read number finished_
};

// True when an answer of select_unless_unchanged() skipped its queries: its
// horizon is known and equals `known`.
inline bool unchanged(const std::string& horizon, const std::string& known) {
  return !known.empty() && horizon == known;
}

}  // namespace schakel::store
