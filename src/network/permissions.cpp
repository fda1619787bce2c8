#include "network/permissions.hpp"

#include "web/access.hpp"

namespace schakel::network {

bool may(const std::optional<web::Principal>& user, Action action, const std::string& nis_code) {
  if (!user) return false;
  const Role role = user->role;
  switch (action) {
    case Action::view_directory:
      return web::in_network(user);
    case Action::view_municipality:
      // Its contact text is written for colleagues in the network: every SPOC
      // (of a member municipality), the coordinator, and the admin (audited).
      return web::in_network(user);
    case Action::edit_municipality:
      return web::speaks_for(user, nis_code);
    case Action::manage_memberships:
    case Action::manage_spocs:
    case Action::hand_over_lead:
      return role == Role::coordinator;
    case Action::view_audit:
      return role == Role::coordinator || role == Role::admin;
  }
  return false;
}

}  // namespace schakel::network
