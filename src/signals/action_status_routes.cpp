// /acties/statussen: the coordinator's list of action statuses (add, rename,
// change progress, reorder; a status in use cannot be deleted).
#include "app/app.hpp"
#include "signals/action_pages.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

web::Response statuses_page(App& app, const web::Request& req, const Error* error = nullptr,
                            std::int64_t failed_id = 0) {
  auto service = action_service(app);
  nlohmann::json rows = nlohmann::json::array();
  const bool sent = error && req.method == "POST";
  for (const auto& s : service.statuses()) {
    const bool failed = sent && s.id == failed_id;
    rows.push_back({{"id", s.id},
                    {"label", failed ? req.form.get("label") : s.label},
                    {"progress", failed ? req.form.get("progress") : std::to_string(s.progress)},
                    {"position", failed ? req.form.get("position") : std::to_string(s.position)},
                    {"failed", failed}});
  }
  nlohmann::json model = tabs_model(req);
  model.update({{"rows", rows},
                {"values",
                 {{"label", sent && failed_id == 0 ? req.form.get("label") : ""},
                  {"progress", sent && failed_id == 0 ? req.form.get("progress") : ""}}}});
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
    model["failed_new"] = failed_id == 0;
  }
  return app.render_page(req, "signals/action_statuses", "Statussen van acties", model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response statuses_get(App& app, web::Request& req) { return statuses_page(app, req); }

web::Response done(App& app, web::Request& req, const std::string& message) {
  app.ensure_session(req).add_flash("success", message);
  return web::Response::redirect("/acties/statussen");
}

web::Response status_add(App& app, web::Request& req) {
  auto r =
      action_service(app).add_status(req.user, req.form.get("label"), req.form.get("progress"));
  if (!r)
    return app.failure_page(req, r.error(),
                            [&](int) { return statuses_page(app, req, &r.error()); });
  return done(app, req, "De status is toegevoegd.");
}

web::Response status_update(App& app, web::Request& req) {
  const auto id = web::id_param(req, "sid");
  auto r = action_service(app).update_status(req.user, id, req.form.get("label"),
                                             req.form.get("progress"), req.form.get("position"));
  if (!r)
    return app.failure_page(req, r.error(),
                            [&](int) { return statuses_page(app, req, &r.error(), id); });
  return done(app, req, "De status is aangepast.");
}

web::Response status_delete(App& app, web::Request& req) {
  const auto id = web::id_param(req, "sid");
  auto r = action_service(app).delete_status(req.user, id);
  if (!r)
    return app.failure_page(req, r.error(),
                            [&](int) { return statuses_page(app, req, &r.error()); });
  return done(app, req, "De status is verwijderd.");
}

}  // namespace

void install_action_status_routes(App& app) {
  auto& r = app.router();
  const web::Access coordinator = web::Access::only({Role::coordinator, Role::admin});
  r.get("/acties/statussen", app.bind(statuses_get), {.access = coordinator});
  r.post("/acties/statussen", app.bind(status_add), {.access = coordinator});
  r.post("/acties/statussen/{sid}", app.bind(status_update), {.access = coordinator});
  r.post("/acties/statussen/{sid}/verwijderen", app.bind(status_delete), {.access = coordinator});
}

}  // namespace schakel::signals
