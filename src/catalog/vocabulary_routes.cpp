// The lists of the kennisbank (themes, audiences, age groups, policy domains): the coordinator
// adds terms on /kennisbank/termen. Thin handlers; the rules are in
// CatalogService::add_term.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "catalog/catalog.hpp"
#include "catalog/service.hpp"

namespace schakel::catalog {

namespace {

// The three lists with their add forms; with `error`, the failed form again at
// `status` (the form_again of App::failure_page).
web::Response terms_page(App& app, const web::Request& req, const std::string& vocabulary,
                         const std::string& label, const Error* error, int status = 200) {
  CatalogStore store(app.db());
  nlohmann::json lists = nlohmann::json::array();
  for (const auto& [name, title] :
       {std::pair{"theme", "Thema's"}, std::pair{"audience", "Voor wie"},
        std::pair{"age_group", "Leeftijdsgroepen"},
        std::pair{"policy_domain", "Beleidsdomeinen (initiatieven en projectoproepen)"}}) {
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& t : store.terms(name)) terms.push_back({{"label", t.label}, {"slug", t.slug}});
    const bool failed = error && vocabulary == name;
    nlohmann::json list = {{"vocabulary", name},
                           {"title", title},
                           {"terms", terms},
                           {"label", failed ? label : ""},
                           {"field_id", std::string("nieuw-") + name}};
    if (failed) list["error"] = error->fields.front().message;
    lists.push_back(list);
  }
  nlohmann::json model = {{"lists", lists}, {"has_errors", error != nullptr}};
  if (error) model["error_message"] = error->fields.front().message;
  return app.render_page(req, "catalog/terms", "Lijsten van de kennisbank", model, status);
}

}  // namespace

void install_vocabulary_pages(App& app) {
  const web::RouteOptions coordinator{.access = web::Access::only({Role::coordinator})};
  app.router().get(
      "/kennisbank/termen",
      [&app](web::Request& req) { return terms_page(app, req, "", "", nullptr); }, coordinator);
  app.router().post(
      "/kennisbank/termen",
      [&app](web::Request& req) {
        const std::string vocabulary = req.form.get("vocabulary");
        const std::string label = req.form.get("label");
        auto added = CatalogService(app.db(), app.clock()).add_term(*req.user, vocabulary, label);
        if (!added)
          return app.failure_page(req, added.error(), [&](int status) {
            return terms_page(app, req, vocabulary, label, &added.error(), status);
          });
        audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                             "vocabulary_term_added",
                                             "vocabulary:" + added.value().vocabulary,
                                             added.value().slug, req.remote_ip});
        app.ensure_session(req).add_flash("success",
                                          "„" + added.value().label + "” staat nu in de lijst.");
        return web::Response::redirect("/kennisbank/termen");
      },
      coordinator);
}

}  // namespace schakel::catalog
