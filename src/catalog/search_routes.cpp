// The search results page: GET /zoeken. Works without JavaScript (filters and
// pages are links); schakel.js updates the results while one types.
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "catalog/catalog.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "reference/municipalities.hpp"
#include "search/engine.hpp"
#include "web/form.hpp"

namespace schakel::catalog {

namespace {

constexpr int page_size = 10;
constexpr int max_facet_values = 10;

// Labels of facet values: vocabularies from the database, the rest from types.
class FacetLabels {
 public:
  FacetLabels(store::Database& db, const std::vector<Term>& themes,
              const std::vector<Term>& audiences, const std::vector<Term>& ages,
              const std::vector<Term>& domains) {
    for (const auto* list : {&themes, &audiences, &ages, &domains})
      for (const auto& t : *list) vocabulary_[t.vocabulary + ":" + t.slug] = t.label;
    municipalities_ = &reference::municipality_names(db);
  }
  std::string label(const std::string& facet, const std::string& value) const {
    auto from = [&](const std::vector<Choice>& list) { return label_of(list, value); };
    if (facet == "kind") return from(kinds());
    if (facet == "evidence") return from(evidence_levels());
    if (facet == "scope") return from(scopes());
    if (facet == "track") return from(tracks());
    if (facet == "policy_level") return from(policy_levels());
    if (facet == "current") return "Loopt nu of staat open";
    if (facet == "municipality") {
      auto it = municipalities_->find(value);
      return it == municipalities_->end() ? value : it->second;
    }
    auto it = vocabulary_.find(facet + ":" + value);
    return it == vocabulary_.end() ? value : it->second;
  }

 private:
  std::map<std::string, std::string> vocabulary_;
  const std::map<std::string, std::string>* municipalities_ = nullptr;
};

// A link to the results page with `params`, changed: `toggle` adds or removes
// one filter value; `set` replaces single parameters ("" removes them). The page
// number is dropped unless set.
std::string link(const web::Form& params, const std::pair<std::string, std::string>& toggle,
                 const std::map<std::string, std::string>& set = {}) {
  std::string out = "/zoeken";
  char sep = '?';
  bool toggled_off = false;
  auto add = [&](const std::string& k, const std::string& v) {
    out += sep;
    sep = '&';
    out += web::percent_encode(k);
    out += '=';
    out += web::percent_encode(v);
  };
  for (const auto& [k, v] : params.fields()) {
    if (k == "pagina" || set.count(k)) continue;
    if (!toggle.first.empty() && k == toggle.first && v == toggle.second) {
      toggled_off = true;
      continue;
    }
    if (v.empty()) continue;
    add(k, v);
  }
  if (!toggle.first.empty() && !toggled_off) add(toggle.first, toggle.second);
  for (const auto& [k, v] : set)
    if (!v.empty()) add(k, v);
  return out;
}

// The labels, read again at most every ten seconds: every results page needs
// them and vocabularies change rarely.
std::shared_ptr<const FacetLabels> facet_labels(App& app) {
  static std::mutex mutex;
  static std::map<store::Database*, std::pair<std::int64_t, std::shared_ptr<const FacetLabels>>>
      cache;  // guarded by mutex
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  std::lock_guard lock(mutex);
  auto& entry = cache[&app.db()];
  if (!entry.second || now - entry.first >= 10) {
    CatalogStore store(app.db());
    entry = {now, std::make_shared<const FacetLabels>(
                      app.db(), store.terms("theme"), store.terms("audience"),
                      store.terms("age_group"), store.terms("policy_domain"))};
  }
  return entry.second;
}

nlohmann::json results_model(App& app, const web::Request& req, const search::SearchQuery& query,
                             const search::SearchOutcome& outcome) {
  const auto labels_ptr = facet_labels(app);
  const FacetLabels& labels = *labels_ptr;
  const auto& params = req.query_params;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& hit : outcome.hits) {
    auto data = nlohmann::json::parse(hit.data, nullptr, false);
    if (data.is_discarded()) continue;
    // Documents of other features (training series, help pages) carry their own
    // address, and may name their kind.
    const std::string kind = data.value("kind_label", labels.label("kind", data.value("kind", "")));
    results.push_back({{"href", data.value("href", "/kennisbank/" + data.value("slug", ""))},
                       {"title", data.value("title", "")},
                       {"kind", kind},
                       {"date", format_date_nl(data.value("published_at", std::int64_t{0}))},
                       {"snippet", hit.snippet_html}});
  }
  nlohmann::json facets = nlohmann::json::array();
  nlohmann::json chosen = nlohmann::json::array();
  for (const auto& spec : facet_specs()) {
    auto it = outcome.facets.find(spec.name);
    if (it == outcome.facets.end() || it->second.empty()) continue;
    nlohmann::json values = nlohmann::json::array();
    // The most frequent values and every chosen one: a list of 300 municipalities
    // helps nobody (the API gives them all).
    int shown = 0;
    for (const auto& c : it->second) {
      if (!c.selected && shown >= max_facet_values) continue;
      if (!c.selected) ++shown;
      auto label = labels.label(spec.name, c.value);
      auto href = link(params, {spec.page_param, c.value});
      values.push_back(
          {{"label", label}, {"count", c.count}, {"selected", c.selected}, {"href", href}});
      if (c.selected) chosen.push_back({{"label", label}, {"facet", spec.label}, {"href", href}});
    }
    facets.push_back({{"label", spec.label}, {"param", spec.page_param}, {"values", values}});
  }
  const int pages = (outcome.total + page_size - 1) / page_size;
  const int page = query.offset / page_size + 1;
  nlohmann::json pagination = nlohmann::json::array();
  for (int p = std::max(1, page - 3); p <= std::min(pages, page + 3); ++p)
    pagination.push_back(
        {{"number", p},
         {"current", p == page},
         {"href", link(params, {}, {{"pagina", p == 1 ? "" : std::to_string(p)}})}});
  nlohmann::json hidden = nlohmann::json::array();
  for (const auto& [k, v] : params.fields())
    if (k != "q" && k != "pagina" && !v.empty()) hidden.push_back({{"name", k}, {"value", v}});
  std::string count_text =
      outcome.total == 1 ? "1 resultaat" : std::to_string(outcome.total) + " resultaten";
  nlohmann::json model = {
      {"q", query.text},
      {"has_query", !query.text.empty()},
      {"total", outcome.total},
      {"count_text", count_text},
      {"results", results},
      {"facets", facets},
      {"chosen", chosen},
      {"has_chosen", !chosen.empty()},
      {"clear_href",
       query.text.empty() ? "/zoeken" : "/zoeken?q=" + web::percent_encode(query.text)},
      {"hidden", hidden},
      {"by_date", query.newest_first},
      {"relevance_href", link(params, {}, {{"sorteer", ""}})},
      {"date_href", link(params, {}, {{"sorteer", "datum"}})},
      {"pagination", pagination},
      {"has_pages", pages > 1},
      {"prev_href",
       page > 1 ? link(params, {}, {{"pagina", page == 2 ? "" : std::to_string(page - 1)}}) : ""},
      {"next_href", page < pages ? link(params, {}, {{"pagina", std::to_string(page + 1)}}) : ""},
      {"suggestion", outcome.suggestion},
      {"used_suggestion", outcome.used_suggestion},
      {"suggestion_href",
       outcome.suggestion.empty() ? "" : link(params, {}, {{"q", outcome.suggestion}})},
  };
  return model;
}

}  // namespace

