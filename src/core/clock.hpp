#pragma once
// Time as the platform sees it: seconds since the Unix epoch, UTC. Services take
// a Clock so tests can move time (expiry of sessions, offers, links).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace schakel {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since 1970-01-01T00:00:00Z. Thread-safe.
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override;
};

// A clock that stands still until moved. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start) : now_(start) {}
  std::int64_t now() const override { return now_.load(); }
  void advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<std::int64_t> now_;
};

// "2026-11-28T23:21:54Z" for a Unix time.
std::string format_utc(std::int64_t unix_seconds);
// Offset of Europe/Brussels from UTC at that moment: 3600 (CET) or 7200 (CEST).
std::int64_t brussels_offset(std::int64_t unix_seconds);
// "28 november 2026" for a Unix time, in Dutch (Europe/Brussels date).
std::string format_date_nl(std::int64_t unix_seconds);
// "dinsdag 3 maart 2026" (Europe/Brussels date).
std::string format_weekday_date_nl(std::int64_t unix_seconds);
// "09:30" (Europe/Brussels time).
std::string format_time_nl(std::int64_t unix_seconds);
// "28 november 2026 om 14:03" (Europe/Brussels date and time).
std::string format_date_at_time_nl(std::int64_t unix_seconds);
// "2026-03-03" and "09:30", as date and time inputs show them (Europe/Brussels).
std::string format_date_input(std::int64_t unix_seconds);
// "2026-03" (Europe/Brussels month), for month filters.
std::string format_month_key(std::int64_t unix_seconds);
// "maart 2026" for a "2026-03" key; "" when the key is malformed.
std::string month_label_nl(const std::string& month_key);
// The UTC moment of a wall-clock time in Brussels. `date` is "YYYY-MM-DD" and
// `time` "HH:MM"; nullopt when either is malformed or not a real date/time.
// A time skipped by the spring change is read with the winter offset; a time
// that occurs twice in autumn is read as the first (summer) one.
std::optional<std::int64_t> brussels_to_utc(const std::string& date, const std::string& time);

}  // namespace schakel
