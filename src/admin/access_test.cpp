// Who may use the admin pages: the routes declare it through access_for, and
// may() answers the same question.
#include <gtest/gtest.h>

#include <map>

#include "admin/admin.hpp"
#include "app/app.hpp"
#include "test_support.hpp"

namespace schakel::admin {
namespace {

std::map<std::string, web::Access> declared(App& app) {
  std::map<std::string, web::Access> out;
  for (const auto& r : app.router().routes()) out[r.method + " " + r.pattern] = r.options.access;
  return out;
}

web::Principal someone(Role role) {
  web::Principal p;
  p.id = 7;
  p.role = role;
  return p;
}

TEST(AdminAccess, AdminPagesAreForAdminsOnly) {
  for (Action action :
       {Action::view_dashboard, Action::view_mail, Action::resend_mail, Action::manage_users}) {
    EXPECT_TRUE(may(someone(Role::admin), action));
    EXPECT_FALSE(may(someone(Role::coordinator), action));
    EXPECT_FALSE(may(someone(Role::spoc), action));
    EXPECT_FALSE(may(someone(Role::professional), action));
    EXPECT_FALSE(may(std::nullopt, action));
  }
}

TEST(AdminAccess, AuditLogIsForCoordinatorsAndAdmins) {
  EXPECT_TRUE(may(someone(Role::admin), Action::view_audit));
  EXPECT_TRUE(may(someone(Role::coordinator), Action::view_audit));
  EXPECT_FALSE(may(someone(Role::spoc), Action::view_audit));
  EXPECT_FALSE(may(someone(Role::professional), Action::view_audit));
  EXPECT_FALSE(may(std::nullopt, Action::view_audit));
  EXPECT_EQ(access_for(Action::view_audit).describe(), "coordinator|admin");
}

TEST(AdminRoutes, DeclareAdminOnlyAndTheAuditLogForCoordinatorsToo) {
  schakel::testing::TestServer server;
  const auto access = declared(server.app());
  for (const char* route : {"GET /beheer", "GET /beheer/mails", "GET /beheer/mails/{id}",
                            "POST /beheer/mails/{id}/opnieuw", "GET /beheer/gebruikers",
                            "POST /beheer/gebruikers/{id}/rol"}) {
    ASSERT_TRUE(access.count(route)) << route;
    EXPECT_EQ(access.at(route).describe(), "admin") << route;
  }
  for (const char* route : {"GET /beheer/audit", "GET /beheer/audit.csv"}) {
    ASSERT_TRUE(access.count(route)) << route;
    EXPECT_EQ(access.at(route).describe(), "coordinator|admin") << route;
  }
}

}  // namespace
}  // namespace schakel::admin
