// Who may use the admin pages: the routes declare it through access_for, and
// may() answers the same question for menus and links.
#include <gtest/gtest.h>

#include "admin/admin.hpp"

namespace schakel::admin {
namespace {

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

}  // namespace
}  // namespace schakel::admin
