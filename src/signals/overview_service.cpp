#include "signals/overview_service.hpp"

#include "catalog/terms.hpp"
#include "network/members.hpp"
#include "reference/municipalities.hpp"
#include "signals/goal_service.hpp"

namespace schakel::signals {

Result<Overview> OverviewService::overview(const std::optional<web::Principal>& user) {
  if (!runs_network(user))
    return Error::of(Failure::forbidden, "Alleen de coördinator ziet het overzicht.");
  Overview o;
  const std::int64_t now = clock_.now();
  o.today = format_date_input(now);
  o.data = OverviewStore(db_).load();
  o.progress = counted_progress(o.data.actions, o.data.statuses);
  o.goals = GoalStore(db_).all();
  std::vector<std::string> catalog_order;
  for (const auto& t : catalog::terms(db_, "theme")) {
    catalog_order.push_back(t.slug);
    o.theme_labels[t.slug] = t.label;
  }
  std::vector<std::string> members;
  for (const auto& m : network::member_municipalities(db_, now)) {
    members.push_back(m.nis_code);
    o.municipality_labels[m.nis_code] = m.name_nl;
  }
  o.matrix =
      coverage_matrix(o.data, o.progress, members, themes_in_use(o.data, catalog_order), o.today);
  o.roll_ups = roll_ups(o.data, o.progress);
  // Municipalities of actions that are no (longer) members still get their name.
  const auto& names = reference::municipality_names(db_);
  for (const auto& [nis, r] : o.roll_ups.by_municipality)
    if (!o.municipality_labels.count(nis))
      if (const auto n = names.find(nis); n != names.end()) o.municipality_labels[nis] = n->second;
  o.needs_without_action = needs_without_action(o.data);
  o.actions_without_need = actions_without_need(o.data);
  o.overdue = overdue_actions(o.data, o.progress, o.today);
  return o;
}

}  // namespace schakel::signals
