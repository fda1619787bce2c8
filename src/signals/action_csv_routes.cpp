// /acties/export.csv and /acties/import: the coordinator's exchange of actions
// as CSV (format in action_csv.hpp).
#include "app/app.hpp"
#include "audit/audit.hpp"
#include "signals/action_pages.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

web::Response export_csv(App& app, web::Request& req) {
  auto csv = action_service(app).export_csv(req.user);
  if (!csv) return app.failure_page(req, csv.error());
  web::Response res = web::Response::text(std::move(csv).value());
  res.headers.set("Content-Type", "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"acties.csv\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

web::Response import_page(App& app, const web::Request& req, const Error* error = nullptr) {
  nlohmann::json problems = nlohmann::json::array();
  if (error)
    for (const auto& f : error->fields) problems.push_back(f.message);
  nlohmann::json model = tabs_model(req);
  model.update({{"problems", problems}, {"has_problems", !problems.empty()}});
  return app.render_page(req, "signals/action_import", "Acties inlezen", model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response import_get(App& app, web::Request& req) { return import_page(app, req); }

web::Response import_post(App& app, web::Request& req) {
  std::string text;
  for (const auto& part : req.files)
    if (part.name == "bestand") text.assign(part.data);
  if (text.empty()) {
    const Error none = Error::of(Failure::invalid, "Kies een CSV-bestand om in te lezen.");
    return import_page(app, req, &none);
  }
  auto done = action_service(app).import_csv(req.user, text);
  if (!done) {
    if (done.error().failure == Failure::forbidden) return app.failure_page(req, done.error());
    return import_page(app, req, &done.error());
  }
  audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                       "actions_imported", "actions",
                                       std::to_string(done.value()) + " actions", req.remote_ip});
  app.ensure_session(req).add_flash(
      "success", "Het bestand is ingelezen: " + std::to_string(done.value()) + " acties.");
  return web::Response::redirect("/acties");
}

}  // namespace

void install_action_csv_routes(App& app) {
  auto& r = app.router();
  const web::Access coordinator = web::Access::only({Role::coordinator, Role::admin});
  r.get("/acties/export.csv", app.bind(export_csv), {.runs_long = true, .access = coordinator});
  r.get("/acties/import", app.bind(import_get), {.access = coordinator});
  r.post("/acties/import", app.bind(import_post), {.accepts_upload = true, .access = coordinator});
}

}  // namespace schakel::signals
