// The "open now" rule of the way to help: a whole week hour by hour, both clock
// changes of Europe/Brussels, closing days, and the refused ways to write hours.
#include "citizens/opening_hours.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace schakel::citizens {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

std::int64_t at(const std::string& date, const std::string& time) {
  return brussels_to_utc(date, time).value();
}

std::int64_t utc(int y, unsigned m, unsigned d, int hh, int mm) {
  const sys_days day{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  return std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count() +
         hh * 3600 + mm * 60;
}

std::vector<TimeRange> ranges(const std::string& text) { return parse_day_ranges(text).value(); }

// The demo's 1712: phone on working days 9-17, chat Tuesday to Thursday 17-19.
WeeklySchedule phone() {
  WeeklySchedule s;
  for (int d = 0; d < 5; ++d) s.days[d] = ranges("09:00-17:00");
  return s;
}
WeeklySchedule chat() {
  WeeklySchedule s;
  for (int d = 1; d <= 3; ++d) s.days[d] = ranges("17:00-19:00");
  return s;
}

std::string text_at(const WeeklySchedule& s, std::int64_t now,
                    const std::set<sys_days>& closed = {}) {
  return describe_state(open_state(s, closed, now), now);
}

TEST(OpeningHours, ParsesSeveralRangesAndWritesThemBack) {
  auto two = parse_day_ranges("13:00-17:00, 09:00-12:00");
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two.value().size(), 2u);
  EXPECT_EQ(two.value()[0], (TimeRange{540, 720}));
  EXPECT_EQ(format_day_ranges(two.value()), "09:00-12:00, 13:00-17:00");
  EXPECT_EQ(format_day_ranges(ranges("9:00\xE2\x80\x93"
                                     "17:00; 18-19")),
            "09:00-17:00, 18:00-19:00");
  EXPECT_TRUE(ranges("  ").empty());
  EXPECT_EQ(format_day_ranges(ranges("22:00-24:00")), "22:00-24:00");
  // Ranges that touch are allowed: one stretch.
  EXPECT_EQ(ranges("09:00-12:00, 12:00-17:00").size(), 2u);
}

TEST(OpeningHours, RefusesTimesThatAreNoTimeOfDay) {
  for (const char* bad : {"25:00-26:00", "09:60-10:00", "24:00-24:30", "9:0-10:00", "negen-tien"}) {
    auto r = parse_day_ranges(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().fields.front().message.find("geen uur van de dag"), std::string::npos)
        << bad << ": " << r.error().fields.front().message;
  }
  auto r = parse_day_ranges("25:00-26:00");
  EXPECT_EQ(r.error().fields.front().message.rfind("25:00 is geen uur van de dag", 0), 0u);
  auto word = parse_day_ranges("ochtend");
  ASSERT_FALSE(word.ok());
  EXPECT_NE(word.error().fields.front().message.find("geen tijdvak"), std::string::npos);
}

TEST(OpeningHours, RefusesOverlappingRanges) {
  auto r = parse_day_ranges("09:00-12:00, 11:00-13:00");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.front().message,
            "09:00-12:00 en 11:00-13:00 overlappen. Laat tijdvakken niet overlappen.");
}

TEST(OpeningHours, RefusesARangeThatCrossesMidnightAndSaysHowToSplitIt) {
  auto r = parse_day_ranges("22:00-02:00");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().fields.front().message.find("over middernacht"), std::string::npos);
  EXPECT_FALSE(parse_day_ranges("10:00-10:00").ok());
}

