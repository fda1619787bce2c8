#pragma once
// Rate limits kept in the database, so that they hold across nodes: each
// counted event is a row; a bucket is over its limit when it holds `limit`
// events inside the window.
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::store {

struct RateRule {
  int limit = 10;
  std::int64_t window_seconds = 900;
};

// Thread-safe.
class RateLimiter {
 public:
  RateLimiter(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Seconds until `bucket` may be used again, or 0 when it is under its limit.
  std::int64_t wait_seconds(const std::string& bucket, const RateRule& rule);
  // Counts one event in `bucket`.
  void hit(const std::string& bucket);

  // Counts an attempt before it is made: the event is written first and the
  // bucket counted with it, so parallel attempts cannot all slip under the limit.
  // `wait` > 0 means refused (the event is taken back); else `id` names the event.
  struct Reservation {
    std::int64_t id = 0;
    std::int64_t wait = 0;
  };
  Reservation reserve(const std::string& bucket, const RateRule& rule);
  // Takes back a reserved event (the attempt turned out not to count).
  void release(std::int64_t id);
  // Forgets the events of `bucket` (e.g. after a successful sign-in).
  void clear(const std::string& bucket);
  // Deletes events older than `max_window_seconds`; returns how many.
  std::size_t purge(std::int64_t max_window_seconds);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::store
