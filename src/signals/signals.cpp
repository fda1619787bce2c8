#include "signals/signals.hpp"

#include "signals/goals.hpp"

namespace schakel::signals {

void install(App& app) { install_goals(app); }

}  // namespace schakel::signals
