#pragma once
// The goals' rules: the coordinator edits a goal's title and description; the
// goal pages, the public page "Wat doet het netwerk?", the home page and the
// goal report read a goal with the actions that serve it (overview.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/goals.hpp"
#include "signals/overview.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::signals {

// "1 publieke actie", "3 publieke acties": the count of a goal's public actions in words.
std::string public_actions_phrase(int count);

// Bounds of a goal's texts.
inline constexpr std::size_t goal_title_max = 200;
inline constexpr std::size_t goal_description_max = 2000;

// One goal with what its pages show.
struct GoalView {
  Goal goal;
  OverviewData data;                     // everything, for labels of needs and statuses
  std::map<std::int64_t, int> progress;  // counted_progress of every action
  GoalActions actions;
  std::string today;  // YYYY-MM-DD in Brussels
};

// A goal with the roll-up of its public actions (for the home page).
struct GoalSummary {
  Goal goal;
  RollUp roll_up;
};

class GoalService {
 public:
  GoalService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Goal `number` with the actions that serve it (only public ones with
  // `public_only`). not_found for an unknown number.
  Result<GoalView> goal(int number, bool public_only);
  // Every goal with the actions that serve it, by number (public ones only
  // with `public_only`), read once.
  std::vector<GoalView> goals(bool public_only);
  // Every goal with the roll-up of its public actions, by number.
  std::vector<GoalSummary> public_summaries();

  // Changes goal `number`'s title and description (trimmed) and records the
  // change in the feed (entity "goal"). Coordinators and admins only
  // (forbidden otherwise); not_found for an unknown number; invalid with a
  // Dutch message per field for an empty title or texts over the bounds.
  // Nothing changes on failure.
  Status update(const std::optional<web::Principal>& user, int number, const std::string& title,
                const std::string& description);

 private:
  std::string today() const;
  store::Database& db_;
  const Clock& clock_;
};

// True for the roles that run the network's overview and goals (coordinator, admin).
bool runs_network(const std::optional<web::Principal>& user);

}  // namespace schakel::signals
