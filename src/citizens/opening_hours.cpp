#include "citizens/opening_hours.hpp"

#include <algorithm>
#include <cstdio>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace schakel::citizens {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

const char* const weekday_names[days_per_week] = {"maandag", "dinsdag",  "woensdag", "donderdag",
                                                  "vrijdag", "zaterdag", "zondag"};
const char* const weekday_keys[days_per_week] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const char* const month_names[] = {"januari",   "februari", "maart",    "april",
                                   "mei",       "juni",     "juli",     "augustus",
                                   "september", "oktober",  "november", "december"};
constexpr int minutes_per_day = 24 * 60;
constexpr std::int64_t seconds_per_day = 86400;
// How far ahead the next opening is looked for.
constexpr int horizon_days = 400;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Error bad_time(std::string_view t) {
  return Error::invalid("", std::string(t) +
                                " is geen uur van de dag. Gebruik uren van 00:00 tot 24:00, "
                                "zoals 09:00-17:00.");
}

int weekday_index(sys_days day) {
  return static_cast<int>(std::chrono::weekday{day}.iso_encoding()) - 1;  // Monday 0
}

std::int64_t seconds_of(sys_days day) {
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count();
}

// One opening of a schedule as UTC moments.
struct Stretch {
  std::int64_t opens;
  std::int64_t closes;
};

}  // namespace

std::optional<int> parse_time_of_day(std::string_view t) {
  std::string_view hours = t, minutes = "00";
  const auto sep = t.find_first_of(":.");
  if (sep != std::string_view::npos) {
    hours = t.substr(0, sep);
    minutes = t.substr(sep + 1);
  }
  if (!all_digits(hours) || hours.size() > 2 || !all_digits(minutes) || minutes.size() != 2)
    return std::nullopt;
  const int h = std::stoi(std::string(hours)), m = std::stoi(std::string(minutes));
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

const char* weekday_name_nl(int weekday) { return weekday_names[weekday]; }
const char* weekday_key(int weekday) { return weekday_keys[weekday]; }

bool WeeklySchedule::has_hours() const {
  return std::any_of(days.begin(), days.end(), [](const auto& d) { return !d.empty(); });
}

Result<std::vector<TimeRange>> parse_day_ranges(std::string_view input) {
  std::string text(input);
  // An en dash or em dash between times reads as a hyphen.
  for (const char* dash : {"\xE2\x80\x93", "\xE2\x80\x94"})
    for (auto at = text.find(dash); at != std::string::npos; at = text.find(dash))
      text.replace(at, 3, "-");
  std::vector<TimeRange> ranges;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto end = text.find_first_of(",;", pos);
    const std::string part =
        trim(std::string_view(text).substr(pos, end == std::string::npos ? end : end - pos));
    pos = end == std::string::npos ? text.size() + 1 : end + 1;
    if (part.empty()) continue;
    const auto dash = part.find('-');
    if (dash == std::string::npos || part.find('-', dash + 1) != std::string::npos)
      return Error::invalid("", "\"" + part +
                                    "\" is geen tijdvak. Schrijf tijdvakken zoals 09:00-17:00, "
                                    "met een komma ertussen.");
    const std::string from = trim(part.substr(0, dash)), to = trim(part.substr(dash + 1));
    const auto opens = parse_time_of_day(from);
    if (!opens || *opens == minutes_per_day) return bad_time(from);
    const auto closes = parse_time_of_day(to);
    if (!closes) return bad_time(to);
    if (*closes <= *opens)
      return Error::invalid("", part +
                                    ": het einde komt niet na het begin. Een tijdvak kan niet "
                                    "over middernacht lopen: schrijf bijvoorbeeld 22:00-24:00 en "
                                    "op de volgende dag 00:00-02:00.");
    ranges.push_back({*opens, *closes});
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const TimeRange& a, const TimeRange& b) { return a.opens < b.opens; });
  for (std::size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].opens < ranges[i - 1].closes)
      return Error::invalid("", format_day_ranges({ranges[i - 1]}) + " en " +
                                    format_day_ranges({ranges[i]}) +
                                    " overlappen. Laat tijdvakken niet overlappen.");
  return ranges;
}

std::string format_minutes(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string format_day_ranges(const std::vector<TimeRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) {
    if (!out.empty()) out += ", ";
    out += format_minutes(r.opens) + "-" + format_minutes(r.closes);
  }
  return out;
}

