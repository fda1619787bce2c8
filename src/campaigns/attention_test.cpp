// The campaigns' line on the coordinator's dashboard: a running round shows
// while some member municipalities have reported no distribution in it; and
// the postcards' yearly figures.
#include "campaigns/attention.hpp"

#include <gtest/gtest.h>

#include "attention_lines.hpp"
#include "campaigns/service.hpp"
#include "test_support.hpp"

namespace schakel::campaigns {
namespace {

using schakel::testing::attention_line;
using schakel::testing::attention_lines;
using schakel::testing::AttentionTest;
using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::brussels_year;

constexpr const char* gent = "44021";
constexpr const char* aalst = "41002";

template <class B>
class CampaignsAttention : public AttentionTest<B> {
 protected:
  void SetUp() override {
    AttentionTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->server_->db().transact([&](soci::session& sql) {
      for (const std::string nis : {gent, aalst})
        sql << "INSERT INTO memberships (nis_code, member_since) VALUES (:n, 1)", soci::use(nis);
    });
    coordinator_ = this->add_user(Role::coordinator, "coordinator@voorbeeld.be");
  }
  CampaignService service() { return CampaignService(this->server_->db(), this->server_->clock()); }
  Round round(const std::string& name, const std::string& starts, const std::string& ends) {
    auto r = service().create_round(coordinator_, Round{0, name, starts, ends});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : Round{};
  }
  void distribute(const Round& r, const std::string& nis, const std::string& cards) {
    Distribution d{0, r.id, nis, "partner_violence", "pharmacy", 0};
    auto added = service().add_distribution(coordinator_, d, cards);
    ASSERT_TRUE(added.ok()) << added.error().fields.front().message;
  }
  web::Principal coordinator_;
};
TYPED_TEST_SUITE(CampaignsAttention, Backends, BackendNames);

TYPED_TEST(CampaignsAttention, ARunningRoundShowsUntilEveryMemberReported) {
  App& app = this->server_->app();
  this->round("Ronde van vorig jaar", "2025-01-01", "2025-03-31");  // long over: not followed
  this->round("Komende ronde", "2026-05-01", "2026-05-31");         // not started
  EXPECT_TRUE(attention_lines(app, "campaigns.rounds").empty());
  const Round r = this->round("Voorjaar 2026", "2026-02-01", "2026-03-31");
  const std::string href = "/campagnes/rondes/" + std::to_string(r.id) + "/totalen";
  AttentionLine line = attention_line(app, "campaigns.rounds", href);
  EXPECT_EQ(line.count, 2);
  EXPECT_EQ(line.text, "Voorjaar 2026: 2 gemeenten meldden nog geen verdeling");
  this->distribute(r, gent, "150");
  line = attention_line(app, "campaigns.rounds", href);
  EXPECT_EQ(line.count, 1);
  EXPECT_EQ(line.text, "Voorjaar 2026: 1 gemeente meldde nog geen verdeling");
  this->distribute(r, aalst, "80");
  EXPECT_TRUE(attention_lines(app, "campaigns.rounds").empty());
}

TYPED_TEST(CampaignsAttention, AnEndedRoundIsFollowedThirtyDays) {
  App& app = this->server_->app();
  this->round("Winter", "2026-01-01", "2026-02-10");  // ended 28 days before 10 March
  EXPECT_EQ(attention_lines(app, "campaigns.rounds").size(), 1u);
  this->server_->clock().advance(3 * 86400);  // 31 days after its end
  EXPECT_TRUE(attention_lines(app, "campaigns.rounds").empty());
}

TYPED_TEST(CampaignsAttention, FiguresCountRoundsStartingInTheYear) {
  const Round spring = this->round("Voorjaar 2026", "2026-02-01", "2026-03-31");
  const Round old = this->round("Najaar 2025", "2025-10-01", "2026-01-31");
  this->distribute(spring, gent, "150");
  this->distribute(spring, gent, "50");
  this->distribute(spring, aalst, "80");
  this->distribute(old, aalst, "999");
  const auto y = brussels_year(2026);
  const YearFigures f = year_figures(this->server_->db(), y.first, y.second);
  EXPECT_EQ(f.rounds, 1);
  EXPECT_EQ(f.cards, 280);
  EXPECT_EQ(f.municipalities, 2);
  const auto y2025 = brussels_year(2025);
  EXPECT_EQ(year_figures(this->server_->db(), y2025.first, y2025.second).cards, 999);
}

}  // namespace
}  // namespace schakel::campaigns
