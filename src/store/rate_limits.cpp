#include "store/rate_limits.hpp"

#include "store/row.hpp"

namespace schakel::store {

std::int64_t RateLimiter::wait_seconds(const std::string& bucket, const RateRule& rule) {
  const long long now = clock_.now();
  const long long since = now - rule.window_seconds;
  std::int64_t wait = 0;
  db_.run([&](soci::session& sql) {
    int count = 0;
    sql << "SELECT COUNT(*) FROM rate_events WHERE bucket = :b AND at > :s", soci::use(bucket),
        soci::use(since), soci::into(count);
    if (count < rule.limit) return;
    // The limit frees up when the oldest event that still counts leaves the window.
    const int skip = count - rule.limit;
    long long oldest = now;
    sql << "SELECT at FROM rate_events WHERE bucket = :b AND at > :s ORDER BY at LIMIT 1 OFFSET :k",
        soci::use(bucket), soci::use(since), soci::use(skip), soci::into(oldest);
    wait = std::max<std::int64_t>(1, oldest + rule.window_seconds - now + 1);
  });
  return wait;
}

void RateLimiter::hit(const std::string& bucket) {
  const long long now = clock_.now();
  db_.run([&](soci::session& sql) {
    sql << "INSERT INTO rate_events (bucket, at) VALUES (:b, :t)", soci::use(bucket),
        soci::use(now);
  });
}

RateLimiter::Reservation RateLimiter::reserve(const std::string& bucket, const RateRule& rule) {
  const long long now = clock_.now();
  const long long since = now - rule.window_seconds;
  long long id = 0;
  int count = 0;
  db_.run([&](soci::session& sql) {
    sql << "INSERT INTO rate_events (bucket, at) VALUES (:b, :t) RETURNING id", soci::use(bucket),
        soci::use(now), soci::into(id);
    sql << "SELECT COUNT(*) FROM rate_events WHERE bucket = :b AND at > :s", soci::use(bucket),
        soci::use(since), soci::into(count);
  });
  if (count <= rule.limit) return Reservation{id, 0};
  release(id);
  return Reservation{0, std::max<std::int64_t>(1, wait_seconds(bucket, rule))};
}

void RateLimiter::release(std::int64_t id) {
  if (id == 0) return;
  long long key = id;
  db_.run(
      [&](soci::session& sql) { sql << "DELETE FROM rate_events WHERE id = :i", soci::use(key); });
}

void RateLimiter::clear(const std::string& bucket) {
  db_.run([&](soci::session& sql) {
    sql << "DELETE FROM rate_events WHERE bucket = :b", soci::use(bucket);
  });
}

std::size_t RateLimiter::purge(std::int64_t max_window_seconds) {
  const long long before = clock_.now() - max_window_seconds;
  std::size_t removed = 0;
  db_.run([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "DELETE FROM rate_events WHERE at < :b", soci::use(before));
    st.execute(true);
    removed = static_cast<std::size_t>(st.get_affected_rows());
  });
  return removed;
}

}  // namespace schakel::store
