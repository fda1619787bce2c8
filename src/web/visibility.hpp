#pragma once
// Who may see a piece of content: every later feature (kennisbank, trainings,
// meetings) stores one of these levels with its content and asks can_see().
#include <optional>
#include <string>

#include "web/http.hpp"

namespace schakel::web {

enum class Visibility {
  public_,        // anyone, also anonymous citizens
  professionals,  // any signed-in account
  network,        // SPOCs, coordinators and admins
};

// True when `user` (nullopt: anonymous) may see content of `level`.
bool can_see(const std::optional<Principal>& user, Visibility level);
// "public", "professionals", "network" <-> the enum; nullopt for anything else.
std::optional<Visibility> parse_visibility(const std::string& text);
std::string to_string(Visibility level);
// The Dutch label shown to editors ("Iedereen", "Aangemelde professionals", "Netwerk").
std::string visibility_label(Visibility level);

}  // namespace schakel::web
