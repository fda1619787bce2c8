#include "store/horizon.hpp"

#include "store/prepared.hpp"

namespace schakel::store {

std::string horizon_only(Backend backend) {
  return backend == Backend::postgresql ? "SELECT pg_current_snapshot()::text" : "";
}

std::string select_unless_unchanged(Backend backend,
                                    const std::vector<std::string>& scalar_queries) {
  std::string text = "SELECT n.horizon";
  for (const auto& query : scalar_queries) {
    // PostgreSQL evaluates a subquery in a CASE branch only when the branch is
    // taken, so an unchanged horizon costs no table access at all.
    if (backend == Backend::postgresql)
      text += ", CASE WHEN n.same THEN NULL ELSE (" + query + ") END";
    else
      text += ", (" + query + ")";
  }
  if (backend == Backend::postgresql)
    text +=
        " FROM (SELECT pg_current_snapshot()::text AS horizon, "
        "pg_current_snapshot()::text = :known AS same) n";
  else
    text += " FROM (SELECT '' AS horizon, :known AS same) n";
  return text;
}

std::string HorizonReader::read(soci::session& sql) {
  std::unique_lock lock(mutex_);
  // Any read started from now on will do; one under way started before.
  const std::uint64_t wanted = started_ + 1;
  while (finished_ < wanted) {
    if (running_) {
      ended_.wait(lock);
      continue;
    }
    const std::uint64_t mine = ++started_;  // >= wanted: started after the call
    running_ = true;
    lock.unlock();
    std::string horizon;
    try {
      query_one(sql, text_, soci::into(horizon));
    } catch (...) {
      lock.lock();
      running_ = false;
      ended_.notify_all();  // a waiting thread starts the next read
      throw;
    }
    lock.lock();
    running_ = false;
    finished_ = mine;
    last_ = std::move(horizon);
    ended_.notify_all();
  }
  return last_;
}

std::uint64_t HorizonReader::reads() const {
  std::lock_guard lock(mutex_);
  return started_;
}

}  // namespace schakel::store