web::Response synonyms_page(App& app, const web::Request& req, const std::string& text,
                            const Error* error, int status) {
  nlohmann::json model = {{"text", text}};
  if (error) model.update(App::form_errors(*error));
  return app.render_page(req, "catalog/synonyms", "Synoniemen voor het zoeken", model, status);
}

void install_search_page(App& app) {
  app.page(
      "/zoeken",
      [&app](web::Request& req) {
        auto query = parse_search_request(req.query_params, req.user, ParamStyle::page, page_size);
        if (!query) {
          return app.render_page(req, "catalog/search", "Zoeken",
                                 {{"q", req.query_params.get("q")},
                                  {"invalid", query.error().fields.front().message},
                                  {"results", nlohmann::json::array()}},
                                 400);
        }
        auto outcome = app.search().search(query.value());
        auto title = query.value().text.empty() ? std::string("Zoeken")
                                                : "Zoeken naar " + query.value().text;
        return app.render_page(req, "catalog/search", title,
                               results_model(app, req, query.value(), outcome));
      },
      // The same answer for every anonymous visitor: cached until the change feed
      // moves (at most 2,000 pages; see App::page). Signed-in searches are not.
      PageOptions{.cache_for_anonymous = true});

  // The synonym list: coordinators keep it, everyone's search uses it.
  const web::RouteOptions coordinator{.access = web::Access::only({Role::coordinator})};
  app.router().get(
      "/kennisbank/synoniemen",
      [&app](web::Request& req) {
        return synonyms_page(app, req, app.search().synonyms_text(), nullptr, 200);
      },
      coordinator);
  app.router().post(
      "/kennisbank/synoniemen",
      [&app](web::Request& req) {
        const std::string text = req.form.get("synonyms");
        auto saved = app.search().save_synonyms(text, req.user->id, app.clock().now());
        if (!saved)
          return app.failure_page(req, saved.error(), [&](int status) {
            return synonyms_page(app, req, text, &saved.error(), status);
          });
        audit::record(app.db(),
                      audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                   "synonyms_changed", "search:synonyms", "", req.remote_ip});
        app.ensure_session(req).add_flash(
            "success", "De synoniemen zijn bewaard. Het zoeken gebruikt ze meteen.");
        return web::Response::redirect("/kennisbank/synoniemen");
      },
      coordinator);
}

}  // namespace schakel::catalog
