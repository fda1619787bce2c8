#include "web/visibility.hpp"

namespace schakel::web {

bool can_see(const std::optional<Principal>& user, Visibility level) {
  switch (level) {
    case Visibility::public_:
      return true;
    case Visibility::professionals:
      return user.has_value();
    case Visibility::network:
      return user && role_in_network(user->role);
  }
  return false;
}

std::optional<Visibility> parse_visibility(const std::string& text) {
  if (text == "public") return Visibility::public_;
  if (text == "professionals") return Visibility::professionals;
  if (text == "network") return Visibility::network;
  return std::nullopt;
}

std::string to_string(Visibility level) {
  switch (level) {
    case Visibility::public_:
      return "public";
    case Visibility::professionals:
      return "professionals";
    case Visibility::network:
      return "network";
  }
  return "network";
}

std::string visibility_label(Visibility level) {
  switch (level) {
    case Visibility::public_:
      return "Iedereen";
    case Visibility::professionals:
      return "Aangemelde professionals";
    case Visibility::network:
      return "Netwerk (SPOC's en coördinator)";
  }
  return "";
}

}  // namespace schakel::web
