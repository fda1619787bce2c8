#include "core/role.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(Role, NamesRoundTripAndUnknownNamesAreRefused) {
  for (Role r : {Role::professional, Role::spoc, Role::coordinator, Role::admin})
    EXPECT_EQ(parse_role(role_name(r)), r);
  EXPECT_EQ(role_name(Role::spoc), "spoc");
  EXPECT_FALSE(parse_role("SPOC"));
  EXPECT_FALSE(parse_role(""));
  EXPECT_FALSE(parse_role("coordinator "));
}

TEST(Role, OnlyCoordinatorsAndAdminsNeedASecondFactor) {
  EXPECT_FALSE(role_requires_totp(Role::professional));
  EXPECT_FALSE(role_requires_totp(Role::spoc));
  EXPECT_TRUE(role_requires_totp(Role::coordinator));
  EXPECT_TRUE(role_requires_totp(Role::admin));
  EXPECT_EQ(role_label(Role::coordinator), "Coördinator");
}

}  // namespace
}  // namespace schakel
