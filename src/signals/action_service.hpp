#pragma once
// The rules of actions (issue 13): who may create and edit them, the bounds and
// checks of every field (the privacy guard on every free text), parent links
// without cycles, outputs that point at something that exists, the coordinator's
// list of statuses, rate limits, and the timeline entry and change-feed row that
// every change leaves in its own transaction.
//
// Permissions: SPOCs, coordinators and admins see every action; the coordinator
// (and admin) creates and edits every action and the statuses; a SPOC edits the
// actions owned by one of her municipalities (and keeps them owned by one).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/progress.hpp"
#include "signals/types.hpp"
#include "store/database.hpp"
#include "store/rate_limits.hpp"
#include "web/http.hpp"

namespace schakel::signals {

// Bounds (characters, counts).
constexpr std::size_t action_title_max = 200, action_text_max = 4000, action_name_max = 200,
                      action_unit_max = 40, action_url_max = 2000, status_label_max = 60;
constexpr std::size_t action_list_max = 50;  // needs, goals, milestones, outputs, indicators
constexpr std::size_t statuses_max = 30;
// Rows created per account (actions, milestones, outputs, indicators, statuses).
inline constexpr store::RateRule action_writes_per_hour{120, 3600};

// The action form as typed.
struct ActionInput {
  std::string title, description, owner_kind = "municipality", owner_user_id, owner_nis_code,
                                  owner_partner, starts_on, ends_on, status_id, progress, parent_id;
  bool is_public = false;
  std::vector<std::string> need_ids, goal_numbers;
};
ActionInput input_of(const Action& a);

// The /acties filters (feature-common: gemeente=NIS|alle, thema=SLUG, doel=N,
// stand=gepland|lopend|voorbij|afgerond|alle), as typed.
struct ActionFilter {
  std::string gemeente = "alle", thema, doel, stand = "alle";
};

// An action with the figures every view shows, computed by progress.hpp.
struct ListedAction {
  Action action;
  int progress = 0;
  Standing standing = Standing::planned;
  std::vector<std::string> municipalities, themes;
};

struct ActionDetail {
  ListedAction listed;
  std::optional<Action> parent;
  std::vector<ListedAction> parts;
  std::vector<Need> needs;  // the needs it answers
  std::string status_label;
  std::vector<TimelineEntry> timeline;
  bool may_edit = false;
};

// The choices of the action form.
struct ActionChoices {
  std::vector<ActionStatus> statuses;
  std::vector<Need> needs;
  std::vector<int> goals;
  std::vector<Action> actions;  // possible parents
};

// The standing of a /acties "stand" value, or nullopt for "alle"/unknown.
std::optional<Standing> standing_of_slug(const std::string& stand);
std::string standing_slug(Standing s);

class ActionService {
 public:
  ActionService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Today in Brussels (YYYY-MM-DD), as standings count it.
  std::string today() const;

  // The actions that pass `filter`, by id. invalid ("gemeente", "thema", "doel",
  // "stand") for values that are not of the filter's form; forbidden outside
  // the network.
  Result<std::vector<ListedAction>> list(const std::optional<web::Principal>& user,
                                         const ActionFilter& filter);
  // Everything about one action. not_found, forbidden outside the network.
  Result<ActionDetail> detail(const std::optional<web::Principal>& user, std::int64_t id);
  ActionChoices choices();
  bool may_create(const std::optional<web::Principal>& user) const;

  // Creates an action (coordinator). invalid with field errors named after
  // ActionInput's members; busy past the rate limit.
  Result<Action> create(const std::optional<web::Principal>& user, const ActionInput& input);
  // Edits action `id` (coordinator; a SPOC of its owner municipality).
  Result<Action> update(const std::optional<web::Principal>& user, std::int64_t id,
                        const ActionInput& input);

  // Milestones: field errors "milestone_title", "milestone_due_on".
  Result<Milestone> add_milestone(const std::optional<web::Principal>& user, std::int64_t action_id,
                                  const std::string& title, const std::string& due_on);
  // Marks a milestone reached today, or not reached when `done` is false.
  Status mark_milestone(const std::optional<web::Principal>& user, std::int64_t action_id,
                        std::int64_t milestone_id, bool done);
  Status remove_milestone(const std::optional<web::Principal>& user, std::int64_t action_id,
                          std::int64_t milestone_id);
  // Outputs: kind resource (target: resource id), series (series id), campaign
  // (a postcard theme), link (an https URL). Field errors "output_kind",
  // "output_target", "output_label". The label defaults to the target's title.
  Result<Output> add_output(const std::optional<web::Principal>& user, std::int64_t action_id,
                            const std::string& kind, const std::string& target,
                            const std::string& label);
  Status remove_output(const std::optional<web::Principal>& user, std::int64_t action_id,
                       std::int64_t output_id);
  // Indicators: field errors "indicator_name", "indicator_value", "indicator_target",
  // "indicator_unit". update_indicator sets a new value (and target, unit).
  Result<Indicator> add_indicator(const std::optional<web::Principal>& user, std::int64_t action_id,
                                  const std::string& name, const std::string& value,
                                  const std::string& target, const std::string& unit);
  Result<Indicator> update_indicator(const std::optional<web::Principal>& user,
                                     std::int64_t action_id, std::int64_t indicator_id,
                                     const std::string& value, const std::string& target);
  Status remove_indicator(const std::optional<web::Principal>& user, std::int64_t action_id,
                          std::int64_t indicator_id);

  // The coordinator's statuses. Field errors "label", "progress", "position";
  // conflict for a label in use or a status in use (delete).
  std::vector<ActionStatus> statuses();
  Result<ActionStatus> add_status(const std::optional<web::Principal>& user,
                                  const std::string& label, const std::string& progress);
  Result<ActionStatus> update_status(const std::optional<web::Principal>& user, std::int64_t id,
                                     const std::string& label, const std::string& progress,
                                     const std::string& position);
  Status delete_status(const std::optional<web::Principal>& user, std::int64_t id);

  // The CSV of every action (action_csv.hpp); coordinator only.
  Result<std::string> export_csv(const std::optional<web::Principal>& user);
  // Adds every action of a CSV file (coordinator) after checking all rows with
  // the rules of the forms; invalid with one message per problem (field "",
  // naming line and column) and nothing changed; busy past the rate limit.
  // Returns how many actions were added.
  Result<int> import_csv(const std::optional<web::Principal>& user, std::string_view text);

 private:
  std::optional<Error> over_write_limit(const std::optional<web::Principal>& user);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::signals
