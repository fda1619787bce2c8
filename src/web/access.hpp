#pragma once
// What a route requires of the person asking (declared in its RouteOptions and
// checked by the app before the handler runs), and the questions about a
// principal that every feature asks the same way.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/role.hpp"
#include "web/http.hpp"

namespace schakel::web {

// A route's requirement. The app answers a visitor who does not meet it before
// the handler runs: not signed in -> to the sign-in page (and back afterwards);
// signed in without one of the roles -> 403, written in the audit log. Object
// rules (whose series, which municipality) stay in the feature's service.
class Access {
 public:
  enum class Level { anyone, signed_in, roles };

  // Anyone, also anonymous visitors (the default).
  static Access anyone() { return Access{}; }
  // Any signed-in account.
  static Access signed_in();
  // A signed-in account with one of `roles`. Requires: `roles` not empty.
  static Access only(std::initializer_list<Role> roles);
  // SPOCs, coordinators and admins.
  static Access network() { return only({Role::spoc, Role::coordinator, Role::admin}); }

  // The same requirement, also open to a coordinator or admin who has not yet
  // set up the second factor their role requires. Every other route sends them
  // to set it up first (the setup page itself and sign-out opt out).
  Access before_second_factor() const;

  Level level() const { return level_; }
  bool allows_without_second_factor() const { return before_second_factor_; }
  // True when `role` meets the requirement (always for anyone/signed_in).
  bool allows(Role role) const;
  // True when `user` (nullopt: anonymous) meets the requirement.
  bool admits(const std::optional<Principal>& user) const;
  // For logs and the route listing: "anyone", "signed in", "spoc|coordinator".
  std::string describe() const;

 private:
  Level level_ = Level::anyone;
  std::uint8_t roles_ = 0;  // bit (1 << Role) per admitted role when level_ == roles
  bool before_second_factor_ = false;
};

// True when `user` speaks for municipality `nis_code`: a SPOC of it, or the
// coordinator, who speaks for every member and for supra-local work (""). False
// for anyone else.
bool speaks_for(const std::optional<Principal>& user, std::string_view nis_code);
// True when `user` is signed in with role `role`.
inline bool has_role(const std::optional<Principal>& user, Role role) {
  return user && user->role == role;
}
// SPOCs, coordinators and admins: the people who see network-only content.
inline bool in_network(const std::optional<Principal>& user) {
  return user && role_in_network(user->role);
}

}  // namespace schakel::web