std::optional<sys_days> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2)))
    return std::nullopt;
  const std::chrono::year_month_day ymd{
      std::chrono::year{std::stoi(std::string(text.substr(0, 4)))},
      std::chrono::month{static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))))},
      std::chrono::day{static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))))}};
  if (!ymd.ok() || ymd.year() < std::chrono::year{1970}) return std::nullopt;
  return sys_days{ymd};
}

std::string iso_date(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

sys_days brussels_date(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + brussels_offset(unix_seconds);
  const std::int64_t day = local >= 0 ? local / seconds_per_day : (local + 1) / seconds_per_day - 1;
  return sys_days{days{day}};
}

std::int64_t brussels_moment(sys_days day, int minutes) {
  const std::int64_t as_utc = seconds_of(day) + static_cast<std::int64_t>(minutes) * 60;
  // The summer offset first: the earlier moment of the doubled autumn hour.
  for (std::int64_t offset : {7200, 3600})
    if (brussels_offset(as_utc - offset) == offset) return as_utc - offset;
  return as_utc - 3600;  // the hour skipped in spring, read with the winter offset
}

OpenState open_state(const WeeklySchedule& schedule, const std::set<sys_days>& closing_days,
                     std::int64_t now) {
  const sys_days today = brussels_date(now);
  const std::int64_t midnight = brussels_moment(today + days{1}, 0);
  OpenState state;
  state.valid_until = midnight;
  if (schedule.always_open) {
    state.open = state.always = true;
    return state;
  }
  if (!schedule.has_hours()) return state;
  std::optional<std::int64_t> until;
  for (int offset = 0; offset < horizon_days; ++offset) {
    const sys_days day = today + days{offset};
    if (closing_days.count(day)) {
      if (until) break;  // a closed day ends the stretch
      continue;
    }
    for (const auto& range : schedule.days[weekday_index(day)]) {
      const Stretch s{brussels_moment(day, range.opens), brussels_moment(day, range.closes)};
      if (until) {
        if (s.opens > *until) break;
        until = std::max(*until, s.closes);  // touching ranges: one stretch
        continue;
      }
      if (s.closes <= now) continue;
      if (s.opens <= now) {
        until = s.closes;
        continue;
      }
      state.next_open = s.opens;
      state.valid_until = std::min(midnight, s.opens);
      return state;
    }
    // A stretch goes on into the next day only when it reached midnight.
    if (until && *until < brussels_moment(day + days{1}, 0)) break;
  }
  if (until) {
    state.open = true;
    state.until = until;
    state.valid_until = std::min(midnight, *until);
  }
  return state;
}

std::string moment_from_now_nl(std::int64_t moment, std::int64_t now) {
  const sys_days day = brussels_date(moment), today = brussels_date(now);
  const std::string time = format_time_nl(moment);
  if (day == today) return "vandaag om " + time;
  if (day == today + days{1}) return "morgen om " + time;
  const std::chrono::year_month_day ymd{day}, now_ymd{today};
  std::string out = std::string(weekday_names[weekday_index(day)]) + " " +
                    std::to_string(static_cast<unsigned>(ymd.day())) + " " +
                    month_names[static_cast<unsigned>(ymd.month()) - 1];
  if (ymd.year() != now_ymd.year()) out += " " + std::to_string(static_cast<int>(ymd.year()));
  return out + " om " + time;
}

std::string describe_state(const OpenState& state, std::int64_t now) {
  if (state.always) return "Altijd open.";
  if (state.open) {
    const std::int64_t until = *state.until;
    const sys_days today = brussels_date(now);
    if (brussels_date(until) == today) return "Nu open tot " + format_time_nl(until) + ".";
    if (until == brussels_moment(today + days{1}, 0)) return "Nu open tot middernacht.";
    return "Nu open tot " + moment_from_now_nl(until, now) + ".";
  }
  if (!state.next_open) return "Gesloten.";
  return "Gesloten. Opent " + moment_from_now_nl(*state.next_open, now) + ".";
}

std::vector<HoursLine> describe_week(const WeeklySchedule& schedule) {
  if (schedule.always_open) return {{"elke dag", "altijd"}};
  std::vector<HoursLine> lines;
  for (int first = 0; first < days_per_week;) {
    int last = first;
    while (last + 1 < days_per_week && schedule.days[last + 1] == schedule.days[first]) ++last;
    std::string label = weekday_names[first];
    if (last == first + 1)
      label += std::string(" en ") + weekday_names[last];
    else if (last > first + 1)
      label += std::string(" tot en met ") + weekday_names[last];
    const auto& ranges = schedule.days[first];
    lines.push_back({label, ranges.empty() ? "gesloten" : format_day_ranges(ranges)});
    first = last + 1;
  }
  return lines;
}

}  // namespace schakel::citizens
