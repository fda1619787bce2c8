#include "core/clock.hpp"

#include <chrono>
#include <ctime>

namespace schakel {

namespace {

// Unix time of the last Sunday of `month` (1-12) of `year` at 01:00 UTC: the EU
// moment of change between CET and CEST.
std::int64_t last_sunday_0100_utc(int year, unsigned month) {
  using namespace std::chrono;
  year_month_day_last last{std::chrono::year{year} / std::chrono::month{month} / std::chrono::last};
  sys_days day{last};
  weekday wd{day};
  day -= days{(wd.c_encoding() + 7 - 0) % 7};  // back to Sunday
  return duration_cast<seconds>(day.time_since_epoch()).count() + 3600;
}

}  // namespace

std::int64_t SystemClock::now() const {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t brussels_offset(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  int year = tm.tm_year + 1900;
  bool summer = unix_seconds >= last_sunday_0100_utc(year, 3) &&
                unix_seconds < last_sunday_0100_utc(year, 10);
  return summer ? 7200 : 3600;
}

std::string format_utc(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string format_date_nl(std::int64_t unix_seconds) {
  static const char* const months[] = {"januari",   "februari", "maart",    "april",
                                       "mei",       "juni",     "juli",     "augustus",
                                       "september", "oktober",  "november", "december"};
  std::time_t t = static_cast<std::time_t>(unix_seconds + brussels_offset(unix_seconds));
  std::tm tm{};
  gmtime_r(&t, &tm);
  return std::to_string(tm.tm_mday) + " " + months[tm.tm_mon] + " " +
         std::to_string(tm.tm_year + 1900);
}

}  // namespace schakel
