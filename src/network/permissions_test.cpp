#include "network/permissions.hpp"

#include <gtest/gtest.h>

namespace schakel::network {
namespace {

web::Principal person(std::string role, std::vector<std::string> spoc_of = {}) {
  web::Principal p;
  p.id = 1;
  p.role = parse_role(role).value();
  p.spoc_of = std::move(spoc_of);
  return p;
}

TEST(NetworkPermissions, AnonymousMayNothing) {
  for (auto a : {Action::view_directory, Action::view_municipality, Action::edit_municipality,
                 Action::manage_memberships, Action::manage_spocs, Action::hand_over_lead,
                 Action::view_audit})
    EXPECT_FALSE(may(std::nullopt, a, "44021"));
}

TEST(NetworkPermissions, ASpocSpeaksOnlyForTheirOwnMunicipalities) {
  auto spoc = std::optional(person("spoc", {"44021"}));
  EXPECT_TRUE(may(spoc, Action::view_directory));
  EXPECT_TRUE(may(spoc, Action::view_municipality, "44021"));
  EXPECT_TRUE(may(spoc, Action::edit_municipality, "44021"));
  // Another member's page and contact text are for colleagues in the network;
  // only its own SPOCs and the coordinator edit them.
  EXPECT_TRUE(may(spoc, Action::view_municipality, "41002"));
  EXPECT_FALSE(may(spoc, Action::edit_municipality, "41002"));
  EXPECT_FALSE(may(spoc, Action::manage_spocs));
}

TEST(NetworkPermissions, AProfessionalSeesNoNetworkData) {
  auto pro = std::optional(person("professional"));
  EXPECT_FALSE(may(pro, Action::view_directory));
  EXPECT_FALSE(may(pro, Action::view_municipality, "44021"));
}

TEST(NetworkPermissions, TheCoordinatorRunsTheNetworkAndTheAdminOnlyReads) {
  auto coordinator = std::optional(person("coordinator"));
  auto admin = std::optional(person("admin"));
  for (auto a : {Action::manage_memberships, Action::manage_spocs, Action::hand_over_lead}) {
    EXPECT_TRUE(may(coordinator, a));
    EXPECT_FALSE(may(admin, a));
  }
  EXPECT_TRUE(may(coordinator, Action::edit_municipality, "41002"));
  EXPECT_FALSE(may(admin, Action::edit_municipality, "41002"));
  EXPECT_TRUE(may(admin, Action::view_municipality, "41002"));
  EXPECT_TRUE(may(admin, Action::view_audit));
}

}  // namespace
}  // namespace schakel::network
