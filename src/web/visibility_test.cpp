#include "web/visibility.hpp"

#include <gtest/gtest.h>

namespace schakel::web {
namespace {

std::optional<Principal> as(const std::string& role) {
  Principal p;
  p.id = 7;
  p.role = parse_role(role).value();
  return p;
}

TEST(Visibility, EachLevelOpensToTheRightPeople) {
  const std::optional<Principal> anonymous;
  EXPECT_TRUE(can_see(anonymous, Visibility::public_));
  EXPECT_FALSE(can_see(anonymous, Visibility::professionals));
  EXPECT_FALSE(can_see(anonymous, Visibility::network));
  EXPECT_TRUE(can_see(as("professional"), Visibility::professionals));
  EXPECT_FALSE(can_see(as("professional"), Visibility::network));
  for (const char* role : {"spoc", "coordinator", "admin"})
    EXPECT_TRUE(can_see(as(role), Visibility::network)) << role;
}

TEST(Visibility, ParsesOnlyTheThreeLevels) {
  for (auto level : {Visibility::public_, Visibility::professionals, Visibility::network})
    EXPECT_EQ(parse_visibility(to_string(level)), level);
  EXPECT_FALSE(parse_visibility("Public").has_value());
  EXPECT_FALSE(parse_visibility("").has_value());
}

}  // namespace
}  // namespace schakel::web
