#include "catalog/search.hpp"

#include <nlohmann/json.hpp>

#include "catalog/initiative.hpp"
#include "catalog/store.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "search/text.hpp"
#include "web/visibility.hpp"

namespace schakel::catalog {

const std::vector<FacetSpec>& facet_specs() {
  static const std::vector<FacetSpec> list = {
      {"kind", "soort", "kind", "Soort"},
      {"theme", "thema", "theme", "Thema"},
      {"track", "spoor", "track", "Spoor"},
      {"audience", "doelgroep", "audience", "Voor wie"},
      {"age_group", "leeftijd", "age_group", "Leeftijd"},
      {"scope", "bereik", "scope", "Bereik"},
      {"municipality", "gemeente", "municipality", "Gemeente"},
      {"evidence", "onderbouwing", "evidence", "Onderbouwing"},
      {"policy_level", "niveau", "policy_level", "Beleidsniveau"},
      {"policy_domain", "domein", "policy_domain", "Beleidsdomein"},
      {"current", "actueel", "current", "Lopend of open"},
  };
  return list;
}

namespace {

// `text` as a number of at most four digits, or 0 when it is anything else.
int small_number(const std::string& text) {
  const bool digits = text.size() <= 4 && std::all_of(text.begin(), text.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
  return digits && !text.empty() ? std::stoi(text) : 0;
}

}  // namespace

search::IndexDocument index_document(const Resource& r, const std::string& today) {
  search::IndexDocument doc;
  doc.key = "resource:" + std::to_string(r.id);
  doc.fields.push_back({r.title, 5});
  doc.fields.push_back({r.summary, 2});
  doc.fields.push_back({r.body, 1});
  for (const std::string* text :
       {&r.rationale, &r.target_group, &r.goals, &r.approach, &r.conditions, &r.transferability,
        &r.cost, &r.training_needed, &r.contact_name, &r.contact_organisation})
    if (!text->empty()) doc.fields.push_back({*text, 1});
  doc.facets.emplace_back("kind", r.kind);
  for (const auto& t : r.themes) doc.facets.emplace_back("theme", t);
  for (const auto& t : r.tracks) doc.facets.emplace_back("track", t);
  for (const auto& t : r.audiences) doc.facets.emplace_back("audience", t);
  for (const auto& t : r.age_groups) doc.facets.emplace_back("age_group", t);
  doc.facets.emplace_back("scope", r.scope);
  if (!r.owner_nis_code.empty()) doc.facets.emplace_back("municipality", r.owner_nis_code);
  doc.facets.emplace_back("evidence", r.evidence_level);
  if (!r.policy_level.empty()) doc.facets.emplace_back("policy_level", r.policy_level);
  for (const auto& d : r.policy_domains) doc.facets.emplace_back("policy_domain", d);
  if (!today.empty() && is_current(r, today)) doc.facets.emplace_back("current", current_value);
  doc.visibility = r.visibility;
  doc.date = r.published_at.value_or(r.updated_at);
  // Plain text: the snippet must not show Markdown marks ("**", "*…*").
  doc.snippet_source = search::markdown_to_plain(r.summary + "\n\n" + r.body, 800);
  doc.data = nlohmann::json{
      {"id", r.id},
      {"slug", r.slug},
      {"title", r.title},
      {"summary", r.summary},
      {"kind", r.kind},
      {"visibility", r.visibility},
      {"published_at",
       doc.date}}.dump();
  return doc;
}

search::DocumentSource resource_source(const Clock& clock) {
  search::DocumentSource source;
  source.entity = "resource";
  source.count = [](soci::session& sql) { return CatalogStore::count_published(sql); };
  source.all = [&clock](soci::session& sql,
                        const std::function<void(const search::IndexDocument&)>& emit) {
    std::int64_t after = 0;
    for (;;) {
      auto batch = CatalogStore::published_batch(sql, after, 500);
      if (batch.empty()) return;
      const std::string today = date_of(clock.now());
      for (const auto& r : batch) emit(index_document(r, today));
      after = batch.back().id;
    }
  };
  source.one = [&clock](soci::session& sql,
                        const std::string& id) -> std::optional<search::IndexDocument> {
    const auto key = parse_id(id);
    if (!key) return std::nullopt;
    auto r = CatalogStore::find(sql, *key);
    if (!r || r->status != "published") return std::nullopt;
    return index_document(*r, date_of(clock.now()));
  };
  source.key = [](const std::string& id) { return "resource:" + id; };
  return source;
}

std::vector<std::string> visible_levels(const std::optional<web::Principal>& user) {
  std::vector<std::string> out;
  for (auto level :
       {web::Visibility::public_, web::Visibility::professionals, web::Visibility::network})
    if (web::can_see(user, level)) out.push_back(web::to_string(level));
  return out;
}

Result<search::SearchQuery> parse_search_request(const web::Form& params,
                                                 const std::optional<web::Principal>& user,
                                                 ParamStyle style, int page_size) {
  const bool api = style == ParamStyle::api;
  search::SearchQuery q;
  q.text = params.get("q");
  if (q.text.size() > 500)
    return Error::invalid("q", "De zoekvraag is te lang (hoogstens 500 tekens).");
  for (const auto& spec : facet_specs()) {
    q.facet_names.push_back(spec.name);
    auto values = params.get_all(api ? spec.api_param : spec.page_param);
    std::vector<std::string> kept;
    for (auto& v : values) {
      if (v.empty()) continue;
      if (v.size() > 100)
        return Error::invalid(api ? spec.api_param : spec.page_param,
                              std::string("Een waarde voor ") + spec.label + " is te lang.");
      if (std::find(kept.begin(), kept.end(), v) == kept.end()) kept.push_back(std::move(v));
    }
    if (kept.size() > 20)
      return Error::invalid(api ? spec.api_param : spec.page_param,
                            std::string("Kies hoogstens 20 waarden voor ") + spec.label + ".");
    if (!kept.empty()) q.filters[spec.name] = std::move(kept);
  }
  // The API lists the kennisbank (resources and training offers, which all have a
  // kind), not the other documents of the site search (help pages have none).
  if (api && q.filters.count("kind") == 0)
    for (const auto& kind : kinds()) q.filters["kind"].push_back(kind.value);
  const std::string sort = params.get(api ? "sort" : "sorteer");
  if (sort.empty() || sort == (api ? "relevance" : "relevantie"))
    q.newest_first = false;
  else if (sort == (api ? "date" : "datum"))
    q.newest_first = true;
  else
    return Error::invalid(api ? "sort" : "sorteer", api ? "Use sort=relevance or sort=date."
                                                        : "Sorteer op relevantie of op datum.");
  int page = 1;
  const std::string page_text = params.get(api ? "page" : "pagina");
  if (!page_text.empty()) {
    page = small_number(page_text);
    if (page < 1 || page > 1000)
      return Error::invalid(api ? "page" : "pagina",
                            "Het paginanummer moet een getal van 1 tot 1000 zijn.");
  }
  if (api) {
    const std::string per_page = params.get("per_page");
    if (!per_page.empty()) {
      const int n = small_number(per_page);
      if (n < 1 || n > 100)
        return Error::invalid("per_page", "per_page moet een getal van 1 tot 100 zijn.");
      page_size = n;
    }
  }
  q.limit = page_size;
  q.offset = (page - 1) * page_size;
  q.visibilities = visible_levels(user);
  return q;
}

}  // namespace schakel::catalog
