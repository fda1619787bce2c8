#include "signals/signals.hpp"

#include "signals/actions.hpp"
#include "signals/goals.hpp"

namespace schakel::signals {

void install(App& app) {
  install_goals(app);
  install_actions(app);
}

}  // namespace schakel::signals
