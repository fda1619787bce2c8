#pragma once
// The rules of progress that every view of actions shares (the action pages,
// the lists' filters, the coverage matrix, the roll-ups, the goal pages and the
// reports), so that their figures agree.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "signals/types.hpp"

namespace schakel::signals {

// The progress (0..100) that counts for each action of `actions`, by id:
//   - its own progress when set;
//   - else, when it has parts (actions whose parent_id is its id), the mean of
//     its parts' counted progress, rounded to the nearest whole number;
//   - else the progress of its status (an unknown status counts 0).
// Requires: parent links without cycles (the service refuses them); a parent
// outside `actions` is ignored.
std::map<std::int64_t, int> counted_progress(const std::vector<Action>& actions,
                                             const std::vector<ActionStatus>& statuses);

// Where an action stands on `today` (YYYY-MM-DD), given its counted progress:
//   done     progress 100;
//   overdue  not done and ends_on < today;
//   running  not done, starts_on <= today and not overdue;
//   planned  not done and starts_on > today.
enum class Standing { planned, running, overdue, done };
Standing standing(const Action& action, int progress, const std::string& today);

// The Dutch label of a standing: "Gepland", "Loopt", "Over de einddatum", "Afgerond".
std::string standing_label(Standing s);

// The municipalities an action works in: its owner municipality and the
// municipalities of its local needs, sorted, without repeats. A supra-local need
// adds none. `needs` may hold more needs than the action's.
std::vector<std::string> action_municipalities(const Action& action,
                                               const std::vector<Need>& needs);
// The themes of an action: those of its needs, sorted, without repeats.
std::vector<std::string> action_themes(const Action& action, const std::vector<Need>& needs);

// A roll-up: the mean of the counted progress of the actions in one group
// (a goal, a theme, a municipality), over top-level actions only (an action
// with a parent is already in its parent's figure).
struct RollUp {
  int actions = 0;   // top-level actions in the group
  int progress = 0;  // their mean counted progress, rounded; 0 when none
};
// Groups top-level `actions` by each key that `keys_of` gives for it (an action
// may fall in several groups) and rolls each group up.
template <class KeysOf>
std::map<std::string, RollUp> roll_up(const std::vector<Action>& actions,
                                      const std::map<std::int64_t, int>& progress, KeysOf keys_of) {
  std::map<std::string, std::pair<int, long long>> sums;
  for (const Action& a : actions) {
    if (a.parent_id) continue;
    const auto p = progress.find(a.id);
    const int value = p == progress.end() ? 0 : p->second;
    for (const std::string& key : keys_of(a)) {
      auto& [count, total] = sums[key];
      ++count;
      total += value;
    }
  }
  std::map<std::string, RollUp> out;
  for (const auto& [key, sum] : sums)
    out[key] = RollUp{sum.first, static_cast<int>((sum.second * 2 + sum.first) / (2 * sum.first))};
  return out;
}

}  // namespace schakel::signals
