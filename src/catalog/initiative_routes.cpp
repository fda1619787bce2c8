// Initiatives across levels and domains (issue 14): the overview page
// /initiatieven, the coordinator's dashboard line of closing funding calls and
// the job that keeps the search index's "running or open" facet within the day.
// The digest news source is in initiative_news.cpp.
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <iterator>

#include "app/app.hpp"
#include "catalog/catalog.hpp"
#include "catalog/initiative.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "core/log.hpp"
#include "web/form.hpp"

namespace schakel::catalog {

namespace {

// The two columns of the overview: running initiatives and open funding calls.
struct Column {
  const char* kind;
  const char* label;
};
const Column columns[] = {{"initiative", "Lopende initiatieven"},
                          {"funding_call", "Open projectoproepen"}};

// The results page of the kennisbank search for `kind`, running or open, and
// one more filter (page parameter `param` = `value`; none when param is "").
std::string search_href(const std::string& kind, const std::string& param,
                        const std::string& value) {
  std::string out = "/zoeken?soort=" + web::percent_encode(kind) + "&actueel=" + current_value;
  if (!param.empty()) out += "&" + param + "=" + web::percent_encode(value);
  return out;
}

// Running initiatives or open funding calls that `user` may see, counted by
// the search index itself, so each number is what its link lists.
search::SearchOutcome count_current(App& app, const std::optional<web::Principal>& user,
                                    const std::string& kind) {
  search::SearchQuery q;
  q.filters["kind"] = {kind};
  q.filters["current"] = {current_value};
  q.facet_names = {"policy_level", "policy_domain"};
  q.visibilities = visible_levels(user);
  q.limit = 1;
  return app.search().search(q);
}

std::int64_t count_of(const search::SearchOutcome& outcome, const std::string& facet,
                      const std::string& value) {
  auto it = outcome.facets.find(facet);
  if (it == outcome.facets.end()) return 0;
  for (const auto& c : it->second)
    if (c.value == value) return c.count;
  return 0;
}

// One table: a row per level (or domain) with a count per column, and a total row.
nlohmann::json table_model(const std::vector<std::pair<std::string, std::string>>& rows,
                           const char* facet, const char* param,
                           const std::vector<search::SearchOutcome>& outcomes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < std::size(columns); ++i)
      cells.push_back({{"count", count_of(outcomes[i], facet, value)},
                       {"href", search_href(columns[i].kind, param, value)},
                       {"label", std::string(columns[i].label) + ", " + label}});
    out.push_back({{"label", label}, {"cells", cells}});
  }
  return out;
}

web::Response overview_page(App& app, web::Request& req) {
  const std::string today = date_of(app.clock().now());
  std::vector<search::SearchOutcome> outcomes;
  for (const auto& c : columns) outcomes.push_back(count_current(app, req.user, c.kind));
  std::vector<std::pair<std::string, std::string>> levels, domains;
  for (const auto& l : policy_levels()) levels.emplace_back(l.value, l.label);
  for (const auto& t : CatalogStore(app.db()).terms("policy_domain"))
    domains.emplace_back(t.slug, t.label);
  nlohmann::json totals = nlohmann::json::array();
  for (std::size_t i = 0; i < std::size(columns); ++i)
    totals.push_back({{"count", outcomes[i].total},
                      {"href", search_href(columns[i].kind, "", "")},
                      {"label", std::string(columns[i].label) + ", alle"}});
  const auto visible = visible_levels(req.user);
  const auto closing = app.db().run([&](soci::session& sql) {
    return CatalogStore::calls_closing(sql, visible, today, add_days(today, closing_days));
  });
  nlohmann::json calls = nlohmann::json::array();
  for (const auto& r : closing)
    calls.push_back({{"title", r.title},
                     {"href", "/kennisbank/" + r.slug},
                     {"level", label_of(policy_levels(), r.policy_level)},
                     {"deadline", date_label_nl(r.deadline)},
                     {"deadline_iso", r.deadline},
                     {"days_left", days_left_label(r.deadline, today)}});
  const std::string closing_count =
      calls.size() == 1 ? "1 oproep" : std::to_string(calls.size()) + " oproepen";
  nlohmann::json model = {{"today", date_label_nl(today)},
                          {"columns", nlohmann::json::array({columns[0].label, columns[1].label})},
                          {"levels", table_model(levels, "policy_level", "niveau", outcomes)},
                          {"domains", table_model(domains, "policy_domain", "domein", outcomes)},
                          {"totals", totals},
                          {"calls", calls},
                          {"has_calls", !calls.empty()},
                          {"closing_count", closing_count},
                          {"closing_days", closing_days},
                          {"all_calls_href", search_href("funding_call", "", "")}};
  return app.render_page(req, "catalog/initiatives", "Initiatieven en projectoproepen", model);
}

// The dashboard line: funding calls of any visibility closing within closing_days.
std::vector<AttentionLine> closing_lines(soci::session& sql, std::int64_t now) {
  const std::string today = date_of(now);
  const auto calls = CatalogStore::calls_closing(sql, {"public", "professionals", "network"}, today,
                                                 add_days(today, closing_days));
  if (calls.empty()) return {};
  const auto n = static_cast<std::int64_t>(calls.size());
  const std::string text = n == 1 ? "1 projectoproep sluit binnen 30 dagen"
                                  : std::to_string(n) + " projectoproepen sluiten binnen 30 dagen";
  return {AttentionLine{text, "/initiatieven", n, "info"}};
}

// Marks initiatives and funding calls whose running or open state changed in
// the last days (a start today, an end or deadline in the past two days), so
// the search index takes them again with today's "current" facet.
void refresh_current(App& app) {
  const std::int64_t now = app.clock().now();
  const std::string today = date_of(now);
  const auto touched = app.db().transact([&](soci::session& sql) {
    const auto ids = CatalogStore::initiatives_with_dates_in(sql, add_days(today, -2), today);
    for (auto id : ids) CatalogStore::touch(sql, id, now);
    return ids.size();
  });
  if (touched > 0)
    log::app()->info("catalog.initiative_dates: re-indexing {} resource(s)", touched);
}

}  // namespace

void install_initiatives(App& app) {
  app.router().get("/initiatieven", [&app](web::Request& req) { return overview_page(app, req); });
  app.add_attention_source(
      AttentionSource{"catalog.funding_calls", "Kennisbank", 20, closing_lines});
  app.add_news_source(initiative_news_source());
  app.jobs().add(
      jobs::Job{"catalog.initiative_dates", 3600, 300, [&app] { refresh_current(app); }});
}

}  // namespace schakel::catalog
