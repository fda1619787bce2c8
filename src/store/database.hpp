#pragma once
// The connection pool and transactions over SQLite or PostgreSQL (SOCI).
// Every difference between the two databases lives in store/, never in features.
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <soci/soci.h>

namespace schakel::store {

enum class Backend { sqlite, postgresql };

// Why a database operation failed, by category, so callers can decide without
// knowing which database runs underneath.
enum class ErrorKind {
  not_found,    // an expected row is missing
  conflict,     // unique or foreign-key violation
  busy,         // lock or serialization failure: retrying may succeed
  unavailable,  // the connection is broken or the server is down
  other,
};

class StoreError : public std::runtime_error {
 public:
  StoreError(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// The libpq key=value connection string of a postgresql:// URL (SOCI does not
// accept URLs). Values are percent-decoded and quoted.
std::string postgres_connect_string(const std::string& url);

// Translates any exception thrown by SOCI or a backend into a StoreError; other
// exceptions are rethrown untouched. Call only inside a catch block.
[[noreturn]] void rethrow_translated();
// The same for an error on the connection `sql` holds; when it says the
// connection broke, that connection's cached statements are dropped first.
[[noreturn]] void rethrow_translated(soci::session& sql);

// Thread-safe: any number of threads may call run() and transact() at once; each
// call borrows one connection from the pool for its duration. Each pooled
// connection keeps its own prepared statements (store/prepared.hpp), guarded by
// that lease.
class Database {
 public:
  // Opens `pool_size` connections to `url`: "sqlite:PATH" (the folder must exist)
  // or "postgresql://user:pass@host:port/db". For SQLite, checks that WAL,
  // synchronous=FULL, foreign_keys and the busy timeout took effect; throws
  // StoreError otherwise or when the database cannot be reached.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

  // Calls f(session) with a pooled connection, outside any transaction.
  // SOCI errors come out as StoreError.
  template <class F>
  auto run(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    soci::session sql(*pool_);
    try {
      return f(sql);
    } catch (const StoreError&) {
      throw;
    } catch (...) {
      rethrow_translated(sql);
    }
  }

  // Calls f(session) inside one write transaction: committed when f returns,
  // rolled back when it throws. On SQLite the transaction takes the write lock
  // at once (BEGIN IMMEDIATE) so concurrent writers wait instead of deadlocking.
  // On PostgreSQL the change rows f records (store/changes.hpp) are written at
  // commit, so that change ids follow the order in which transactions commit.
  template <class F>
  auto transact(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    return within_transaction([this](soci::session& sql) { begin(sql); },
                              [this](soci::session& sql) { commit(sql); }, std::forward<F>(f));
  }

  // Like transact(), but when the database aborts the transaction for a racing one
  // (StoreError busy: a PostgreSQL serialization failure or deadlock, a SQLite lock
  // that outlasted the busy timeout) it runs f again in a new transaction, up to
  // `retries` more times; then the last error is thrown. f must have no effect
  // outside its transaction, since it may run more than once. Other errors, and
  // anything else f throws, pass through at once.
  template <class F>
  auto transact_retrying(F&& f, int retries = 5) -> decltype(f(std::declval<soci::session&>())) {
    for (int attempt = 0;; ++attempt) {
      try {
        return transact(f);
      } catch (const StoreError& e) {
        if (e.kind() != ErrorKind::busy || attempt >= retries) throw;
      }
    }
  }

  // Calls f(session) inside one read-only transaction that sees one snapshot of
  // the whole database, without blocking writers: SQLite's deferred BEGIN (in
  // WAL, readers never take the write lock), PostgreSQL's REPEATABLE READ READ
  // ONLY. Ended with ROLLBACK, since nothing is written. For long reads such as
  // a full export while the server runs.
  template <class F>
  auto read_snapshot(F&& f) -> decltype(f(std::declval<soci::session&>())) {
    return within_transaction([this](soci::session& sql) { begin_read(sql); },
                              [](soci::session& sql) { rollback_quietly(sql); },
                              std::forward<F>(f));
  }

  // Runs `statement` (no parameters) on a pooled connection.
  void execute(const std::string& statement);

  // True when a trivial query succeeds.
  bool ping();

  // SQLite: a consistent copy of the live database at `path`, absent or empty (VACUUM INTO).
  // PostgreSQL: throws StoreError(other) saying to use pg_dump.
  void backup_to(const std::string& path);

 private:
  // Calls f(session) between start(session) and finish(session) on a pooled
  // connection; rolls back when f throws. SOCI errors come out as StoreError.
  template <class Start, class Finish, class F>
  auto within_transaction(Start start, Finish finish, F&& f)
      -> decltype(f(std::declval<soci::session&>())) {
    soci::session sql(*pool_);
    try {
      start(sql);
      try {
        if constexpr (std::is_void_v<decltype(f(sql))>) {
          f(sql);
          finish(sql);
          return;
        } else {
          auto result = f(sql);
          finish(sql);
          return result;
        }
      } catch (...) {
        rollback_quietly(sql);
        throw;
      }
    } catch (const StoreError&) {
      throw;
    } catch (...) {
      rethrow_translated(sql);
    }
  }

  Database(Backend backend, std::string url, std::size_t pool_size);
  void begin(soci::session& sql);
  void commit(soci::session& sql);
  void begin_read(soci::session& sql);
  // Also drops the change rows held back for the transaction on `sql`.
  static void rollback_quietly(soci::session& sql) noexcept;

  Backend backend_;
  std::string url_;
  std::size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
};

}  // namespace schakel::store