TEST(OpeningHours, AWholeWeekHourByHour) {
  // Monday 2 March 2026, 00:30 in Brussels (winter time), for 7 x 24 hours.
  ManualClock clock(at("2026-03-02", "00:30"));
  const auto tel = phone(), online = chat();
  for (int hour = 0; hour < 7 * 24; ++hour, clock.advance(3600)) {
    const std::int64_t now = clock.now();
    const int weekday = hour / 24, local_hour = hour % 24;
    const bool phone_open = weekday < 5 && local_hour >= 9 && local_hour < 17;
    const bool chat_open = weekday >= 1 && weekday <= 3 && local_hour >= 17 && local_hour < 19;
    EXPECT_EQ(open_state(tel, {}, now).open, phone_open) << format_utc(now);
    EXPECT_EQ(open_state(online, {}, now).open, chat_open) << format_utc(now);
  }
  EXPECT_EQ(text_at(tel, at("2026-03-02", "08:00")), "Gesloten. Opent vandaag om 09:00.");
  EXPECT_EQ(text_at(tel, at("2026-03-02", "12:00")), "Nu open tot 17:00.");
  EXPECT_EQ(text_at(tel, at("2026-03-05", "18:00")), "Gesloten. Opent morgen om 09:00.");
  EXPECT_EQ(text_at(tel, at("2026-03-06", "17:00")), "Gesloten. Opent maandag 9 maart om 09:00.");
  EXPECT_EQ(text_at(online, at("2026-03-03", "18:59")), "Nu open tot 19:00.");
  EXPECT_EQ(text_at(online, at("2026-03-08", "12:00")),
            "Gesloten. Opent dinsdag 10 maart om 17:00.");
}

TEST(OpeningHours, KeepsWallClockHoursAcrossTheSpringChange) {
  // Saturday 28 March 2026, noon (CET); the clocks go forward on Sunday 29 March.
  const std::int64_t saturday = utc(2026, 3, 28, 11, 0);
  const auto state = open_state(phone(), {}, saturday);
  EXPECT_FALSE(state.open);
  EXPECT_EQ(*state.next_open, utc(2026, 3, 30, 7, 0));  // 09:00 CEST
  EXPECT_EQ(text_at(phone(), saturday), "Gesloten. Opent maandag 30 maart om 09:00.");
  // Open 01:00-04:00 on the night of the change: two real hours.
  WeeklySchedule night;
  night.days[6] = ranges("01:00-04:00");
  const auto during = open_state(night, {}, utc(2026, 3, 29, 0, 30));  // 01:30 CET
  EXPECT_TRUE(during.open);
  EXPECT_EQ(*during.until, utc(2026, 3, 29, 2, 0));                  // 04:00 CEST
  EXPECT_TRUE(open_state(night, {}, utc(2026, 3, 29, 1, 30)).open);  // 03:30 CEST
  EXPECT_EQ(*open_state(night, {}, utc(2026, 3, 28, 23, 0)).next_open, utc(2026, 3, 29, 0, 0));
}

TEST(OpeningHours, KeepsWallClockHoursAcrossTheAutumnChange) {
  // Friday 23 October 2026, 16:00 summer time; the clocks go back on Sunday 25 October.
  const auto friday = open_state(phone(), {}, utc(2026, 10, 23, 14, 0));
  EXPECT_TRUE(friday.open);
  EXPECT_EQ(*friday.until, utc(2026, 10, 23, 15, 0));
  const std::int64_t saturday = utc(2026, 10, 24, 10, 0);
  EXPECT_EQ(*open_state(phone(), {}, saturday).next_open, utc(2026, 10, 26, 8, 0));  // 09:00 CET
  EXPECT_EQ(text_at(phone(), saturday), "Gesloten. Opent maandag 26 oktober om 09:00.");
  // Open 01:00-04:00 on the night of the change: four real hours.
  WeeklySchedule night;
  night.days[6] = ranges("01:00-04:00");
  const auto during = open_state(night, {}, utc(2026, 10, 25, 0, 30));
  EXPECT_TRUE(during.open);
  EXPECT_EQ(*open_state(night, {}, utc(2026, 10, 24, 22, 0)).next_open,
            utc(2026, 10, 24, 23, 0));                                // 01:00 CEST
  EXPECT_EQ(*during.until, utc(2026, 10, 25, 3, 0));                  // 04:00 CET
  EXPECT_TRUE(open_state(night, {}, utc(2026, 10, 25, 2, 30)).open);  // 03:30 CET
}

