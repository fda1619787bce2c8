#include "network/permissions.hpp"

#include <algorithm>

namespace schakel::network {

bool is_network_member(const std::optional<web::Principal>& user) {
  return user && (user->role == "spoc" || user->role == "coordinator" || user->role == "admin");
}

bool speaks_for(const std::optional<web::Principal>& user, const std::string& nis_code) {
  if (!user) return false;
  if (user->role == "coordinator") return true;
  return user->role == "spoc" &&
         std::find(user->spoc_of.begin(), user->spoc_of.end(), nis_code) != user->spoc_of.end();
}

bool may(const std::optional<web::Principal>& user, Action action, const std::string& nis_code) {
  if (!user) return false;
  const std::string& role = user->role;
  switch (action) {
    case Action::view_directory:
      return is_network_member(user);
    case Action::view_municipality:
      // Its contact text is written for colleagues in the network: every SPOC
      // (of a member municipality), the coordinator, and the admin (audited).
      return is_network_member(user);
    case Action::edit_municipality:
      return speaks_for(user, nis_code);
    case Action::manage_memberships:
    case Action::manage_spocs:
    case Action::hand_over_lead:
      return role == "coordinator";
    case Action::view_audit:
      return role == "coordinator" || role == "admin";
  }
  return false;
}

}  // namespace schakel::network
