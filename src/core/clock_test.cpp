#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(BrusselsTime, WallClockTimesConvertInWinterAndSummer) {
  // 3 March 2026 09:30 CET = 08:30 UTC; 10 June 2026 09:30 CEST = 07:30 UTC.
  EXPECT_EQ(brussels_to_utc("2026-03-03", "09:30"), 1772526600);
  EXPECT_EQ(brussels_to_utc("2026-06-10", "09:30"), 1781076600);
  EXPECT_EQ(format_time_nl(1772526600), "09:30");
  EXPECT_EQ(format_time_nl(1781076600), "09:30");
  EXPECT_EQ(format_weekday_date_nl(1772526600), "dinsdag 3 maart 2026");
  EXPECT_EQ(format_date_input(1781076600), "2026-06-10");
  EXPECT_EQ(format_month_key(1781076600), "2026-06");
  EXPECT_EQ(month_label_nl("2026-06"), "juni 2026");
}

TEST(BrusselsTime, TheChangeoverHoursAreReadOneWay) {
  // 29 March 2026: 02:30 does not exist; 25 October 2026: 02:30 happens twice.
  EXPECT_EQ(brussels_to_utc("2026-03-29", "02:30"), 1774747800);  // 01:30 UTC
  EXPECT_EQ(brussels_to_utc("2026-10-25", "02:30"), 1792888200);  // 00:30 UTC, summer
  EXPECT_EQ(brussels_to_utc("2026-10-25", "03:30"), 1792895400);  // 02:30 UTC, winter
}

TEST(BrusselsTime, MalformedDatesAndTimesAreRefused) {
  for (const auto& [date, time] :
       std::vector<std::pair<std::string, std::string>>{{"2026-02-29", "10:00"},
                                                        {"2026-13-01", "10:00"},
                                                        {"2026-1-01", "10:00"},
                                                        {"26-01-01", "10:00"},
                                                        {"2026-01-01", "24:00"},
                                                        {"2026-01-01", "10:60"},
                                                        {"2026-01-01", "1000"},
                                                        {"", ""},
                                                        {"2026-01-01x", "10:00"},
                                                        {"２０２６-01-01", "10:00"}})
    EXPECT_FALSE(brussels_to_utc(date, time)) << date << " " << time;
  EXPECT_TRUE(brussels_to_utc("2028-02-29", "10:00"));
  EXPECT_EQ(month_label_nl("2026-13"), "");
}

TEST(BrusselsTime, DateAtTimeNamesBothInDutch) {
  // 28 November 2026 13:03 UTC is 14:03 CET; 10 June 2026 07:30 UTC is 09:30 CEST.
  EXPECT_EQ(format_date_at_time_nl(1795870980), "28 november 2026 om 14:03");
  EXPECT_EQ(format_date_at_time_nl(1781076600), "10 juni 2026 om 09:30");
  EXPECT_EQ(format_time_nl(1795870980), "14:03");
}

}  // namespace
}  // namespace schakel
