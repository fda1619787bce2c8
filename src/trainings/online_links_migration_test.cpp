// Migration 0017 on SQLite and PostgreSQL: online session links stored as
// http:// before the https:// rule are rewritten to https://; other links and
// empty ones stay as they were.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/migrations.hpp"
#include "test_support.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;

template <class B>
class OnlineLinksMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    database_ = std::make_unique<schakel::testing::TestDatabase>(B::backend);
  }
  store::Database& db() { return database_->db(); }
  std::unique_ptr<schakel::testing::TestDatabase> database_;
};
TYPED_TEST_SUITE(OnlineLinksMigration, Backends, BackendNames);

TYPED_TEST(OnlineLinksMigration, OldHttpLinksBecomeHttpsAndOthersStay) {
  auto all = store::embedded_migrations();
  const auto first_new = std::find_if(all.begin(), all.end(), [](const store::Migration& m) {
    return m.name == "0017_training_online_links_https.sql";
  });
  ASSERT_NE(first_new, all.end());
  store::migrate(this->db(), std::vector<store::Migration>(all.begin(), first_new));

  const std::vector<std::string> stored = {
      "http://meet.example.org/kamer?pwd=a",
      "HTTP://Meet.Example.org/Hoofd",
      "https://teams.example.com/l/meetup/1",
      "",
  };
  this->db().run([&](soci::session& sql) {
    sql << "INSERT INTO training_series (slug, title, created_at, updated_at) VALUES "
           "('reeks', 'Reeks', 0, 0)";
    long long series = 0;
    sql << "SELECT id FROM training_series WHERE slug = 'reeks'", soci::into(series);
    long long starts = 1000;
    for (const auto& url : stored) {
      sql << "INSERT INTO training_sessions (series_id, module, format, online_url, starts_at, "
             "ends_at, capacity) VALUES (:series, 'basics', 'online', :url, :starts, :ends, 10)",
          soci::use(series), soci::use(url), soci::use(starts), soci::use(starts + 3600);
      starts += 86400;
    }
  });

  store::migrate(this->db(), all);

  std::vector<std::string> now;
  this->db().run([&](soci::session& sql) {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT online_url FROM training_sessions ORDER BY starts_at");
    for (const auto& url : rows) now.push_back(url);
  });
  EXPECT_EQ(now, (std::vector<std::string>{"https://meet.example.org/kamer?pwd=a",
                                           "https://Meet.Example.org/Hoofd",
                                           "https://teams.example.com/l/meetup/1", ""}));
}

}  // namespace
}  // namespace schakel::trainings
