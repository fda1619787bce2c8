#pragma once
// Statements prepared once per pooled connection and reused (issue 16).
//
// SOCI's `sql << "..."` prepares, runs and throws away a statement each time:
// on SQLite a sqlite3_prepare_v2 per query, on PostgreSQL a parse and plan per
// query. CachedStatement instead keeps, for each pooled connection of a
// Database, one SOCI statement per SQL text (SQLite: one sqlite3_stmt;
// PostgreSQL: one server-side prepared statement named by SOCI), and binds the
// caller's values to it anew on each use. Hot paths use it the way they used
// `sql << ...`:
//
//   long long id = 0;
//   store::CachedStatement q(sql, "SELECT id FROM users WHERE email = :e");
//   bool found = (q, soci::use(email), soci::into(id)).execute();
//
// Which lock guards the cache: none of its own. Each cache belongs to one pooled
// connection, and only the thread that holds that connection from the pool (a
// soci::session made from the pool, as Database::run does) touches it, so the
// pool's lease is the lock. The cache lives as long as the connection: Database
// creates it when it opens the connection and destroys it (finalising or
// deallocating every statement) before it closes the connection. After an error
// that says the connection broke (ErrorKind::unavailable) the cache of that
// connection is emptied, so nothing stale is reused.
//
// A session that is no pooled connection of a Database (e.g. one a test opened
// itself) gets a one-time statement: the same answers, no reuse.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <soci/soci.h>

namespace schakel::store {

namespace detail {
class StatementCache;
}

// One use of a cached statement: bind values with the comma operator (soci::use,
// soci::into, as with `sql << ...`), then execute() once; for several rows,
// fetch() after execute(). The bound variables must outlive this object. Not
// copyable; destroyed before the connection goes back to the pool (it lives in
// the caller's Database::run/transact callback).
class CachedStatement {
 public:
  // Requires: `sql` is held by the calling thread for this object's lifetime.
  CachedStatement(soci::session& sql, const std::string& text);
  // Unbinds the values and resets the statement (on SQLite this ends the read
  // it held open, so the connection sees new commits), keeping it prepared.
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  // Binds one soci::use(...) or soci::into(...), in the order of the SQL text.
  template <class Exchange>
  CachedStatement& operator,(Exchange&& exchange) {
    bind(std::forward<Exchange>(exchange));
    return *this;
  }
  // The same as a call.
  template <class Exchange>
  void bind(Exchange&& exchange) {
    statement().exchange(std::forward<Exchange>(exchange));
  }

  // Runs the statement; the first row (if any) goes into the into() variables.
  // Returns true when a row came. Errors are SOCI's (Database::run translates
  // them); after an error the statement stays usable for the next call.
  bool execute();
  // The next row into the into() variables; false when there is none.
  bool fetch();
  // Rows changed by the last execute() (INSERT, UPDATE, DELETE).
  long long affected_rows();

 private:
  soci::statement& statement();

  detail::StatementCache* cache_ = nullptr;
  soci::statement* cached_ = nullptr;      // owned by cache_
  bool* in_use_ = nullptr;                 // cache_'s flag of cached_
  std::unique_ptr<soci::statement> once_;  // when there is no cache
  bool bound_ = false;
  bool fresh_ = false;  // prepared by this use: the preparation counted it already
};

// Runs `text` with the given soci::use/soci::into values on a cached statement;
// true when a row came (its values are in the into() variables).
template <class... Exchanges>
bool query_one(soci::session& sql, const std::string& text, Exchanges&&... exchanges) {
  CachedStatement q(sql, text);
  (q.bind(std::forward<Exchanges>(exchanges)), ...);
  return q.execute();
}

// Runs a command (INSERT, UPDATE, DELETE) on a cached statement; returns the
// number of rows it changed.
template <class... Uses>
long long command(soci::session& sql, const std::string& text, Uses&&... uses) {
  CachedStatement q(sql, text);
  (q.bind(std::forward<Uses>(uses)), ...);
  q.execute();
  return q.affected_rows();
}

// How many SQL statements the calling thread has run on any pooled connection
// of any Database since it started: each execute() of a CachedStatement (so
// query_one and command) and each statement SOCI prepares otherwise (`sql <<`,
// `sql.prepare <<`, rowsets), counted once each. Transaction control (BEGIN,
// COMMIT) is not counted. Thread-local, so a test that calls the App on its own
// thread counts only its request's statements; for tests and profiling.
std::uint64_t statements_run_on_this_thread();

// How many statements were prepared on the connection `sql` holds since it
// opened (each cached SQL text once, plus re-preparations after it was
// emptied); 0 for a session with no cache. For tests and /metrics.
std::size_t prepared_count(soci::session& sql);

namespace detail {
// Called by Database only: gives the pooled connection `pooled` a cache
// (register) or destroys it (unregister, before the connection closes).
void register_connection(soci::session& pooled, bool sqlite);
void unregister_connection(soci::session& pooled) noexcept;
// Empties the cache of the connection `sql` holds (after it broke).
void forget_statements(soci::session& sql) noexcept;
}  // namespace detail

}  // namespace schakel::store
