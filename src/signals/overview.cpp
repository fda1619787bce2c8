#include "signals/overview.hpp"

#include <algorithm>
#include <set>

namespace schakel::signals {

namespace {

bool waiting(const Need& n) { return n.status == "open" || n.status == "in_progress"; }

int progress_of(const std::map<std::int64_t, int>& progress, std::int64_t id) {
  const auto p = progress.find(id);
  return p == progress.end() ? 0 : p->second;
}

}  // namespace

std::vector<std::string> themes_in_use(const OverviewData& data,
                                       const std::vector<std::string>& catalog_order) {
  std::set<std::string> used;
  for (const auto& [key, count] : data.open_signals) used.insert(key.second);
  for (const Need& n : data.needs) used.insert(n.themes.begin(), n.themes.end());
  for (const Action& a : data.actions)
    for (const auto& t : action_themes(a, data.needs)) used.insert(t);
  std::vector<std::string> out;
  for (const auto& slug : catalog_order)
    if (used.count(slug)) out.push_back(slug);
  return out;
}

CoverageMatrix coverage_matrix(const OverviewData& data,
                               const std::map<std::int64_t, int>& progress,
                               const std::vector<std::string>& municipalities,
                               const std::vector<std::string>& themes, const std::string& today) {
  CoverageMatrix m;
  m.themes = themes;
  std::map<std::string, std::size_t> row_of, column_of;
  for (const auto& nis : municipalities) {
    row_of[nis] = m.rows.size();
    m.rows.push_back({nis, std::vector<MatrixCell>(themes.size())});
  }
  const std::size_t supra = m.rows.size();
  m.rows.push_back({supra_local_key, std::vector<MatrixCell>(themes.size())});
  for (std::size_t i = 0; i < themes.size(); ++i) column_of[themes[i]] = i;
  auto cell = [&](const std::string& row, const std::string& theme) -> MatrixCell* {
    const auto r = row_of.find(row);
    const auto c = column_of.find(theme);
    if (r == row_of.end() || c == column_of.end()) return nullptr;
    return &m.rows[r->second].cells[c->second];
  };

  for (const auto& [key, count] : data.open_signals)
    if (MatrixCell* c = cell(key.first, key.second)) c->signals += count;
  for (const Need& n : data.needs) {
    if (!waiting(n)) continue;
    for (const auto& theme : n.themes) {
      if (!n.nis_code) {
        if (const auto col = column_of.find(theme); col != column_of.end())
          ++m.rows[supra].cells[col->second].needs;
      } else if (MatrixCell* c = cell(*n.nis_code, theme)) {
        ++c->needs;
      }
    }
  }
  for (const Action& a : data.actions) {
    if (standing(a, progress_of(progress, a.id), today) != Standing::running) continue;
    const auto towns = action_municipalities(a, data.needs);
    const auto topics = action_themes(a, data.needs);
    for (const auto& nis : towns)
      for (const auto& theme : topics)
        if (MatrixCell* c = cell(nis, theme)) ++c->actions;
  }
  return m;
}

RollUps roll_ups(const OverviewData& data, const std::map<std::int64_t, int>& progress) {
  RollUps r;
  r.by_goal = roll_up(data.actions, progress, [](const Action& a) {
    std::vector<std::string> keys;
    for (int g : a.goal_numbers) keys.push_back(std::to_string(g));
    return keys;
  });
  r.by_theme = roll_up(data.actions, progress,
                       [&](const Action& a) { return action_themes(a, data.needs); });
  r.by_municipality = roll_up(data.actions, progress, [&](const Action& a) {
    return action_municipalities(a, data.needs);
  });
  return r;
}

std::vector<Need> needs_without_action(const OverviewData& data) {
  std::set<std::int64_t> answered;
  for (const Action& a : data.actions) answered.insert(a.need_ids.begin(), a.need_ids.end());
  std::vector<Need> out;
  for (const Need& n : data.needs)
    if (waiting(n) && !answered.count(n.id)) out.push_back(n);
  return out;
}

std::vector<Action> actions_without_need(const OverviewData& data) {
  std::vector<Action> out;
  for (const Action& a : data.actions)
    if (!a.parent_id && a.need_ids.empty()) out.push_back(a);
  return out;
}

std::vector<Action> overdue_actions(const OverviewData& data,
                                    const std::map<std::int64_t, int>& progress,
                                    const std::string& today) {
  std::vector<Action> out;
  for (const Action& a : data.actions)
    if (standing(a, progress_of(progress, a.id), today) == Standing::overdue) out.push_back(a);
  std::stable_sort(out.begin(), out.end(),
                   [](const Action& x, const Action& y) { return x.ends_on < y.ends_on; });
  return out;
}

GoalActions goal_actions(const OverviewData& data, const std::map<std::int64_t, int>& progress,
                         int goal_number, bool public_only) {
  GoalActions out;
  std::set<std::int64_t> serving;
  for (const Action& a : data.actions)
    if ((!public_only || a.is_public) && std::find(a.goal_numbers.begin(), a.goal_numbers.end(),
                                                   goal_number) != a.goal_numbers.end())
      serving.insert(a.id);
  std::vector<Action> counted;
  for (const Action& a : data.actions) {
    if (!serving.count(a.id)) continue;
    if (!a.parent_id || !serving.count(*a.parent_id)) out.top.push_back(a);
    counted.push_back(a);
  }
  for (const Action& top : out.top)
    for (const Action& a : data.actions)
      if (a.parent_id == top.id && (!public_only || a.is_public)) out.parts[top.id].push_back(a);
  const auto rolled = roll_up(counted, progress, [&](const Action&) {
    return std::vector<std::string>{std::to_string(goal_number)};
  });
  if (const auto r = rolled.find(std::to_string(goal_number)); r != rolled.end())
    out.roll_up = r->second;
  return out;
}

std::vector<Need> needs_of(const OverviewData& data, const Action& action) {
  std::vector<Need> out;
  for (const Need& n : data.needs)
    if (std::find(action.need_ids.begin(), action.need_ids.end(), n.id) != action.need_ids.end())
      out.push_back(n);
  return out;
}

}  // namespace schakel::signals
