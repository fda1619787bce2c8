#include "store/prepared.hpp"

#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace schakel::store {

namespace {
thread_local std::uint64_t statements_run = 0;

// Counts every statement SOCI prepares on a pooled connection (SOCI logs each
// preparation, one-time queries included) for statements_run_on_this_thread.
class StatementCounter : public soci::logger_impl {
 public:
  void start_query(const std::string&) override { ++statements_run; }

 private:
  logger_impl* do_clone() const override { return new StatementCounter; }
};
}  // namespace

std::uint64_t statements_run_on_this_thread() { return statements_run; }

namespace detail {

// The statements of one pooled connection (see prepared.hpp for who may touch it).
class StatementCache {
 public:
  StatementCache(soci::session& pooled, bool sqlite) : pooled_(pooled), sqlite_(sqlite) {}

  struct Entry {
    std::unique_ptr<soci::statement> statement;
    bool in_use = false;  // a CachedStatement of this thread holds it now
  };

  // The cached statement of `text`, prepared on first use; nullptr when it is
  // in use already (a nested use of the same text) or the cache is full, in
  // which case the caller makes a one-time statement.
  Entry* acquire(const std::string& text, bool* fresh) {
    *fresh = false;
    auto it = entries_.find(text);
    if (it == entries_.end()) {
      // SQL texts are literals of the code, so the cache stays small; a full
      // cache means some caller builds texts from values: those run uncached.
      if (entries_.size() >= max_entries) return nullptr;
      auto st = std::make_unique<soci::statement>(pooled_);
      st->alloc();
      st->prepare(text, soci::details::st_repeatable_query);
      prepared_.fetch_add(1, std::memory_order_relaxed);
      *fresh = true;
      it = entries_.emplace(text, Entry{std::move(st), false}).first;
    }
    if (it->second.in_use) return nullptr;
    it->second.in_use = true;
    return &it->second;
  }

  // Unbinds the caller's variables and resets the statement for its next use.
  void release(soci::statement& st) noexcept {
    try {
      st.bind_clean_up();
    } catch (...) {
      // Unbinding frees memory only; nothing to undo.
    }
    // A SQLite statement that stopped on a row keeps its read transaction
    // open: reset it so this connection's next read sees new commits.
    if (sqlite_)
      if (auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend()))
        sqlite3_reset(backend->stmt_);
  }

  void clear() noexcept {
    // Statements in use stay: their holder releases them. Only idle ones go.
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (it->second.in_use) {
        ++it;
        continue;
      }
      try {
        it->second.statement.reset();
      } catch (...) {
        // Deallocating on a broken connection fails; the connection is gone anyway.
      }
      it = entries_.erase(it);
    }
  }

  std::size_t prepared() const { return prepared_.load(std::memory_order_relaxed); }

  ~StatementCache() { clear(); }

 private:
  static constexpr std::size_t max_entries = 512;
  soci::session& pooled_;
  bool sqlite_;
  std::unordered_map<std::string, Entry> entries_;
  std::atomic<std::size_t> prepared_{0};
};

namespace {

// The cache of each pooled connection, keyed by its backend (a session leased
// from the pool shares the pooled session's backend). Guarded by registry_mutex:
// written when a Database opens or closes, read on each CachedStatement.
std::shared_mutex registry_mutex;
std::unordered_map<const soci::details::session_backend*, std::unique_ptr<StatementCache>>&
registry() {
  static std::unordered_map<const soci::details::session_backend*, std::unique_ptr<StatementCache>>
      caches;
  return caches;
}

StatementCache* cache_of(soci::session& sql) {
  std::shared_lock lock(registry_mutex);
  auto it = registry().find(sql.get_backend());
  return it == registry().end() ? nullptr : it->second.get();
}

}  // namespace

void register_connection(soci::session& pooled, bool sqlite) {
  pooled.set_logger(soci::logger(new StatementCounter));
  auto cache = std::make_unique<StatementCache>(pooled, sqlite);
  std::unique_lock lock(registry_mutex);
  registry()[pooled.get_backend()] = std::move(cache);
}

void unregister_connection(soci::session& pooled) noexcept {
  std::unique_ptr<StatementCache> cache;
  {
    std::unique_lock lock(registry_mutex);
    auto it = registry().find(pooled.get_backend());
    if (it == registry().end()) return;
    cache = std::move(it->second);
    registry().erase(it);
  }
  // Destroyed outside the lock: deallocating statements may talk to the server.
}

void forget_statements(soci::session& sql) noexcept {
  if (auto* cache = cache_of(sql)) cache->clear();
}

}  // namespace detail

CachedStatement::CachedStatement(soci::session& sql, const std::string& text)
    : cache_(detail::cache_of(sql)) {
  if (cache_) {
    if (auto* entry = cache_->acquire(text, &fresh_)) {
      cached_ = entry->statement.get();
      in_use_ = &entry->in_use;
      return;
    }
  }
  once_ = std::make_unique<soci::statement>(sql);
  once_->alloc();
  once_->prepare(text, soci::details::st_one_time_query);
}

CachedStatement::~CachedStatement() {
  if (!cached_) return;
  cache_->release(*cached_);
  *in_use_ = false;
}

soci::statement& CachedStatement::statement() { return cached_ ? *cached_ : *once_; }

bool CachedStatement::execute() {
  soci::statement& st = statement();
  if (!bound_) {
    st.define_and_bind();
    bound_ = true;
  }
  // A statement prepared by this use was counted by the logger; a reused one
  // (or one executed a second time) is counted here.
  if (cached_ && !fresh_) ++statements_run;
  fresh_ = false;
  return st.execute(true);
}

bool CachedStatement::fetch() { return statement().fetch(); }

long long CachedStatement::affected_rows() { return statement().get_affected_rows(); }

std::size_t prepared_count(soci::session& sql) {
  auto* cache = detail::cache_of(sql);
  return cache ? cache->prepared() : 0;
}

}  // namespace schakel::store
