#pragma once
// The coordinator's overview and the goal pages, computed from OverviewData
// with the rules of progress.hpp (so the matrix, the roll-ups, the lists, the
// goal pages and the report agree). Pure functions: no database, no clock.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "signals/overview_store.hpp"
#include "signals/progress.hpp"

namespace schakel::signals {

// The key of the matrix row of supra-local needs (also the /noden filter value).
inline constexpr const char* supra_local_key = "bovenlokaal";

// One cell of the coverage matrix, for municipality M and theme T:
//   signals  open signals (closed_at NULL) of M with theme T;
//   needs    needs of M (supra-local needs in the supra-local row) with status
//            open or in_progress and theme T;
//   actions  actions, top-level and parts, whose action_municipalities holds M,
//            whose action_themes holds T and whose standing is running.
// In the supra-local row signals and actions are always 0 (a signal and an
// action's municipalities are never supra-local).
struct MatrixCell {
  int signals = 0;
  int needs = 0;
  int actions = 0;
};
struct MatrixRow {
  std::string key;                // a NIS code, or supra_local_key
  std::vector<MatrixCell> cells;  // one per theme of the matrix, in its order
};
struct CoverageMatrix {
  std::vector<std::string> themes;  // theme slugs, the columns
  std::vector<MatrixRow> rows;      // the municipalities in the order given, then supra-local
};

// The themes of `catalog_order` that any signal, need or action of `data` has,
// in catalog order.
std::vector<std::string> themes_in_use(const OverviewData& data,
                                       const std::vector<std::string>& catalog_order);

// The matrix of `municipalities` (rows, in that order, then the supra-local
// row) by `themes` (columns). `progress` is counted_progress of data.actions.
CoverageMatrix coverage_matrix(const OverviewData& data,
                               const std::map<std::int64_t, int>& progress,
                               const std::vector<std::string>& municipalities,
                               const std::vector<std::string>& themes, const std::string& today);

// The roll-ups of the overview (roll_up of progress.hpp over all actions):
// by goal number (as text), by theme slug, by NIS code of action_municipalities.
struct RollUps {
  std::map<std::string, RollUp> by_goal, by_theme, by_municipality;
};
RollUps roll_ups(const OverviewData& data, const std::map<std::int64_t, int>& progress);

// Needs still waiting for an answer (status open or in_progress) that no action
// answers, by id.
std::vector<Need> needs_without_action(const OverviewData& data);
// Top-level actions that answer no need (a part is judged with its parent), by id.
std::vector<Action> actions_without_need(const OverviewData& data);
// Actions (top-level and parts) whose standing on `today` is overdue, by end date.
std::vector<Action> overdue_actions(const OverviewData& data,
                                    const std::map<std::int64_t, int>& progress,
                                    const std::string& today);

// The actions that serve one goal, as its pages and report show them: the
// actions with the goal number that are not a part of another such action
// (`top`, by id), the parts of each (`parts`, by parent id, by id), and the
// goal's roll-up over those actions (roll_up: top-level actions only). With
// `public_only`, non-public actions are left out everywhere, also from the roll-up.
struct GoalActions {
  std::vector<Action> top;
  std::map<std::int64_t, std::vector<Action>> parts;
  RollUp roll_up;
};
GoalActions goal_actions(const OverviewData& data, const std::map<std::int64_t, int>& progress,
                         int goal_number, bool public_only);

// The needs of `data` that `action` answers, by id.
std::vector<Need> needs_of(const OverviewData& data, const Action& action);

}  // namespace schakel::signals
