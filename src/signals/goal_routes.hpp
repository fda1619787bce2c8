#pragma once
// Routes of the goals, the public page and the coordinator's overview,
// registered by signals::install.
#include <cstdint>
#include <optional>

namespace schakel {
class App;
}

namespace schakel::signals {

// The overview part of the feature: all three below (called by signals::install).
void install_overview(App& app);
// /doelen/{n} (public), /doelen/{n}/bewerken and /doelen/{n}/rapport.pdf (coordinator, admin).
void install_goal_routes(App& app);
// /wat-doet-het-netwerk (public).
void install_public_routes(App& app);
// /signalen/overzicht and /signalen/overzicht.xlsx (coordinator, admin).
void install_overview_routes(App& app);

// When a page that depends on today's date (an action's standing) must be
// rendered again: the start of tomorrow in Brussels.
std::optional<std::int64_t> next_day_starts(std::int64_t now);

}  // namespace schakel::signals
