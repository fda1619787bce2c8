#include "web/access.hpp"

#include <algorithm>

namespace schakel::web {

namespace {
std::uint8_t bit(Role role) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(role)); }
}  // namespace

Access Access::signed_in() {
  Access a;
  a.level_ = Level::signed_in;
  return a;
}

Access Access::only(std::initializer_list<Role> roles) {
  Access a;
  a.level_ = Level::roles;
  for (Role r : roles) a.roles_ |= bit(r);
  return a;
}

Access Access::before_second_factor() const {
  Access a = *this;
  a.before_second_factor_ = true;
  return a;
}

bool Access::allows(Role role) const { return level_ != Level::roles || (roles_ & bit(role)) != 0; }

bool Access::admits(const std::optional<Principal>& user) const {
  if (level_ == Level::anyone) return true;
  return user && allows(user->role);
}

std::string Access::describe() const {
  switch (level_) {
    case Level::anyone:
      return "anyone";
    case Level::signed_in:
      return "signed in";
    case Level::roles:
      break;
  }
  std::string out;
  for (Role r : {Role::professional, Role::spoc, Role::coordinator, Role::admin}) {
    if ((roles_ & bit(r)) == 0) continue;
    if (!out.empty()) out += '|';
    out += role_name(r);
  }
  return out;
}

bool speaks_for(const std::optional<Principal>& user, std::string_view nis_code) {
  if (!user) return false;
  if (user->role == Role::coordinator) return true;
  return user->role == Role::spoc && !nis_code.empty() &&
         std::find(user->spoc_of.begin(), user->spoc_of.end(), nis_code) != user->spoc_of.end();
}

}  // namespace schakel::web
