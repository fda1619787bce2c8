// The read API of the kennisbank under /api/v1 (documented in docs/openapi.yaml):
// search and list resources, read one resource, list the themes. Answers JSON,
// also for errors. What a caller sees follows the session, as for pages.
// Also serves the document itself (embedded at build time) and /api, the Dutch
// page that introduces the API to developers.
#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>

#include "app/app.hpp"
#include "catalog/catalog.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "core/clock.hpp"
#include "core/embedded.hpp"
#include "search/engine.hpp"
#include "web/visibility.hpp"

namespace schakel::catalog {

namespace {

constexpr int default_per_page = 20;

// JSON with the cache policy for its audience: anonymous answers are the same
// for every anonymous caller; a signed-in caller's answer is theirs alone.
web::Response json_reply(const web::Request& req, const nlohmann::json& body) {
  auto res =
      web::Response::json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (req.user) {
    res.headers.set("Cache-Control", "private, no-store");
  } else {
    res.headers.set("Cache-Control", "public, max-age=60");
  }
  res.headers.set("Vary", "Cookie");
  return res;
}

nlohmann::json timestamp(std::optional<std::int64_t> unix_seconds) {
  if (!unix_seconds) return nullptr;
  return format_utc(*unix_seconds);
}

nlohmann::json terms_json(const std::vector<std::string>& slugs,
                          const std::map<std::string, std::string>& labels) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& slug : slugs) {
    auto it = labels.find(slug);
    out.push_back({{"slug", slug}, {"label", it == labels.end() ? slug : it->second}});
  }
  return out;
}

// The text, or null when it is empty (fields a kind does not have).
nlohmann::json or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

std::map<std::string, std::string> choice_labels(const std::vector<Choice>& list) {
  std::map<std::string, std::string> out;
  for (const auto& c : list) out[c.value] = c.label;
  return out;
}

std::map<std::string, std::string> term_labels(CatalogStore& store, const std::string& vocabulary) {
  std::map<std::string, std::string> out;
  for (const auto& t : store.terms(vocabulary)) out[t.slug] = t.label;
  return out;
}

web::Response search_resources(App& app, web::Request& req) {
  auto parsed = parse_search_request(req.query_params, req.user, ParamStyle::api, default_per_page);
  if (!parsed) {
    // Deliberately 400, not json_failure's 422: a malformed query string is a bad
    // request (docs/openapi.yaml documents 400 for it).
    const auto& e = parsed.error().fields.front();
    return App::json_error(400, e.message, e.field);
  }
  const search::SearchQuery& query = parsed.value();
  const auto outcome = app.search().search(query);
  const std::string base = app.base_url();

  nlohmann::json items = nlohmann::json::array();
  for (const auto& hit : outcome.hits) {
    auto data = nlohmann::json::parse(hit.data, nullptr, false);
    if (data.is_discarded() || !data.is_object()) continue;
    const std::string slug = data.value("slug", "");
    const auto published = data.value("published_at", std::int64_t{0});
    items.push_back(
        {{"id", data.value("id", std::int64_t{0})},
         {"slug", slug},
         {"title", data.value("title", "")},
         {"summary", data.value("summary", "")},
         {"kind", data.value("kind", "")},
         {"url", base + data.value("href", "/kennisbank/" + slug)},
         {"published_at", timestamp(published ? std::optional(published) : std::nullopt)}});
  }
  nlohmann::json facets = nlohmann::json::object();
  // Kinds the caller did not choose are selected only to keep other documents out
  // (parse_search_request): show them as a caller sees them.
  bool kinds_chosen = false;
  for (const auto& kind : req.query_params.get_all("kind")) kinds_chosen |= !kind.empty();
  for (const auto& spec : facet_specs()) {
    nlohmann::json values = nlohmann::json::array();
    const bool implicit = std::string_view(spec.name) == "kind" && !kinds_chosen;
    if (auto it = outcome.facets.find(spec.name); it != outcome.facets.end())
      for (const auto& c : it->second) {
        if (implicit && c.count == 0) continue;
        values.push_back(
            {{"value", c.value}, {"count", c.count}, {"selected", c.selected && !implicit}});
      }
    facets[spec.api_param] = values;
  }
  const int per_page = query.limit;
  const int page = query.offset / per_page + 1;
  const int pages = (outcome.total + per_page - 1) / per_page;
  nlohmann::json body = {
      {"total", outcome.total},
      {"page", page},
      {"per_page", per_page},
      {"pages", pages},
      {"items", items},
      {"facets", facets},
      {"suggestion",
       outcome.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome.suggestion)},
      {"used_suggestion", outcome.used_suggestion}};
  return json_reply(req, body);
}

