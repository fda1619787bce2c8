// The citizen's local help: a form that asks for a postcode or municipality and a
// page with the services for that place under a neutral path (/hulp/dichtbij/{code},
// a place code), so neither the URL nor the title names the place. These pages set
// no cookie: the form carries no CSRF token (see install_directory).
#include "app/app.hpp"
#include "citizens/directory.hpp"
#include "citizens/directory_view.hpp"
#include "citizens/help_service_service.hpp"
#include "core/client_key.hpp"
#include "reference/municipalities.hpp"
#include "reference/place_code.hpp"
#include "store/rate_limits.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

void install_directory_maintenance(App& app);
void install_hsds_routes(App& app);
void install_directory_referral(App& app);
void install_directory_demo(App& app);

namespace {

const char* const page_title = "Hulp in de buurt";
// Lookups per client: generous for a person (who types a few places), low enough
// that nobody walks the postcode list through this form.
const store::RateRule lookups_per_client{30, 600};

HelpServices service_of(App& app) { return HelpServices(app.db(), app.clock()); }

web::Response lookup_page(App& app, const web::Request& req, nlohmann::json model,
                          int status = 200) {
  if (!model.contains("errors")) model["errors"] = nlohmann::json::object();
  return app.render_page(req, "citizens/directory_lookup", page_title, std::move(model), status);
}

web::Response lookup_form(App& app, web::Request& req) { return lookup_page(app, req, {}); }

web::Response to_place(const std::string& nis_code) {
  return web::Response::redirect("/hulp/dichtbij/" + reference::place_code(nis_code));
}

web::Response lookup_post(App& app, web::Request& req) {
  store::RateLimiter limiter(app.db(), app.clock());
  if (limiter.reserve("local-help:ip:" + client_key(req.remote_ip), lookups_per_client).wait > 0) {
    const Error busy{Failure::busy,
                     {{"plaats",
                       "Je zocht veel plaatsen na elkaar. Wacht even en probeer dan "
                       "opnieuw."}}};
    return app.failure_page(req, busy, [&](int status) {
      return lookup_page(app, req, App::form_errors(busy), status);
    });
  }
  // A choice between the municipalities of one postcode or name.
  const std::string chosen = req.form.get("gemeente");
  if (!chosen.empty() && reference::is_municipality(app.db(), chosen)) return to_place(chosen);
  const std::string text = req.form.get("plaats").substr(0, 100);
  auto found = service_of(app).find_place(text);
  if (!found)
    return app.failure_page(req, found.error(), [&](int status) {
      auto model = App::form_errors(found.error());
      model["values"] = {{"plaats", text}};
      return lookup_page(app, req, model, status);
    });
  const auto& list = found.value().municipalities;
  if (list.size() == 1) return to_place(list[0].nis_code);
  nlohmann::json choices = nlohmann::json::array();
  for (const auto& m : list)
    choices.push_back({{"nis_code", m.nis_code},
                       {"label", m.name_nl + (m.province.empty() ? "" : " (" + m.province + ")")},
                       {"first", choices.empty()}});
  return lookup_page(app, req,
                     {{"choices", choices}, {"has_choices", true}, {"values", {{"plaats", text}}}});
}

web::Response local_page(App& app, web::Request& req) {
  auto help = service_of(app).local_help(req.params.at("code"), false);
  if (!help) return app.failure_page(req, help.error());
  const auto& h = help.value();
  nlohmann::json sections = nlohmann::json::array(
      {{{"heading", "Hulp in je gemeente"},
        {"groups", grouped_model(app.db(), h.local)},
        {"has_groups", !h.local.empty()},
        {"empty",
         "We kennen nog geen hulp die alleen voor deze gemeente werkt. De hulp hieronder "
         "is er ook voor jou."}},
       {{"heading", "Hulp in je regio"},
        {"groups", grouped_model(app.db(), h.supra_local)},
        {"has_groups", !h.supra_local.empty()},
        {"empty", "Nog geen hulp in de regio bekend."}}});
  return app.render_page(
      req, "citizens/directory_local", page_title,
      {{"place", h.municipality.name_nl}, {"sections", sections}, {"lookup_again", true}});
}

}  // namespace

void install_directory(App& app) {
  auto& r = app.router();
  app.page("/hulp/in-de-buurt", app.bind(lookup_form));
  // Read-only: the lookup changes nothing and answers only with a redirect to a
  // public page, so a forged post gains nothing; exempt from CSRF so that the
  // form needs no session cookie (citizen pages set none). Rate limited per client.
  r.post("/hulp/in-de-buurt", app.bind(lookup_post), {.csrf_exempt = true});
  app.page("/hulp/dichtbij/{code}", app.bind(local_page));
  install_directory_maintenance(app);
  install_hsds_routes(app);
  install_directory_referral(app);
  install_directory_demo(app);
}

}  // namespace schakel::citizens
