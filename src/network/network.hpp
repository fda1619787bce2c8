#pragma once
// The network feature: municipalities, memberships (and, later, SPOCs and meetings).
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "network/types.hpp"

namespace schakel {
class App;
}

namespace schakel::network {

// The view model of a list of members (also used by the home page).
nlohmann::json members_model(const std::vector<Member>& members);

// Registers the network's routes (/netwerk) and demo content.
void install(App& app);

}  // namespace schakel::network
