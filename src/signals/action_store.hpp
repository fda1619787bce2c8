#pragma once
// All SQL of actions (tables actions, action_needs, action_goals,
// action_milestones, action_outputs, action_indicators, action_statuses) and the
// small read-only queries the action forms need (needs' titles and themes, goal
// numbers, user ids). Functions run inside the caller's session (a transaction
// for writes); they check nothing beyond the schema: the rules are in
// action_service.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "signals/types.hpp"

namespace schakel::signals {

struct ActionStore {
  // Every action with its needs, goals, milestones (by due date), outputs and
  // indicators (in the order added), by id.
  static std::vector<Action> all(soci::session& sql);
  static std::optional<Action> find(soci::session& sql, std::int64_t id);
  // Inserts `a` with its needs and goals (not its milestones, outputs,
  // indicators; parent_id as given) and returns the new id.
  static std::int64_t insert(soci::session& sql, const Action& a, bool is_demo, std::int64_t now);
  // Replaces the fields, needs and goals of action `a.id`.
  static void update(soci::session& sql, const Action& a, std::int64_t now);
  static void set_parent(soci::session& sql, std::int64_t id, std::optional<std::int64_t> parent);

  static std::int64_t add_milestone(soci::session& sql, std::int64_t action_id, const Milestone& m);
  static void set_milestone_done(soci::session& sql, std::int64_t milestone_id,
                                 const std::optional<std::string>& done_on);
  static void delete_milestone(soci::session& sql, std::int64_t milestone_id);
  static std::int64_t add_output(soci::session& sql, std::int64_t action_id, const Output& o);
  static void delete_output(soci::session& sql, std::int64_t output_id);
  static std::int64_t add_indicator(soci::session& sql, std::int64_t action_id, const Indicator& i);
  static void update_indicator(soci::session& sql, const Indicator& i);
  static void delete_indicator(soci::session& sql, std::int64_t indicator_id);
  // Touches updated_at of an action (after a change to its milestones, ...).
  static void touch(soci::session& sql, std::int64_t id, std::int64_t now);

  // Every need with its title, municipality, themes and status (read-only; the
  // needs belong to the records part of the feature), by id.
  static std::vector<Need> needs(soci::session& sql);
  // The numbers of the goals that exist.
  static std::vector<int> goal_numbers(soci::session& sql);
  static bool user_exists(soci::session& sql, std::int64_t user_id);
  // The SPOCs and coordinators who may own an action as a person: id and name, by name.
  static std::vector<std::pair<std::int64_t, std::string>> people(soci::session& sql);
  // The display name of user `id`, or "" when there is none.
  static std::string user_name(soci::session& sql, std::int64_t id);

  // Deletes the demo actions and their timelines (demo --force).
  static void delete_demo(soci::session& sql);
};

struct ActionStatusStore {
  // The statuses by position, then id.
  static std::vector<ActionStatus> all(soci::session& sql);
  static std::optional<ActionStatus> find(soci::session& sql, std::int64_t id);
  static std::optional<ActionStatus> find_by_label(soci::session& sql, const std::string& label);
  static std::int64_t insert(soci::session& sql, const ActionStatus& s);
  static void update(soci::session& sql, const ActionStatus& s);
  static void remove(soci::session& sql, std::int64_t id);
  // How many actions have status `id`.
  static std::int64_t uses(soci::session& sql, std::int64_t id);
};

}  // namespace schakel::signals
