#pragma once
// The four roles of the platform (DESIGN.md section 2). Stored as their names
// ("professional", "spoc", "coordinator", "admin"); code compares the enum.
#include <optional>
#include <string>
#include <string_view>

namespace schakel {

enum class Role {
  professional,  // any signed-in professional
  spoc,          // speaks for one or more member municipalities
  coordinator,   // runs the network
  admin,         // runs the installation
};

// The stored name of `role`: "professional", "spoc", "coordinator", "admin".
std::string_view role_name(Role role);
// The role named `name`; nullopt for anything else (case-sensitive).
std::optional<Role> parse_role(std::string_view name);
// The Dutch label shown to people ("Professional", "SPOC", "Coördinator", "Beheerder").
std::string_view role_label(Role role);
// Coordinators and admins must sign in with a second factor.
inline bool role_requires_totp(Role role) {
  return role == Role::coordinator || role == Role::admin;
}
// SPOCs, coordinators and admins: the people who see network-only content.
inline bool role_in_network(Role role) { return role != Role::professional; }

}  // namespace schakel
