#include "digest/period.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "core/clock.hpp"

namespace schakel::digest {

namespace {

// "2026-12-04" for a calendar day.
std::string date_of(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return date;
}

// The UTC moment that Brussels day `day` begins.
std::int64_t start_of(std::chrono::sys_days day) {
  const auto at = brussels_to_utc(date_of(day), "00:00");
  if (!at) throw std::logic_error("no start of day for " + date_of(day));
  return *at;
}

// The Brussels calendar day of `now`.
std::chrono::sys_days brussels_day(std::int64_t now) {
  return std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(now + brussels_offset(now))));
}

}  // namespace

Period last_completed(Frequency frequency, std::int64_t now) {
  using std::chrono::days;
  const auto today = brussels_day(now);
  Period p;
  p.frequency = frequency;
  if (frequency == Frequency::daily) {
    const auto day = today - days(1);
    p.key = "day:" + date_of(day);
    p.from = start_of(day);
    p.until = start_of(today);
    p.label = format_weekday_date_nl(p.from);
    return p;
  }
  if (frequency != Frequency::weekly) throw std::logic_error("a digest is daily or weekly");
  // Monday is weekday 1 in std::chrono; this week's Monday, then the one before.
  const std::chrono::weekday wd(today);
  const auto this_monday = today - days((wd.c_encoding() + 6) % 7);
  const auto monday = this_monday - days(7);
  p.key = "week:" + date_of(monday);
  p.from = start_of(monday);
  p.until = start_of(this_monday);
  p.label = "de week van " + format_date_nl(p.from);
  return p;
}

}  // namespace schakel::digest
