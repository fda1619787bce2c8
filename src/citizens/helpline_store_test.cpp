// The way to help's store on SQLite and PostgreSQL: the channels the migration
// provides, hours written and read back, closing days, and the demo's unload.
#include <gtest/gtest.h>

#include "citizens/helpline_model.hpp"
#include "citizens/helpline_store.hpp"
#include "store/changes.hpp"
#include "test_support.hpp"

namespace schakel::citizens {
namespace {

using schakel::testing::BackendTest;

template <class B>
class HelplineStoreTest : public BackendTest<B> {
 protected:
  std::int64_t count(const std::string& sql_text) {
    long long n = 0;
    this->db().run([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return n;
  }
};
TYPED_TEST_SUITE(HelplineStoreTest, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(HelplineStoreTest, TheMigrationProvidesPhoneChatAndEmail) {
  HelplineStore store(this->db());
  const auto channels = store.channels();
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(channels[0].kind, ChannelKind::phone);
  EXPECT_EQ(channels[0].address, "1712");
  EXPECT_EQ(channels[1].kind, ChannelKind::chat);
  EXPECT_EQ(channels[2].kind, ChannelKind::email);
  EXPECT_TRUE(channels[2].schedule.always_open);
  EXPECT_FALSE(channels[0].schedule.has_hours());
}

TYPED_TEST(HelplineStoreTest, SavesAChannelWithSeveralRangesAndRecordsTheChange) {
  HelplineStore store(this->db());
  Channel chat = store.channels()[1];
  chat.address = "https://chat.voorbeeld.be";
  chat.offered = false;
  chat.schedule.days[1] = parse_day_ranges("09:00-12:00, 13:00-17:00").value();
  chat.schedule.days[6] = parse_day_ranges("22:00-24:00").value();
  const auto before =
      this->db().run([](soci::session& sql) { return store::latest_change_id(sql); });
  this->db().transact(
      [&](soci::session& sql) { HelplineStore::save_channel(sql, chat, false, 5); });
  const auto after =
      this->db().run([](soci::session& sql) { return store::latest_change_id(sql); });
  EXPECT_GT(after, before);

  const Channel read = store.channels()[1];
  EXPECT_EQ(read.address, "https://chat.voorbeeld.be");
  EXPECT_FALSE(read.offered);
  EXPECT_EQ(format_day_ranges(read.schedule.days[1]), "09:00-12:00, 13:00-17:00");
  EXPECT_EQ(format_day_ranges(read.schedule.days[6]), "22:00-24:00");
  EXPECT_TRUE(read.schedule.days[0].empty());
  // Saving again replaces the hours.
  chat.schedule = WeeklySchedule{};
  this->db().transact(
      [&](soci::session& sql) { HelplineStore::save_channel(sql, chat, false, 6); });
  EXPECT_FALSE(store.channels()[1].schedule.has_hours());
}

TYPED_TEST(HelplineStoreTest, KeepsClosingDaysInDateOrder) {
  HelplineStore store(this->db());
  std::int64_t christmas = 0;
  this->db().transact([&](soci::session& sql) {
    christmas = HelplineStore::add_closing_day(sql, {0, "2026-12-25", "Kerstmis", false}, 1);
    HelplineStore::add_closing_day(sql, {0, "2026-11-11", "Wapenstilstand", false}, 1);
    HelplineStore::add_closing_day(sql, {0, "2025-12-25", "Kerstmis", false}, 1);
  });
  const auto days = store.closing_days_from("2026-01-01");
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, "2026-11-11");
  EXPECT_EQ(days[1].name, "Kerstmis");
  EXPECT_EQ(store.closing_day(christmas)->day, "2026-12-25");
  this->db().run([&](soci::session& sql) {
    EXPECT_TRUE(HelplineStore::closing_day_on(sql, "2026-12-25"));
    EXPECT_FALSE(HelplineStore::closing_day_on(sql, "2026-12-26"));
  });
  this->db().transact(
      [&](soci::session& sql) { HelplineStore::remove_closing_day(sql, christmas, 2); });
  EXPECT_FALSE(store.closing_day(christmas));
  EXPECT_EQ(store.closing_days_from("2026-01-01").size(), 1u);
}

TYPED_TEST(HelplineStoreTest, TheDemoLoadsTheHoursOfFactsAndUnloadsOnlyItsOwnRows) {
  ManualClock clock(1'780'000'000);
  this->db().transact([&](soci::session& sql) {
    HelplineStore::add_closing_day(sql, {0, "2026-12-24", "Kerstavond", false}, 1);
    load_helpline_demo(sql, clock);
  });
  HelplineStore store(this->db());
  auto channels = store.channels();
  EXPECT_EQ(format_day_ranges(channels[0].schedule.days[0]), "09:00-17:00");
  EXPECT_TRUE(channels[0].schedule.days[5].empty());
  EXPECT_EQ(format_day_ranges(channels[1].schedule.days[2]), "17:00-19:00");
  EXPECT_TRUE(channels[1].schedule.days[0].empty());
  EXPECT_TRUE(channels[2].schedule.always_open);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM helpline_closing_days WHERE is_demo = 1"), 20);
  EXPECT_EQ(store.closing_days_from("2027-03-29").front().name, "Paasmaandag");

  this->db().transact([](soci::session& sql) { HelplineStore::delete_demo(sql); });
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM helpline_closing_days"), 1);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM helpline_hours"), 0);
  EXPECT_EQ(store.channels().size(), 3u);
}

}  // namespace
}  // namespace schakel::citizens
