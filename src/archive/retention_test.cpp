// Retention of scheduled backups on fixed dates, against sets counted by hand.
#include "archive/retention.hpp"

#include <gtest/gtest.h>

namespace schakel::archive {
namespace {

// 2026-12-06 02:00:00 UTC, a Sunday (the last day of ISO week 49).
constexpr std::int64_t dec6_0200 = 1796522400;
constexpr std::int64_t day = 86400;

std::vector<BackupFile> files_at(const std::vector<std::int64_t>& times) {
  std::vector<BackupFile> out;
  for (auto t : times) out.push_back({backup_name(t), t, 100});
  return out;
}

TEST(BackupNames, RoundTripAndRejectOtherNames) {
  EXPECT_EQ(backup_name(dec6_0200), "schakel-20261206-020000.db");
  EXPECT_EQ(backup_time("schakel-20261206-020000.db"), dec6_0200);
  EXPECT_FALSE(backup_time(".schakel-20261206-020000.db.partial"));
  EXPECT_FALSE(backup_time("schakel-20261306-020000.db"));  // month 13
  EXPECT_FALSE(backup_time("schakel-20260230-000000.db"));  // 30 February
  EXPECT_FALSE(backup_time("schakel-2026120x-020000.db"));
  EXPECT_FALSE(backup_time("schakel.db"));
}

TEST(BackupRetention, KeepsSevenDaysAndFourWeeks) {
  // A backup at 02:00 every day from 1 November to 6 December, and one more on
  // 5 December at 15:00 (the button).
  std::vector<std::int64_t> times;
  for (int d = 35; d >= 0; --d) times.push_back(dec6_0200 - d * day);
  times.push_back(dec6_0200 - day + 13 * 3600);
  const auto files = files_at(times);
  ASSERT_EQ(files.size(), 37u);
  // Days: 6, 5 (15:00, the newer of that day), 4, 3, 2, 1 December, 30 November.
  // Weeks (Monday to Sunday): 49 has 6 December already; 48, 47 and 46 end on
  // Sundays 29, 22 and 15 November.
  const std::vector<std::string> expected = {
      "schakel-20261206-020000.db", "schakel-20261205-150000.db", "schakel-20261204-020000.db",
      "schakel-20261203-020000.db", "schakel-20261202-020000.db", "schakel-20261201-020000.db",
      "schakel-20261130-020000.db", "schakel-20261129-020000.db", "schakel-20261122-020000.db",
      "schakel-20261115-020000.db"};
  EXPECT_EQ(backups_to_keep(files, 7, 4), expected);
  const auto deleted = backups_to_delete(files, 7, 4);
  EXPECT_EQ(deleted.size(), 27u);
  EXPECT_EQ(deleted.front(), "schakel-20261205-020000.db");
  EXPECT_EQ(deleted.back(), "schakel-20261101-020000.db");
}

TEST(BackupRetention, CountsDaysThatHaveABackupNotCalendarDays) {
  const auto files = files_at({dec6_0200, dec6_0200 - 5 * day, dec6_0200 - 16 * day});
  const std::vector<std::string> expected = {"schakel-20261206-020000.db",
                                             "schakel-20261201-020000.db"};
  EXPECT_EQ(backups_to_keep(files, 2, 0), expected);
  EXPECT_EQ(backups_to_delete(files, 2, 0), std::vector<std::string>{"schakel-20261120-020000.db"});
}

TEST(BackupRetention, AWeekStartsOnMonday) {
  // Sunday 29 November 23:59:59 and Monday 30 November 00:00:00 lie in two weeks.
  const std::int64_t monday = dec6_0200 - 6 * day - 2 * 3600;
  const auto files = files_at({monday - 1, monday});
  EXPECT_EQ(backups_to_keep(files, 0, 2),
            (std::vector<std::string>{"schakel-20261130-000000.db", "schakel-20261129-235959.db"}));
  EXPECT_EQ(backups_to_keep(files, 0, 1), std::vector<std::string>{"schakel-20261130-000000.db"});
}

TEST(BackupRetention, NothingToKeepDeletesEverythingAndNegativeCountsAsZero) {
  const auto files = files_at({dec6_0200, dec6_0200 - day});
  EXPECT_TRUE(backups_to_keep(files, 0, -3).empty());
  EXPECT_EQ(backups_to_delete(files, -1, 0).size(), 2u);
  EXPECT_TRUE(backups_to_keep({}, 7, 4).empty());
}

}  // namespace
}  // namespace schakel::archive