// Whether the caller may read `r` through the API: published, and at a
// visibility level the session's user may see.
bool readable(const std::optional<web::Principal>& user, const Resource& r) {
  if (r.status != "published") return false;
  auto level = web::parse_visibility(r.visibility);
  return level && web::can_see(user, *level);
}

web::Response one_resource(App& app, web::Request& req) {
  CatalogStore store(app.db());
  const std::string slug = req.param("slug");
  auto found = slug.size() > 200 ? std::nullopt : store.find_by_slug(slug);
  if (!found || !readable(req.user, *found))
    return App::json_error(404, "Deze fiche bestaat niet of je kan ze niet bekijken.");
  const Resource& r = *found;
  const auto owner = r.owner_nis_code;
  nlohmann::json body = {
      {"id", r.id},
      {"slug", r.slug},
      {"url", app.base_url() + "/kennisbank/" + r.slug},
      {"kind", r.kind},
      {"title", r.title},
      {"summary", r.summary},
      {"body", r.body},
      {"language", r.language},
      {"rationale", r.rationale},
      {"target_group", r.target_group},
      {"goals", r.goals},
      {"approach", r.approach},
      {"conditions", r.conditions},
      {"transferability", r.transferability},
      {"cost", r.cost},
      {"training_needed", r.training_needed},
      {"evidence", r.evidence_level},
      {"contact_name", r.contact_name},
      {"contact_organisation", r.contact_organisation},
      {"scope", r.scope},
      {"municipality", owner.empty() ? nlohmann::json(nullptr) : nlohmann::json(owner)},
      {"visibility", r.visibility},
      {"themes", terms_json(r.themes, term_labels(store, "theme"))},
      {"tracks", terms_json(r.tracks, choice_labels(tracks()))},
      {"audiences", terms_json(r.audiences, term_labels(store, "audience"))},
      {"age_groups", terms_json(r.age_groups, term_labels(store, "age_group"))},
      {"policy_level", or_null(r.policy_level)},
      {"policy_domains", terms_json(r.policy_domains, term_labels(store, "policy_domain"))},
      {"deadline", or_null(r.deadline)},
      {"running_from", or_null(r.running_from)},
      {"running_until", or_null(r.running_until)},
      {"published_at", timestamp(r.published_at)},
      {"updated_at", timestamp(r.updated_at)},
  };
  return json_reply(req, body);
}

web::Response themes(App& app, web::Request& req) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : CatalogStore(app.db()).terms("theme"))
    items.push_back({{"slug", t.slug}, {"label", t.label}});
  return json_reply(req, {{"items", items}});
}

// docs/openapi.yaml as shipped in this binary.
web::Response openapi_document() {
  const auto* file = embedded::find("docs/openapi.yaml");
  if (!file) throw std::logic_error("docs/openapi.yaml not embedded");
  web::Response res;
  res.body = std::string(file->data);
  res.headers.set("Content-Type", "application/yaml");
  res.headers.set("Cache-Control", "public, max-age=3600");
  return res;
}

}  // namespace

void install_api(App& app) {
  app.page("/api",
           [&app](web::Request& req) {
             return app.render_page(req, "catalog/api", "API voor ontwikkelaars",
                                    nlohmann::json::object());
           },
           {.cache_for_anonymous = true});
  app.router().get("/api/v1/openapi.yaml", [](web::Request&) { return openapi_document(); });
  // Anonymous answers come from the page cache until the next change.
  app.page("/api/v1/resources", [&app](web::Request& req) { return search_resources(app, req); },
           {.cache_for_anonymous = true});
  app.page("/api/v1/resources/{slug}", [&app](web::Request& req) { return one_resource(app, req); },
           {.cache_for_anonymous = true});
  app.page("/api/v1/themes", [&app](web::Request& req) { return themes(app, req); },
           {.cache_for_anonymous = true});
}

}  // namespace schakel::catalog
