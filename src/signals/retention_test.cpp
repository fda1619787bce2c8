#include "signals/retention.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "signals/guard_test_rows.hpp"
#include "signals/timeline_store.hpp"
#include "store/changes.hpp"
#include "test_support.hpp"

namespace schakel::signals {
namespace {

using testing::BackendNames;
using testing::Backends;
using testing::BackendTest;

constexpr std::int64_t day = 86400;

template <class B>
class Retention : public BackendTest<B> {};
TYPED_TEST_SUITE(Retention, Backends, BackendNames);

long long count(soci::session& sql, const std::string& query, std::int64_t id) {
  long long n = 0;
  const long long v = id;
  sql << query, soci::use(v), soci::into(n);
  return n;
}

TEST(RetentionCutoff, CountsCalendarYears) {
  // 2026-07-30 10:00:00 UTC -> 2023-07-30 10:00:00 UTC.
  EXPECT_EQ(retention_cutoff(1785405600, 3), 1690711200);
  // 2028-02-29 00:00 UTC -> 2025-02-28 00:00 UTC.
  EXPECT_EQ(retention_cutoff(1835395200, 3), 1740700800);
}

TYPED_TEST(Retention, DeletesSignalsClosedLongerAgoThanTheRuleWithTheirTraces) {
  ManualClock clock(1785405600);  // 2026-07-30 10:00 UTC
  const std::int64_t now = clock.now();
  const std::int64_t three_years = now - retention_cutoff(now, 3);
  std::int64_t old_id = 0, recent_id = 0, open_id = 0, need_id = 0;
  this->db().transact([&](soci::session& sql) {
    old_id = test_rows::add_signal(sql, "44021", "Signaal van lang geleden", {"child_abuse"},
                                   now - three_years - day);
    recent_id = test_rows::add_signal(sql, "44021", "Signaal van bijna drie jaar", {"child_abuse"},
                                      now - three_years + day);
    open_id = test_rows::add_signal(sql, "41002", "Open signaal", {"elder_abuse"}, std::nullopt,
                                    false, now - 5 * three_years);
    need_id =
        test_rows::add_need(sql, "Nood", "", std::nullopt, {"child_abuse"}, {old_id, recent_id});
    for (const std::int64_t id : {old_id, recent_id, open_id}) {
      TimelineEntry e;
      e.subject_kind = "signal";
      e.subject_id = id;
      e.at = now - 4 * three_years;
      e.event = "created";
      e.summary = "Signaal aangemaakt";
      TimelineStore::append(sql, e);
    }
  });
  const std::int64_t feed_before =
      this->db().run([](soci::session& sql) { return store::latest_change_id(sql); });

  EXPECT_EQ(delete_expired_signals(this->db(), clock.now(), 3), 1);

  this->db().run([&](soci::session& sql) {
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signals WHERE id = :id", old_id), 0);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signal_themes WHERE signal_id = :id", old_id), 0);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM need_signals WHERE signal_id = :id", old_id), 0);
    EXPECT_EQ(count(sql,
                    "SELECT COUNT(*) FROM signal_timeline WHERE subject_kind = 'signal' AND "
                    "subject_id = :id",
                    old_id),
              0);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signals WHERE id = :id", recent_id), 1);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signals WHERE id = :id", open_id), 1);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM need_signals WHERE signal_id = :id", recent_id), 1);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM needs WHERE id = :id", need_id), 1);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signal_timeline WHERE subject_id = :id", recent_id),
              1);
    const auto changes = store::changes_after(sql, feed_before, 10);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].entity, "signal");
    EXPECT_EQ(changes[0].entity_id, std::to_string(old_id));
    EXPECT_EQ(changes[0].action, "deleted");
  });

  // Two days later the one closed three years minus a day ago goes too; a
  // second run the same day finds nothing more.
  clock.advance(2 * day);
  EXPECT_EQ(delete_expired_signals(this->db(), clock.now(), 3), 1);
  EXPECT_EQ(delete_expired_signals(this->db(), clock.now(), 3), 0);
  this->db().run([&](soci::session& sql) {
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signals WHERE id = :id", recent_id), 0);
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signals WHERE id = :id", open_id), 1);
  });
}

TYPED_TEST(Retention, FollowsTheConfiguredYears) {
  const std::int64_t now = 1785405600;
  std::int64_t id = 0;
  this->db().transact([&](soci::session& sql) {
    id = test_rows::add_signal(sql, "44021", "Twee jaar gesloten", {"child_abuse"},
                               now - 2 * 366 * day);
  });
  EXPECT_EQ(delete_expired_signals(this->db(), now, 3), 0);
  EXPECT_EQ(delete_expired_signals(this->db(), now, 1), 1);
  this->db().run([&](soci::session& sql) {
    EXPECT_EQ(count(sql, "SELECT COUNT(*) FROM signals WHERE id = :id", id), 0);
  });
}

}  // namespace
}  // namespace schakel::signals

namespace schakel::signals {
namespace {

TEST(PrivacyStatement, NamesWhatTheGuardRefusesAndTheConfiguredRetention) {
  Config config;
  config.signals_retention_years = 5;
  testing::TestServer server(store::Backend::sqlite, config);
  const auto reply = testing::http_get(server.port(), "/privacy");
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("Een afgesloten signaal bewaren we 5 jaar."), std::string::npos);
  for (const char* kind : {"rijksregisternummer of BIS-nummer", "telefoonnummer", "e-mailadres",
                           "rekeningnummer (IBAN)", "nummerplaat", "adres met huisnummer"}) {
    EXPECT_NE(reply.body.find(kind), std::string::npos) << kind;
  }
}

}  // namespace
}  // namespace schakel::signals
