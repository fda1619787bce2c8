#include "core/role.hpp"

namespace schakel {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::professional:
      return "professional";
    case Role::spoc:
      return "spoc";
    case Role::coordinator:
      return "coordinator";
    case Role::admin:
      return "admin";
  }
  return "professional";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : {Role::professional, Role::spoc, Role::coordinator, Role::admin})
    if (role_name(r) == name) return r;
  return std::nullopt;
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::professional:
      return "Professional";
    case Role::spoc:
      return "SPOC";
    case Role::coordinator:
      return "Coördinator";
    case Role::admin:
      return "Beheerder";
  }
  return "Professional";
}

}  // namespace schakel
