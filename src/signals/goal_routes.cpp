// The goal pages: the public page of a goal with its public actions
// (/doelen/{n}), the coordinator's edit form (/doelen/{n}/bewerken) and the
// goal's report as PDF (/doelen/{n}/rapport.pdf).
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "core/text.hpp"
#include "signals/goal_routes.hpp"
#include "signals/goal_service.hpp"
#include "signals/public_model.hpp"
#include "signals/report_pdf.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

GoalService service_of(App& app) { return GoalService(app.db(), app.clock()); }

// The goal number of the path, or 0 when it is none (then no goal has it).
int number_of(const web::Request& req) {
  const auto n = parse_id(req.param("n"));
  return n && *n <= 1000 ? static_cast<int>(*n) : 0;
}

web::Response goal_page(App& app, web::Request& req) {
  auto view = service_of(app).goal(number_of(req), true);
  if (!view) return app.failure_page(req, view.error());
  nlohmann::json model = goal_model(view.value());
  model["can_edit"] = runs_network(req.user);
  auto res = app.render_page(req, "signals/goal_page", view.value().goal.title, model);
  res.cache_until = next_day_starts(app.clock().now());
  return res;
}

web::Response edit_page(App& app, const web::Request& req, const Goal& goal,
                        const Error* error = nullptr) {
  nlohmann::json model = {{"number", goal.number},
                          {"values", {{"title", goal.title}, {"description", goal.description}}},
                          {"title_max", goal_title_max},
                          {"description_max", goal_description_max}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "signals/goal_edit", "Doelstelling aanpassen", model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response edit_get(App& app, web::Request& req) {
  auto view = service_of(app).goal(number_of(req), false);
  if (!view) return app.failure_page(req, view.error());
  return edit_page(app, req, view.value().goal);
}

web::Response edit_post(App& app, web::Request& req) {
  const Goal sent{number_of(req), req.form.get("title"), req.form.get("description")};
  auto saved = service_of(app).update(req.user, sent.number, sent.title, sent.description);
  if (!saved)
    return app.failure_page(req, saved.error(),
                            [&](int) { return edit_page(app, req, sent, &saved.error()); });
  return web::Response::redirect("/doelen/" + std::to_string(sent.number));
}

web::Response report_get(App& app, web::Request& req) {
  auto view = service_of(app).goal(number_of(req), false);
  if (!view) return app.failure_page(req, view.error());
  audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                       "export", "goal:" + std::to_string(view.value().goal.number),
                                       "pdf", req.remote_ip});
  web::Response res;
  res.body = render_goal_report_pdf(view.value(), format_date_nl(app.clock().now()));
  res.headers.set("Content-Type", "application/pdf");
  res.headers.set("Content-Disposition", "attachment; filename=\"doelstelling-" +
                                             std::to_string(view.value().goal.number) +
                                             "-rapport.pdf\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

std::optional<std::int64_t> next_day_starts(std::int64_t now) {
  // A day after today's noon is tomorrow in Brussels, however long today is.
  const auto noon = brussels_to_utc(format_date_input(now), "12:00");
  if (!noon) return std::nullopt;
  return brussels_to_utc(format_date_input(*noon + 86400), "00:00");
}

void install_goal_routes(App& app) {
  const web::Access coordinator = web::Access::only({Role::coordinator, Role::admin});
  app.page("/doelen/{n}", app.bind(goal_page),
           PageOptions{.cache_for_anonymous = true, .access = web::Access::anyone()});
  app.router().get("/doelen/{n}/bewerken", app.bind(edit_get), {.access = coordinator});
  app.router().post("/doelen/{n}/bewerken", app.bind(edit_post), {.access = coordinator});
  app.router().get("/doelen/{n}/rapport.pdf", app.bind(report_get),
                   {.runs_long = true, .access = coordinator});
}

}  // namespace schakel::signals
