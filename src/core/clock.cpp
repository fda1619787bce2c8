#include "core/clock.hpp"
#include <cstdio>

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

namespace {
const char* const month_names[] = {"januari",   "februari", "maart",    "april",
                                   "mei",       "juni",     "juli",     "augustus",
                                   "september", "oktober",  "november", "december"};
std::tm brussels_tm(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + brussels_offset(unix_seconds));
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}
bool digits(const std::string& s, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < from + n; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}
int number(const std::string& s, std::size_t from, std::size_t n) {
  return std::stoi(s.substr(from, n));
}
}  // namespace

std::string format_weekday_date_nl(std::int64_t unix_seconds) {
  static const char* const days[] = {"zondag",    "maandag", "dinsdag", "woensdag",
                                     "donderdag", "vrijdag", "zaterdag"};
  const std::tm tm = brussels_tm(unix_seconds);
  return std::string(days[tm.tm_wday]) + " " + std::to_string(tm.tm_mday) + " " +
         month_names[tm.tm_mon] + " " + std::to_string(tm.tm_year + 1900);
}

std::string format_time_nl(std::int64_t unix_seconds) {
  const std::tm tm = brussels_tm(unix_seconds);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buf;
}

std::string format_date_at_time_nl(std::int64_t unix_seconds) {
  return format_date_nl(unix_seconds) + " om " + format_time_nl(unix_seconds);
}

std::string format_date_input(std::int64_t unix_seconds) {
  const std::tm tm = brussels_tm(unix_seconds);
  char buf[40];  // room for any three ints, so the compiler sees nothing cut off
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string format_month_key(std::int64_t unix_seconds) {
  return format_date_input(unix_seconds).substr(0, 7);
}

std::string month_label_nl(const std::string& key) {
  if (key.size() != 7 || !digits(key, 0, 4) || key[4] != '-' || !digits(key, 5, 2)) return {};
  const int month = number(key, 5, 2);
  if (month < 1 || month > 12) return {};
  return std::string(month_names[month - 1]) + " " + key.substr(0, 4);
}

std::optional<std::int64_t> brussels_to_utc(const std::string& date, const std::string& time) {
  if (date.size() != 10 || !digits(date, 0, 4) || date[4] != '-' || !digits(date, 5, 2) ||
      date[7] != '-' || !digits(date, 8, 2))
    return std::nullopt;
  if (time.size() != 5 || !digits(time, 0, 2) || time[2] != ':' || !digits(time, 3, 2))
    return std::nullopt;
  const int y = number(date, 0, 4), m = number(date, 5, 2), d = number(date, 8, 2);
  const int hh = number(time, 0, 2), mm = number(time, 3, 2);
  if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59) return std::nullopt;
  static const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > month_days[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  const std::int64_t as_utc = static_cast<std::int64_t>(timegm(&tm));
  // Try the summer offset first (the earlier moment of an ambiguous autumn hour).
  for (std::int64_t offset : {7200, 3600})
    if (brussels_offset(as_utc - offset) == offset) return as_utc - offset;
  return as_utc - 3600;  // the hour skipped in spring
}

}  // namespace schakel
