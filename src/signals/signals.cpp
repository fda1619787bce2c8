#include "signals/signals.hpp"

#include "signals/goals.hpp"
#include "signals/guard.hpp"

namespace schakel::signals {

void install(App& app) {
  install_goals(app);
  install_guard(app);
}

}  // namespace schakel::signals
