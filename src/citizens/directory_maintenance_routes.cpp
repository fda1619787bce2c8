// The maintenance of the directory by the network: a SPOC keeps the services of
// their municipality up to date, the coordinator every service (also supra-local
// ones). List, add, change, and delete after a confirmation page.
#include "app/app.hpp"
#include "citizens/directory_view.hpp"
#include "citizens/help_service_service.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

namespace {

const char* const list_path = "/netwerk/hulpaanbod";

HelpServices service_of(App& app) { return HelpServices(app.db(), app.clock()); }

bool is_coordinator(const web::Request& req) { return web::has_role(req.user, Role::coordinator); }

web::Response list_page(App& app, web::Request& req) {
  const auto services = service_of(app).maintained_by(req.user);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : services) list.push_back(service_model(app.db(), s));
  return app.render_page(
      req, "citizens/directory_list", "Hulpaanbod beheren",
      {{"services", list}, {"has_services", !list.empty()}, {"coordinator", is_coordinator(req)}});
}

web::Response form_page(App& app, const web::Request& req, const ServiceInput& in, std::int64_t id,
                        const Error* error = nullptr, int status = 200) {
  nlohmann::json model = error ? App::form_errors(*error) : nlohmann::json::object();
  if (!error) model["errors"] = nlohmann::json::object();
  model["values"] = form_values(in);
  model["choices"] = form_choices(in, is_coordinator(req));
  model["action"] = id ? std::string(list_path) + "/" + std::to_string(id) + "/bewerken"
                       : std::string(list_path) + "/nieuw";
  model["editing"] = id != 0;
  return app.render_page(req, "citizens/directory_form", id ? "Hulp aanpassen" : "Hulp toevoegen",
                         model, status);
}

// A new service starts with the SPOC's own municipality as its area.
ServiceInput blank_input(App& app, const web::Request& req) {
  ServiceInput in;
  in.area_kind = "local";
  in.languages = "nl";
  if (req.user && !req.user->spoc_of.empty())
    in.municipalities = reference::municipality_name(app.db(), req.user->spoc_of.front());
  return in;
}

web::Response new_form(App& app, web::Request& req) {
  return form_page(app, req, blank_input(app, req), 0);
}

web::Response create_post(App& app, web::Request& req) {
  const ServiceInput in = input_from_form(req.form);
  auto created = service_of(app).create(req.user, in);
  if (!created)
    return app.failure_page(req, created.error(), [&](int status) {
      return form_page(app, req, in, 0, &created.error(), status);
    });
  app.ensure_session(req).add_flash("success", "De hulp is toegevoegd.");
  return web::Response::redirect(list_path);
}

std::int64_t id_of(const web::Request& req) { return parse_id(req.params.at("id")).value_or(0); }

web::Response edit_form(App& app, web::Request& req) {
  auto s = service_of(app).editable(req.user, id_of(req));
  if (!s) return app.failure_page(req, s.error());
  return form_page(app, req, input_of(app.db(), s.value()), s.value().id);
}

web::Response edit_post(App& app, web::Request& req) {
  const ServiceInput in = input_from_form(req.form);
  const std::int64_t id = id_of(req);
  auto updated = service_of(app).update(req.user, id, in);
  if (!updated)
    return app.failure_page(req, updated.error(), [&](int status) {
      return form_page(app, req, in, id, &updated.error(), status);
    });
  app.ensure_session(req).add_flash("success", "De hulp is aangepast.");
  return web::Response::redirect(list_path);
}

web::Response delete_page(App& app, const web::Request& req, const HelpService& s) {
  return app.render_page(
      req, "confirm_action", "Hulp verwijderen?",
      {{"heading", "Hulp verwijderen?"},
       {"question", "Wil je \"" + s.name + "\" van " + s.organization +
                        " uit het hulpaanbod verwijderen? Burgers en hulpverleners zien deze "
                        "hulp dan niet meer."},
       {"has_form", true},
       {"action", std::string(list_path) + "/" + std::to_string(s.id) + "/verwijderen"},
       {"yes", "Ja, verwijderen"},
       {"danger", true},
       {"back", list_path},
       {"no", "Nee, terug"},
       {"errors", nlohmann::json::object()}});
}

web::Response delete_form(App& app, web::Request& req) {
  auto s = service_of(app).editable(req.user, id_of(req));
  if (!s) return app.failure_page(req, s.error());
  return delete_page(app, req, s.value());
}

web::Response delete_post(App& app, web::Request& req) {
  auto s = service_of(app).editable(req.user, id_of(req));
  if (!s) return app.failure_page(req, s.error());
  if (req.form.get("bevestigd") != "ja") return delete_page(app, req, s.value());
  auto removed = service_of(app).remove(req.user, s.value().id);
  if (!removed) return app.failure_page(req, removed.error());
  app.ensure_session(req).add_flash("success", "De hulp is verwijderd.");
  return web::Response::redirect(list_path);
}

}  // namespace

void install_directory_maintenance(App& app) {
  auto& r = app.router();
  // SPOCs and the coordinator; which service is an object rule (HelpServices::may_maintain).
  const web::Access maintainers = web::Access::only({Role::spoc, Role::coordinator});
  r.get(list_path, app.bind(list_page), {.access = maintainers});
  r.get("/netwerk/hulpaanbod/nieuw", app.bind(new_form), {.access = maintainers});
  r.post("/netwerk/hulpaanbod/nieuw", app.bind(create_post), {.access = maintainers});
  r.get("/netwerk/hulpaanbod/{id}/bewerken", app.bind(edit_form), {.access = maintainers});
  r.post("/netwerk/hulpaanbod/{id}/bewerken", app.bind(edit_post), {.access = maintainers});
  r.get("/netwerk/hulpaanbod/{id}/verwijderen", app.bind(delete_form), {.access = maintainers});
  r.post("/netwerk/hulpaanbod/{id}/verwijderen", app.bind(delete_post), {.access = maintainers});
}

}  // namespace schakel::citizens
