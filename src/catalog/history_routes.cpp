// The history of a resource: every version with what changed, and restoring an
// old version as a new one. Thin handlers; the rules are in CatalogService.
#include <nlohmann/json.hpp>

#include <variant>

#include "app/app.hpp"
#include "catalog/catalog.hpp"
#include "catalog/pages.hpp"
#include "catalog/service.hpp"
#include "web/access.hpp"

namespace schakel::catalog {

namespace {

// The changed fields between two versions, line by line.
nlohmann::json changes_model(const Resource& before_state, const Resource& now_state) {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& f : text_fields()) {
    const std::string a = text_field(before_state, f.value), b = text_field(now_state, f.value);
    if (a == b) continue;
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& d : diff_lines(a, b))
      lines.push_back({{"text", d.text}, {"added", d.op == '+'}, {"removed", d.op == '-'}});
    changes.push_back({{"field", f.label}, {"lines", lines}});
  }
  return changes;
}

// GET /kennisbank/{slug}/geschiedenis.
web::Response history_page(App& app, web::Request& req) {
  auto found = resource_for(app, req, Action::view_history, "view_history");
  if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
  auto res = std::get_if<Resource>(&found);
  auto revisions = CatalogStore(app.db()).revisions(res->id);
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    Resource now_state, before_state;
    apply_snapshot(now_state, revisions[i].snapshot);
    if (i + 1 < revisions.size()) apply_snapshot(before_state, revisions[i + 1].snapshot);
    list.push_back({{"number", revisions[i].number},
                    {"author", revisions[i].author_label},
                    {"when", format_date_nl(revisions[i].created_at)},
                    {"changes", changes_model(before_state, now_state)},
                    {"is_current", i == 0}});
  }
  return app.render_page(req, "catalog/history", "Geschiedenis van " + res->title,
                         {{"title", res->title}, {"slug", res->slug}, {"revisions", list}});
}

// POST /kennisbank/{slug}/versies/{number}/herstellen.
web::Response restore_version(App& app, web::Request& req) {
  auto found = resource_for(app, req, Action::edit, "restore_resource");
  if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
  auto res = std::get_if<Resource>(&found);
  auto restored = CatalogService(app.db(), app.clock())
                      .restore(*req.user, res->id, number_param(req, "number"));
  if (!restored) return app.failure_page(req, restored.error());
  req.session->add_flash("success", "De oude versie is teruggezet als nieuwe versie.");
  return web::Response::redirect("/kennisbank/" + res->slug + "/geschiedenis");
}

}  // namespace

void install_history_pages(App& app) {
  // Who may see or restore is a rule per resource (see resource_for).
  const web::RouteOptions signed_in{.access = web::Access::signed_in()};
  app.router().get(
      "/kennisbank/{slug}/geschiedenis",
      [&app](web::Request& req) { return history_page(app, req); }, signed_in);
  app.router().post(
      "/kennisbank/{slug}/versies/{number}/herstellen",
      [&app](web::Request& req) { return restore_version(app, req); }, signed_in);
}

}  // namespace schakel::catalog
