// Abuse limits of the kennisbank: new resources per account per hour and per
// day, and field sizes that fit a resource (issue 10).
#include <gtest/gtest.h>

#include "catalog/service.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

Resource proposal(const std::string& title) {
  Resource r;
  r.kind = "tool";
  r.title = title;
  r.summary = "Een korte samenvatting.";
  r.scope = "flemish";
  r.status = "in_review";
  return r;
}

template <class B>
class CatalogLimits : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      for (int i = 1; i <= 2; ++i) {
        const std::string email = "u" + std::to_string(i) + "@voorbeeld.be";
        sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
               "(:e, 'x', 'x', 'professional', 1)",
            soci::use(email);
      }
    });
    professional_.id = 1;
    professional_.name = "Prof";
    professional_.role = Role::professional;
    coordinator_.id = 2;
    coordinator_.name = "Coördinator";
    coordinator_.role = Role::coordinator;
  }
  int resources() {
    int n = 0;
    this->db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM resources", soci::into(n); });
    return n;
  }
  ManualClock clock_{1'800'000'000};
  web::Principal professional_, coordinator_;
};
TYPED_TEST_SUITE(CatalogLimits, Backends, BackendNames);

TYPED_TEST(CatalogLimits, ProposalsAreLimitedPerAccountPerHourAndPerDay) {
  CatalogService s(this->db(), this->clock_);
  int made = 0;
  auto propose = [&] {
    return s.create(this->professional_, proposal("Voorstel " + std::to_string(++made)));
  };
  // A refused draft does not count.
  EXPECT_FALSE(s.create(this->professional_, proposal("")).ok());
  for (int i = 0; i < new_resources_per_hour.limit; ++i) ASSERT_TRUE(propose().ok()) << i;
  const int stored = this->resources();
  auto refused = propose();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().failure, Failure::busy);
  EXPECT_NE(refused.error().fields.front().message.find("dit uur"), std::string::npos);
  EXPECT_EQ(this->resources(), stored);
  // The coordinator is not limited.
  EXPECT_TRUE(s.create(this->coordinator_, proposal("Van de coördinator")).ok());
  // Per hour, up to the daily limit.
  for (int hour = 1; hour < 3; ++hour) {
    this->clock_.advance(3601);
    for (int i = 0; i < new_resources_per_hour.limit; ++i) ASSERT_TRUE(propose().ok()) << hour;
  }
  this->clock_.advance(3601);
  auto daily = propose();
  ASSERT_FALSE(daily.ok());
  EXPECT_EQ(daily.error().failure, Failure::busy);
  EXPECT_NE(daily.error().fields.front().message.find("vandaag"), std::string::npos);
  this->clock_.advance(86400);
  EXPECT_TRUE(propose().ok());
}

TYPED_TEST(CatalogLimits, FieldSizesFitAResourceWithAClearMessagePerField) {
  CatalogService s(this->db(), this->clock_);
  Resource r = proposal("Te groot");
  r.body = std::string(limits::body + 1, 'x');
  r.approach = std::string(limits::section + 1, 'x');
  r.title = std::string(limits::title + 1, 'x');
  for (std::size_t i = 0; i <= limits::links; ++i)
    r.links.push_back({"Link", "https://voorbeeld.be/" + std::to_string(i)});
  auto refused = s.create(this->professional_, r);
  ASSERT_FALSE(refused.ok());
  const auto& e = refused.error();
  EXPECT_NE(e.message_for("body").find("de beschrijving hoogstens 20000 tekens"), std::string::npos)
      << e.message_for("body");
  EXPECT_NE(e.message_for("approach").find("de aanpak hoogstens 3000"), std::string::npos);
  EXPECT_NE(e.message_for("title").find("hoogstens 200"), std::string::npos);
  EXPECT_NE(e.message_for("links").find("hoogstens 20 links"), std::string::npos);
  EXPECT_EQ(this->resources(), 0);
  // At the limits it is accepted.
  r.title = "Net niet te groot";
  r.body = std::string(limits::body, 'x');
  r.approach = std::string(limits::section, 'x');
  r.links.pop_back();
  EXPECT_TRUE(s.create(this->professional_, r).ok());
}

}  // namespace
}  // namespace schakel::catalog
