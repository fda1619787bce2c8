#include "signals/records_view.hpp"

#include <algorithm>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "reference/municipalities.hpp"
#include "signals/records_rules.hpp"

namespace schakel::signals {

void set_tabs(nlohmann::json& model, const std::optional<web::Principal>& user,
              const std::string& tab) {
  model["signals_tabs_coordinator"] = has_full_rights(user);
  model["signals_tab_" + tab] = true;
}

nlohmann::json theme_options(store::Database& db, const std::vector<std::string>& checked) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : theme_choices(db))
    out.push_back(
        {{"value", c.value},
         {"label", c.label},
         {"checked", std::find(checked.begin(), checked.end(), c.value) != checked.end()}});
  return out;
}

nlohmann::json theme_filter_options(store::Database& db, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""}, {"label", "Alle thema's"}, {"selected", selected.empty()}});
  for (const auto& c : theme_choices(db))
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

nlohmann::json municipality_options(store::Database& db, const std::optional<web::Principal>& user,
                                    const std::string& selected) {
  if (has_full_rights(user)) return all_municipality_options(db, selected);
  nlohmann::json out = nlohmann::json::array();
  if (!user) return out;
  for (const auto& nis : user->spoc_of)
    out.push_back({{"value", nis},
                   {"label", reference::municipality_name(db, nis)},
                   {"selected", nis == selected}});
  return out;
}

nlohmann::json all_municipality_options(store::Database& db, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : reference::municipalities_in_region(db, "Vlaanderen"))
    out.push_back(
        {{"value", m.nis_code}, {"label", m.name_nl}, {"selected", m.nis_code == selected}});
  return out;
}

std::string theme_labels(store::Database& db, const std::vector<std::string>& themes) {
  const auto choices = theme_choices(db);
  std::string out;
  for (const auto& t : themes) out += (out.empty() ? "" : ", ") + label_of(choices, t);
  return out;
}

nlohmann::json signal_model(store::Database& db, const Signal& s) {
  return {{"id", s.id},
          {"nis_code", s.nis_code},
          {"municipality", reference::municipality_name(db, s.nis_code)},
          {"observed_on", s.observed_on},
          {"observed_label", date_label(s.observed_on)},
          {"themes", theme_labels(db, s.themes)},
          {"description", s.description},
          {"target_group", s.target_group},
          {"sector", s.sector},
          {"source", s.source},
          {"frequency", label_of(frequencies(), s.frequency)},
          {"urgent", s.urgent},
          {"own_municipality_only", s.own_municipality_only},
          {"closed", s.closed_at.has_value()},
          {"closed_label", s.closed_at ? format_date_nl(*s.closed_at) : ""}};
}

nlohmann::json choice_options(const std::vector<Choice>& list, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : list)
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

void add_errors(nlohmann::json& model, const Error& error) {
  model.update(App::form_errors(error));
  model["has_errors"] = true;
}

}  // namespace schakel::signals
