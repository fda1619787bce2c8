#include "signals/signals.hpp"

#include "signals/actions.hpp"
#include "signals/attention.hpp"
#include "signals/goal_routes.hpp"
#include "signals/goals.hpp"
#include "signals/guard.hpp"
#include "signals/records.hpp"

namespace schakel::signals {

void install(App& app) {
  install_goals(app);
  install_records(app);
  install_actions(app);
  install_overview(app);
  install_guard(app);  // retention job and search over signals, needs and actions
  // The dashboard lines (issue 14).
  install_attention(app);
}

}  // namespace schakel::signals
