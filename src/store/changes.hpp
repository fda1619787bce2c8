#pragma once
// The change feed (DESIGN.md section 4): every write that matters to another
// node appends a row to `changes` in the same transaction. Nodes follow the feed
// to refresh caches and, later, the search index.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace schakel::store {

struct Change {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string entity;  // "municipality", "session", "resource", ...
  std::string entity_id;
  std::string action;  // "created", "updated", "deleted"
};

// Appends a change. Requires: called inside the transaction of the write it records.
// Change ids follow the order in which the recording transactions commit, so a
// reader that has seen id N has seen every change up to N. On PostgreSQL, inside
// Database::transact, the row is therefore written only at commit (under a lock
// that orders the committers); until then the transaction does not see it.
void record_change(soci::session& sql, const std::string& entity, const std::string& entity_id,
                   const std::string& action, std::int64_t at);

// The highest change id, or 0 when the feed is empty.
std::int64_t latest_change_id(soci::session& sql);

// Changes after `after_id`, oldest first, at most `limit`.
std::vector<Change> changes_after(soci::session& sql, std::int64_t after_id, int limit);

namespace detail {
// For Database (store/database.cpp) only. Change rows recorded on `sql` are held
// back from now on, until write_held_back_changes or drop_held_back_changes.
// Requires: `sql` has just begun a PostgreSQL write transaction. The rows live
// in a thread-local list keyed by the session, since a session is leased to one
// thread for the whole transaction.
void hold_back_changes(soci::session& sql);
// Takes the feed's transaction-level advisory lock and inserts the held-back
// rows of `sql`, oldest first. Requires: called just before COMMIT; the lock is
// held until the transaction ends, so ids are taken in commit order.
void write_held_back_changes(soci::session& sql);
// Forgets the rows held back for `sql` (after COMMIT, or on rollback).
void drop_held_back_changes(soci::session& sql) noexcept;
}  // namespace detail

// Polls the feed on its own thread and calls the listeners with each batch of new
// changes. Listeners run on the follower's thread; add them before start().
class ChangeFollower {
 public:
  using Listener = std::function<void(const std::vector<Change>&)>;
  ChangeFollower(Database& db, int interval_ms = 500);
  ~ChangeFollower();
  void add_listener(Listener listener);
  // Starts after change `from`, or at the current end of the feed when -1.
  void start(std::int64_t from = -1);
  // Polls now (e.g. after a local write) instead of waiting for the interval.
  void poke();
  void stop() noexcept;
  std::int64_t position() const { return position_.load(); }

 private:
  void loop();
  Database& db_;
  int interval_ms_;
  std::vector<Listener> listeners_;
  std::atomic<std::int64_t> position_{0};
  std::mutex mutex_;  // guards stop_, poked_
  std::condition_variable wake_;
  bool stop_ = false;
  bool poked_ = false;
  std::thread thread_;
};

}  // namespace schakel::store
