#include "web/access.hpp"

#include <gtest/gtest.h>

namespace schakel::web {
namespace {

std::optional<Principal> as(Role role, std::vector<std::string> spoc_of = {}) {
  Principal p;
  p.id = 3;
  p.role = role;
  p.spoc_of = std::move(spoc_of);
  return p;
}

TEST(Access, AnyoneAdmitsAnonymousVisitorsAndIsTheDefault) {
  EXPECT_TRUE(Access{}.admits(std::nullopt));
  EXPECT_EQ(Access{}.level(), Access::Level::anyone);
  EXPECT_TRUE(Access::anyone().admits(as(Role::admin)));
  EXPECT_EQ(Access{}.describe(), "anyone");
}

TEST(Access, SignedInAdmitsEveryRoleButNoVisitor) {
  const auto a = Access::signed_in();
  EXPECT_FALSE(a.admits(std::nullopt));
  for (Role r : {Role::professional, Role::spoc, Role::coordinator, Role::admin})
    EXPECT_TRUE(a.admits(as(r))) << role_name(r);
  EXPECT_EQ(a.describe(), "signed in");
}

TEST(Access, OnlyAdmitsTheNamedRoles) {
  const auto a = Access::only({Role::coordinator, Role::admin});
  EXPECT_FALSE(a.admits(std::nullopt));
  EXPECT_FALSE(a.admits(as(Role::professional)));
  EXPECT_FALSE(a.admits(as(Role::spoc, {"44021"})));
  EXPECT_TRUE(a.admits(as(Role::coordinator)));
  EXPECT_TRUE(a.admits(as(Role::admin)));
  EXPECT_EQ(a.describe(), "coordinator|admin");
  EXPECT_EQ(Access::network().describe(), "spoc|coordinator|admin");
}

TEST(Access, OnlyRoutesThatSaySoStayOpenBeforeTheSecondFactor) {
  EXPECT_FALSE(Access::signed_in().allows_without_second_factor());
  EXPECT_FALSE(Access::anyone().allows_without_second_factor());
  const auto setup = Access::signed_in().before_second_factor();
  EXPECT_TRUE(setup.allows_without_second_factor());
  EXPECT_FALSE(setup.admits(std::nullopt));  // the requirement itself is kept
}

TEST(SpeaksFor, ASpocForTheirMunicipalitiesAndTheCoordinatorForAll) {
  EXPECT_TRUE(speaks_for(as(Role::spoc, {"44021", "41002"}), "41002"));
  EXPECT_FALSE(speaks_for(as(Role::spoc, {"44021"}), "41002"));
  EXPECT_FALSE(speaks_for(as(Role::spoc, {"44021"}), ""));
  EXPECT_TRUE(speaks_for(as(Role::coordinator), "41002"));
  EXPECT_TRUE(speaks_for(as(Role::coordinator), ""));
  EXPECT_FALSE(speaks_for(as(Role::admin), "41002"));
  EXPECT_FALSE(speaks_for(as(Role::professional, {"41002"}), "41002"));  // a stale list counts not
  EXPECT_FALSE(speaks_for(std::nullopt, "41002"));
}

}  // namespace
}  // namespace schakel::web
