#pragma once
// What the signals feature contributes to the coordinator's dashboard (issue
// 14): the lines "needs without any action" and "actions past their end date",
// and the figures of goal 4 for a year.
#include <cstdint>

#include "store/database.hpp"

namespace schakel {
class App;
}

namespace schakel::signals {

// Registers the attention sources "signals.needs" and "signals.overdue": one
// line each while the coordinator's overview lists such needs or actions
// (overview.hpp: needs_without_action, overdue_actions), linking to that list
// on /signalen/overzicht. Call once, from install().
void install_attention(App& app);

// The signals' part of the yearly figures, for the range [from, until) of a
// Brussels year (from and until - 1 fall on its first and last day).
struct YearFigures {
  std::int64_t signals = 0;  // signals created in the range (those not yet deleted by retention)
  std::int64_t needs = 0;    // needs created in the range
  // Top-level actions whose period (starts_on .. ends_on, open-ended when none)
  // overlaps the year, and their mean counted progress (progress.hpp, RollUp).
  std::int64_t actions = 0;
  int progress = 0;
};
// Reads on its own connections; nothing is written.
YearFigures year_figures(store::Database& db, std::int64_t from, std::int64_t until);

}  // namespace schakel::signals