TEST(OpeningHours, ClosingDaysTheCoordinatorEnteredCloseEveryRange) {
  const std::set<sys_days> easter_monday = {*parse_iso_date("2026-04-06")};
  const std::int64_t friday = at("2026-04-03", "18:00");
  EXPECT_EQ(text_at(phone(), friday), "Gesloten. Opent maandag 6 april om 09:00.");
  EXPECT_EQ(text_at(phone(), friday, easter_monday), "Gesloten. Opent dinsdag 7 april om 09:00.");
  EXPECT_FALSE(open_state(phone(), easter_monday, at("2026-04-06", "10:00")).open);
  EXPECT_TRUE(open_state(phone(), {}, at("2026-04-06", "10:00")).open);
  // A channel that is always open stays open.
  WeeklySchedule mail;
  mail.always_open = true;
  EXPECT_TRUE(open_state(mail, easter_monday, at("2026-04-06", "10:00")).open);
  EXPECT_EQ(text_at(mail, at("2026-04-06", "10:00"), easter_monday), "Altijd open.");
  // Christmas and the next day closed: the Friday after opens.
  const std::set<sys_days> christmas = {*parse_iso_date("2026-12-24"),
                                        *parse_iso_date("2026-12-25")};
  EXPECT_EQ(text_at(phone(), at("2026-12-23", "17:30"), christmas),
            "Gesloten. Opent maandag 28 december om 09:00.");
  EXPECT_EQ(text_at(phone(), at("2026-12-31", "17:30"), {*parse_iso_date("2027-01-01")}),
            "Gesloten. Opent maandag 4 januari 2027 om 09:00.");
}

TEST(OpeningHours, TouchingRangesAndMidnightMakeOneStretch) {
  WeeklySchedule late;
  late.days[0] = ranges("18:00-20:00, 20:00-24:00");
  late.days[1] = ranges("00:00-02:00");
  EXPECT_EQ(text_at(late, at("2026-03-02", "19:00")), "Nu open tot morgen om 02:00.");
  late.days[1].clear();
  EXPECT_EQ(text_at(late, at("2026-03-02", "19:00")), "Nu open tot middernacht.");
  // A closing day on Tuesday ends Monday's stretch at midnight.
  late.days[1] = ranges("00:00-02:00");
  EXPECT_EQ(text_at(late, at("2026-03-02", "23:00"), {*parse_iso_date("2026-03-03")}),
            "Nu open tot middernacht.");
}

TEST(OpeningHours, TheStateIsValidUntilTheNextChangeOrMidnight) {
  EXPECT_EQ(open_state(phone(), {}, at("2026-03-02", "08:00")).valid_until,
            at("2026-03-02", "09:00"));
  EXPECT_EQ(open_state(phone(), {}, at("2026-03-02", "12:00")).valid_until,
            at("2026-03-02", "17:00"));
  // Saturday: closed all day, but "maandag" is worded from today: until midnight.
  EXPECT_EQ(open_state(phone(), {}, at("2026-03-07", "12:00")).valid_until,
            at("2026-03-08", "00:00"));
  // No hours at all: closed, no next opening.
  const auto none = open_state(WeeklySchedule{}, {}, at("2026-03-07", "12:00"));
  EXPECT_FALSE(none.open);
  EXPECT_FALSE(none.next_open);
  EXPECT_EQ(describe_state(none, at("2026-03-07", "12:00")), "Gesloten.");
}

TEST(OpeningHours, DescribesTheWeekInGroupsOfDays) {
  const auto lines = describe_week(chat());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].days, "maandag");
  EXPECT_EQ(lines[0].hours, "gesloten");
  EXPECT_EQ(lines[1].days, "dinsdag tot en met donderdag");
  EXPECT_EQ(lines[1].hours, "17:00-19:00");
  EXPECT_EQ(lines[2].days, "vrijdag tot en met zondag");
  const auto tel = describe_week(phone());
  ASSERT_EQ(tel.size(), 2u);
  EXPECT_EQ(tel[1].days, "zaterdag en zondag");
}

TEST(OpeningHours, ReadsOnlyExistingDates) {
  EXPECT_EQ(iso_date(*parse_iso_date("2028-02-29")), "2028-02-29");
  for (const char* bad : {"2026-02-30", "2026-13-01", "25/12/2026", "2026-1-01", ""})
    EXPECT_FALSE(parse_iso_date(bad)) << bad;
}

}  // namespace
}  // namespace schakel::citizens
