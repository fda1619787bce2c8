// The page /signalen/zoeken: full-text search over signals, needs and actions
// for SPOCs, coordinators and admins (signals/search.hpp).
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "reference/municipalities.hpp"
#include "signals/search.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

constexpr int page_size = 20;

const char* kind_label(const std::string& kind) {
  if (kind == "signal") return "Signaal";
  if (kind == "need") return "Nood";
  return "Actie";
}

// The query string of `params` with `name` set to `value` ("" drops it).
std::string link(const web::Form& params, const std::string& name, const std::string& value) {
  std::string out;
  bool seen = false;
  for (const auto& [k, v] : params.fields()) {
    std::string val = v;
    if (k == name) {
      if (seen) continue;
      seen = true;
      val = value;
    }
    if (val.empty()) continue;
    out += (out.empty() ? "?" : "&") + web::percent_encode(k) + "=" + web::percent_encode(val);
  }
  if (!seen && !value.empty())
    out += (out.empty() ? "?" : "&") + name + "=" + web::percent_encode(value);
  return "/signalen/zoeken" + out;
}

nlohmann::json choices(const std::vector<std::pair<std::string, std::string>>& options,
                       const std::string& chosen) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : options)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
  return out;
}

// The form's fields (with the visitor's choices) and the tab bar.
nlohmann::json form_model(App& app, const web::Request& req) {
  const web::Form& params = req.query_params;
  std::vector<std::pair<std::string, std::string>> themes{{"", "Alle thema's"}};
  for (const auto& t : catalog::terms(app.db(), "theme")) themes.emplace_back(t.slug, t.label);
  std::vector<std::pair<std::string, std::string>> places{{"", "Alle gemeenten"},
                                                          {"bovenlokaal", "Bovenlokaal"}};
  for (const auto& [nis, name] : reference::municipality_names(app.db()))
    places.emplace_back(nis, name);
  std::sort(places.begin() + 2, places.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  const bool coordinator =
      req.user && (req.user->role == Role::coordinator || req.user->role == Role::admin);
  return {{"q", params.get("q")},
          {"kinds",
           choices({{"", "Alles"}, {"signaal", "Signalen"}, {"nood", "Noden"}, {"actie", "Acties"}},
                   params.get("soort"))},
          {"themes", choices(themes, params.get("thema"))},
          {"municipalities", choices(places, params.get("gemeente"))},
          {"signals_tab_zoeken", true},
          {"signals_tabs_coordinator", coordinator}};
}

web::Response search_page(App& app, web::Request& req) {
  nlohmann::json model = form_model(app, req);
  auto query = parse_signals_search(app.db(), req.query_params, req.user, page_size);
  if (!query) {
    model["invalid"] = query.error().fields.front().message;
    model["results"] = nlohmann::json::array();
    return app.render_page(req, "signals/search", "Zoeken in signalen, noden en acties", model,
                           400);
  }
  const auto outcome = app.search().search(query.value());
  const auto names = reference::municipality_names(app.db());
  nlohmann::json results = nlohmann::json::array();
  for (const auto& hit : outcome.hits) {
    const auto data = nlohmann::json::parse(hit.data, nullptr, false);
    if (!data.is_object()) continue;
    const std::string kind = data.value("kind", "");
    const std::string nis = data.value("nis_code", "");
    const auto name = names.find(nis);
    results.push_back({{"href", data.value("href", "")},
                       {"title", data.value("title", "")},
                       {"kind_label", kind_label(kind)},
                       {"place", name != names.end() ? name->second : ""},
                       {"closed", data.value("closed", false)},
                       {"own_only", data.value("own_municipality_only", false)},
                       {"snippet_html", hit.snippet_html}});
  }
  const int page = query.value().offset / page_size + 1;
  const int pages = (outcome.total + page_size - 1) / page_size;
  model["results"] = results;
  model["has_results"] = !results.empty();
  model["count_text"] =
      outcome.total == 1 ? "1 resultaat" : std::to_string(outcome.total) + " resultaten";
  model["has_query"] = !query.value().text.empty();
  model["prev_href"] =
      page > 1 ? link(req.query_params, "pagina", page == 2 ? "" : std::to_string(page - 1)) : "";
  model["next_href"] =
      page < pages ? link(req.query_params, "pagina", std::to_string(page + 1)) : "";
  model["suggestion"] = outcome.suggestion;
  model["used_suggestion"] = outcome.used_suggestion;
  model["suggestion_href"] =
      outcome.suggestion.empty() ? "" : link(req.query_params, "q", outcome.suggestion);
  return app.render_page(req, "signals/search", "Zoeken in signalen, noden en acties", model);
}

}  // namespace

void install_search(App& app) {
  app.search().add_source(signal_source());
  app.search().add_source(need_source());
  app.search().add_source(action_source());
  app.page("/signalen/zoeken", app.bind(search_page),
           PageOptions{.access = web::Access::network()});
}

}  // namespace schakel::signals
