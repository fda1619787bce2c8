#include "signals/signals.hpp"

#include "app/app.hpp"

#include "signals/actions.hpp"
#include "signals/attention.hpp"
#include "signals/goal_routes.hpp"
#include "signals/goals.hpp"
#include "signals/guard.hpp"
#include "signals/records.hpp"

namespace schakel::signals {

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(archive_tables_of(
      "signals", {"goals", "signals", "signal_themes", "needs", "need_themes", "need_signals",
                  "actions", "action_needs", "action_goals", "action_milestones", "action_outputs",
                  "action_indicators", "signal_timeline"}));
  app.add_archive_tables(
      archive_tables_of("signals", {"action_statuses"}, ArchiveTable::Mode::seeded));
  install_goals(app);
  install_records(app);
  install_actions(app);
  install_overview(app);
  install_guard(app);  // retention job and search over signals, needs and actions
  // The dashboard lines (issue 14).
  install_attention(app);
}

}  // namespace schakel::signals
