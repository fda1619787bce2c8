#pragma once
// Weekly opening hours in Brussels local time and the "open now" rule of the way
// to help (issue 12). Pure: no database, no clock of its own; the caller passes
// the moment (Unix seconds, UTC) and the closing days.
//
// Rules, and why:
// - A day holds zero or more ranges "HH:MM-HH:MM" in local Brussels time; 24:00
//   may end a range (until midnight). A range never crosses midnight: "22:00-02:00"
//   is refused with a message that says to split it ("22:00-24:00" and, the next
//   day, "00:00-02:00"). Ranges that touch are one stretch: open until the last end.
// - Ranges of a day may not overlap (a typing mistake, refused with a message).
// - Wall-clock times are read on the day they fall on, so 09:00 is 09:00 in winter
//   and in summer. On the spring change a time in the skipped hour counts with the
//   winter offset (02:30 is 01:30 UTC); on the autumn change the doubled hour is
//   read as its first (summer) occurrence, like core's brussels_to_utc.
// - A closing day (a public holiday the coordinator entered) closes every range of
//   that local date; a channel that is always open ignores closing days (you can
//   always send an e-mail).
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace schakel::citizens {

// Minutes since local midnight: opens in [0, 1440), closes in (opens, 1440].
struct TimeRange {
  int opens = 0;
  int closes = 0;
  bool operator==(const TimeRange& o) const { return opens == o.opens && closes == o.closes; }
};

// Weekdays Monday first, as people in Belgium count them.
constexpr int days_per_week = 7;
// "maandag" ... "zondag" for 0 ... 6.
const char* weekday_name_nl(int weekday);
// "mon" ... "sun" for 0 ... 6 (form field suffixes).
const char* weekday_key(int weekday);

struct WeeklySchedule {
  bool always_open = false;
  std::array<std::vector<TimeRange>, days_per_week> days;  // sorted, not overlapping
  bool has_hours() const;
};

// The ranges written in `text`: "09:00-12:00, 13:00-17:00" (also "9:00-17:00",
// an en dash, ";" between ranges); empty text is a closed day. Sorted by start.
// An Error::invalid with field "" and a Dutch message naming the wrong part when
// a time is not a time of day, a range ends before it starts or crosses midnight,
// or two ranges overlap.
Result<std::vector<TimeRange>> parse_day_ranges(std::string_view text);
// "09:00-12:00, 13:00-17:00"; "" for no ranges. parse_day_ranges reads it back.
std::string format_day_ranges(const std::vector<TimeRange>& ranges);
// "09:00" for 540; "24:00" for 1440.
std::string format_minutes(int minutes);
// Minutes since midnight (0..1440) of "9", "09", "9:00", "09:00" or "9.00"; "24:00"
// is 1440. nullopt when `text` is no time of day (no blanks around it).
std::optional<int> parse_time_of_day(std::string_view text);

// A calendar date, "2026-12-25" <-> days since the epoch. nullopt when `text` is
// not an existing date written as YYYY-MM-DD.
std::optional<std::chrono::sys_days> parse_iso_date(std::string_view text);
std::string iso_date(std::chrono::sys_days day);
// The Brussels local date of a moment.
std::chrono::sys_days brussels_date(std::int64_t unix_seconds);
// The UTC moment of `minutes` after local midnight of `day` in Brussels (see the
// rules above for the hours of the clock changes); 1440 is the next midnight.
std::int64_t brussels_moment(std::chrono::sys_days day, int minutes);

// A channel's state at a moment.
struct OpenState {
  bool open = false;
  bool always = false;                    // always open: no until, no next opening
  std::optional<std::int64_t> until;      // open: when this stretch ends
  std::optional<std::int64_t> next_open;  // closed: the next opening within a year
  // The next moment this state (or its Dutch wording) may change: the end of the
  // stretch, the next opening, or the next local midnight ("morgen" becomes
  // "vandaag"), whichever comes first. Pages that cache the state keep it until then.
  std::int64_t valid_until = 0;
};

// The state of `schedule` at `now`, with `closing_days` (local dates) closed.
OpenState open_state(const WeeklySchedule& schedule,
                     const std::set<std::chrono::sys_days>& closing_days, std::int64_t now);

// Dutch wording of a state for a citizen: "Nu open tot 17:00.", "Gesloten. Opent
// morgen om 09:00.", "Gesloten. Opent maandag 6 april om 09:00.", "Altijd open."
// ("Gesloten." when there is no opening within a year).
std::string describe_state(const OpenState& state, std::int64_t now);
// "vandaag om 09:00", "morgen om 09:00", "maandag 6 april om 09:00" (the year is
// added when it is not the year of `now`), in Brussels time.
std::string moment_from_now_nl(std::int64_t moment, std::int64_t now);

// The week in readable lines for the public page: consecutive days with the same
// ranges are grouped: {"maandag tot en met vrijdag", "09:00-17:00"}, {"zaterdag en
// zondag", "gesloten"}.
struct HoursLine {
  std::string days;
  std::string hours;
};
std::vector<HoursLine> describe_week(const WeeklySchedule& schedule);

}  // namespace schakel::citizens
