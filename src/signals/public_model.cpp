#include "signals/public_model.hpp"

#include <cmath>
#include <cstdio>

namespace schakel::signals {

std::string date_nl(const std::string& ymd) {
  const auto at = brussels_to_utc(ymd, "12:00");
  return at ? format_date_nl(*at) : ymd;
}

std::string number_nl(double value) {
  if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
    const long long whole = std::llround(value);
    std::string digits = std::to_string(whole < 0 ? -whole : whole), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
      out += digits[i];
    }
    return (whole < 0 ? "-" : "") + out;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string out = buffer;
  while (out.back() == '0') out.pop_back();
  for (char& c : out)
    if (c == '.') c = ',';
  return out;
}

namespace {

const char* standing_key(Standing s) {
  switch (s) {
    case Standing::planned:
      return "gepland";
    case Standing::running:
      return "lopend";
    case Standing::overdue:
      return "voorbij";
    case Standing::done:
      return "afgerond";
  }
  return "";
}

std::string output_label(const Output& o) {
  if (!o.label.empty()) return o.label;
  if (o.kind == "series") return "Vormingsreeks";
  if (o.kind == "campaign") return "Campagne";
  if (o.kind == "resource") return "Fiche in de kennisbank";
  return o.target;
}

}  // namespace

nlohmann::json action_model(const Action& a, const std::map<std::int64_t, int>& progress,
                            const OverviewData& data, const std::string& today) {
  const auto p = progress.find(a.id);
  const int value = p == progress.end() ? 0 : p->second;
  const Standing s = standing(a, value, today);
  std::string status_label;
  for (const auto& st : data.statuses)
    if (st.id == a.status_id) status_label = st.label;
  nlohmann::json outputs = nlohmann::json::array(), indicators = nlohmann::json::array(),
                 milestones = nlohmann::json::array();
  for (const Output& o : a.outputs) {
    nlohmann::json item = {{"label", output_label(o)}};
    if (const auto href = data.public_hrefs.find(o.id); href != data.public_hrefs.end())
      item["href"] = href->second;
    outputs.push_back(item);
  }
  for (const Indicator& i : a.indicators) {
    std::string text = number_nl(i.value);
    if (i.target) text += " van " + number_nl(*i.target);
    if (!i.unit.empty()) text += " " + i.unit;
    indicators.push_back({{"name", i.name}, {"value", text}});
  }
  for (const Milestone& m : a.milestones)
    milestones.push_back({{"title", m.title},
                          {"due_on", date_nl(m.due_on)},
                          {"done", m.done_on.has_value()},
                          {"done_on", m.done_on ? date_nl(*m.done_on) : ""}});
  return {{"id", a.id},
          {"title", a.title},
          {"description", a.description},
          {"progress", value},
          {"standing", standing_key(s)},
          {"standing_label", standing_label(s)},
          {"status_label", status_label},
          {"starts_on", date_nl(a.starts_on)},
          {"ends_on", a.ends_on ? date_nl(*a.ends_on) : ""},
          {"outputs", outputs},
          {"has_outputs", !outputs.empty()},
          {"indicators", indicators},
          {"has_indicators", !indicators.empty()},
          {"milestones", milestones},
          {"has_milestones", !milestones.empty()}};
}

nlohmann::json goal_model(const GoalView& view) {
  nlohmann::json actions = nlohmann::json::array();
  for (const Action& a : view.actions.top) {
    nlohmann::json item = action_model(a, view.progress, view.data, view.today);
    nlohmann::json parts = nlohmann::json::array();
    if (const auto found = view.actions.parts.find(a.id); found != view.actions.parts.end())
      for (const Action& part : found->second)
        parts.push_back(action_model(part, view.progress, view.data, view.today));
    item["has_parts"] = !parts.empty();
    item["parts"] = parts;
    actions.push_back(item);
  }
  return {{"number", view.goal.number},
          {"title", view.goal.title},
          {"description", view.goal.description},
          {"roll_up_progress", view.actions.roll_up.progress},
          {"roll_up_actions", view.actions.roll_up.actions},
          {"roll_up_phrase", public_actions_phrase(view.actions.roll_up.actions)},
          {"has_actions", !actions.empty()},
          {"actions", actions}};
}

}  // namespace schakel::signals
