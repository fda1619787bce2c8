#include "signals/signals.hpp"

#include "signals/goal_routes.hpp"
#include "signals/goals.hpp"

namespace schakel::signals {

void install(App& app) {
  install_goals(app);
  install_overview(app);
}

}  // namespace schakel::signals
