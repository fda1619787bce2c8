#pragma once
// The strategic goals of the network (DESIGN.md section 1). Signals, needs and
// actions link to them.
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel {
class App;
class Clock;
}  // namespace schakel

namespace schakel::signals {

struct Goal {
  int number = 0;
  std::string title;
  std::string description;
};

class GoalStore {
 public:
  explicit GoalStore(store::Database& db) : db_(db) {}
  // All goals by number.
  std::vector<Goal> all();
  // Goal `number`, or nullopt when there is none.
  std::optional<Goal> find(int number);
  // Inserts a goal inside the caller's transaction and records a change.
  static void insert(soci::session& sql, const Goal& goal, std::int64_t now);
  // Sets the title and description of goal `goal.number` inside the caller's
  // transaction and records the change (entity "goal", verb "updated").
  static void update(soci::session& sql, const Goal& goal, std::int64_t now);
  // Deletes every goal (demo --force: the goals start as the demo's four, which
  // the coordinator then edits; run after the actions that refer to them are gone).
  static void delete_all(soci::session& sql);

 private:
  store::Database& db_;
};

// Registers the goals' demo content (called by signals::install).
void install_goals(App& app);

}  // namespace schakel::signals
