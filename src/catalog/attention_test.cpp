// The kennisbank's line on the coordinator's dashboard appears when a
// professional proposes a resource and disappears when the coordinator
// publishes it; and the kennisbank's yearly figures.
#include "catalog/attention.hpp"

#include <gtest/gtest.h>

#include "attention_lines.hpp"
#include "catalog/service.hpp"
#include "core/clock.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::attention_lines;
using schakel::testing::AttentionTest;
using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::brussels_year;
using schakel::testing::set_clock;

template <class B>
class CatalogAttention : public AttentionTest<B> {
 protected:
  void SetUp() override {
    AttentionTest<B>::SetUp();
    if (this->IsSkipped()) return;
    professional_ = this->add_user(Role::professional, "professional@voorbeeld.be");
    coordinator_ = this->add_user(Role::coordinator, "coordinator@voorbeeld.be");
  }
  Resource proposal(const std::string& title) {
    Resource r;
    r.kind = "tool";
    r.title = title;
    r.summary = "Een kaartspel om met kinderen over conflict te praten.";
    r.body = "Tekst";
    r.scope = "flemish";
    r.themes = {"child_abuse"};
    r.tracks = {"prevention"};
    r.status = "published";  // a professional's proposal goes to review anyway
    return r;
  }
  web::Principal professional_, coordinator_;
};
TYPED_TEST_SUITE(CatalogAttention, Backends, BackendNames);

TYPED_TEST(CatalogAttention, AProposalShowsUntilItIsPublished) {
  App& app = this->server_->app();
  EXPECT_TRUE(attention_lines(app, "catalog.review").empty());
  CatalogService service(this->server_->db(), this->server_->clock());
  auto proposed = service.create(this->professional_, this->proposal("Babobox"));
  ASSERT_TRUE(proposed.ok());
  ASSERT_EQ(proposed.value().status, "in_review");
  auto lines = attention_lines(app, "catalog.review");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].count, 1);
  EXPECT_EQ(lines[0].text, "1 kennisbankitem wacht op nalezing");
  EXPECT_EQ(lines[0].href, "/kennisbank#nalezen-titel");
  ASSERT_TRUE(service.create(this->professional_, this->proposal("Barst")).ok());
  EXPECT_EQ(attention_lines(app, "catalog.review").at(0).count, 2);

  Resource approved = proposed.value();
  approved.status = "published";
  ASSERT_TRUE(service.update(this->coordinator_, approved.id, approved).ok());
  EXPECT_EQ(attention_lines(app, "catalog.review").at(0).count, 1);
}

TYPED_TEST(CatalogAttention, FiguresCountResourcesPublishedInTheYear) {
  CatalogService service(this->server_->db(), this->server_->clock());
  ASSERT_TRUE(service.create(this->coordinator_, this->proposal("Eerste")).ok());
  ASSERT_TRUE(service.create(this->professional_, this->proposal("Voorstel")).ok());  // review
  set_clock(this->server_->clock(), *brussels_to_utc("2027-01-01", "00:30"));
  ASSERT_TRUE(service.create(this->coordinator_, this->proposal("Tweede")).ok());
  const auto y = [&](int year) {
    const auto range = brussels_year(year);
    return this->server_->db().run(
        [&](soci::session& sql) { return year_figures(sql, range.first, range.second); });
  };
  EXPECT_EQ(y(2026).published, 1);
  EXPECT_EQ(y(2026).published_total, 1);
  EXPECT_EQ(y(2027).published, 1);
  EXPECT_EQ(y(2027).published_total, 2);
}

}  // namespace
}  // namespace schakel::catalog
