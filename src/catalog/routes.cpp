// HTTP handlers of the kennisbank: thin — authorise, parse, call the service.
#include <nlohmann/json.hpp>

#include <variant>

#include "app/app.hpp"
#include "catalog/catalog.hpp"
#include "catalog/search.hpp"
#include "catalog/service.hpp"
#include "view/markdown.hpp"
#include "web/visibility.hpp"

namespace schakel::catalog {

namespace {

std::string label_of(const std::vector<Choice>& list, const std::string& value) {
  for (const auto& c : list)
    if (value == c.value) return c.label;
  return value;
}

// Who may open a resource page: anyone who may see a published resource, and
// its editors (and its author) whatever its status.
bool may_open(const std::optional<web::Principal>& user, const Resource& r) {
  if (may(user, Action::edit, &r)) return true;
  if (user && r.created_by && *r.created_by == user->id) return true;
  auto level = web::parse_visibility(r.visibility);
  return r.status == "published" && level && web::can_see(user, *level);
}

nlohmann::json card(const Resource& r) {
  return {{"slug", r.slug},
          {"title", r.title},
          {"summary", r.summary},
          {"kind", label_of(kinds(), r.kind)},
          {"status", label_of(statuses(), r.status)},
          {"updated", format_date_nl(r.updated_at)}};
}

nlohmann::json term_choices(CatalogStore& store, const std::string& vocabulary,
                            const std::vector<std::string>& chosen) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : store.terms(vocabulary))
    out.push_back({{"value", t.slug},
                   {"label", t.label},
                   {"checked", std::find(chosen.begin(), chosen.end(), t.slug) != chosen.end()}});
  return out;
}

nlohmann::json choices(const std::vector<Choice>& list, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : list)
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", selected == c.value}});
  return out;
}

// The form model: every field's value and the choice lists.
nlohmann::json form_model(App& app, const web::Request& req, const Resource& r,
                          const std::string& action) {
  CatalogStore store(app.db());
  nlohmann::json values = nlohmann::json::object();
  for (const auto& f : text_fields()) values[f.value] = text_field(r, f.value);
  values["owner_nis_code"] = r.owner_nis_code;
  nlohmann::json tracks = nlohmann::json::array();
  for (const auto& [value, label] : catalog::tracks())
    tracks.push_back(
        {{"value", value},
         {"label", label},
         {"checked", std::find(r.tracks.begin(), r.tracks.end(), value) != r.tracks.end()}});
  nlohmann::json owners = nlohmann::json::array();
  owners.push_back(
      {{"value", ""}, {"label", "Geen gemeente"}, {"selected", r.owner_nis_code.empty()}});
  for (const auto& nis : req.user ? req.user->spoc_of : std::vector<std::string>{})
    owners.push_back({{"value", nis}, {"label", nis}, {"selected", r.owner_nis_code == nis}});
  if (req.user && req.user->role == "coordinator" && !r.owner_nis_code.empty() &&
      std::find(req.user->spoc_of.begin(), req.user->spoc_of.end(), r.owner_nis_code) ==
          req.user->spoc_of.end())
    owners.push_back(
        {{"value", r.owner_nis_code}, {"label", r.owner_nis_code}, {"selected", true}});
  const bool editor = may(req.user, Action::edit, nullptr, r.owner_nis_code) ||
                      (r.id && may(req.user, Action::edit, &r));
  nlohmann::json visibility = nlohmann::json::array();
  for (auto level :
       {web::Visibility::public_, web::Visibility::professionals, web::Visibility::network})
    visibility.push_back({{"value", web::to_string(level)},
                          {"label", web::visibility_label(level)},
                          {"selected", r.visibility == web::to_string(level)}});
  return {{"action", action},
          {"values", values},
          {"kinds", choices(kinds(), r.kind)},
          {"evidence_levels", choices(evidence_levels(), r.evidence_level)},
          {"scopes", choices(scopes(), r.scope)},
          {"statuses", choices(statuses(), r.status)},
          {"visibilities", visibility},
          {"owners", owners},
          {"themes", term_choices(store, "theme", r.themes)},
          {"audiences", term_choices(store, "audience", r.audiences)},
          {"age_groups", term_choices(store, "age_group", r.age_groups)},
          {"tracks", tracks},
          {"can_publish", editor},
          {"errors", nlohmann::json::object()}};
}

Resource from_form(const web::Form& f) {
  Resource r;
  r.title = f.get("title");
  r.summary = f.get("summary");
  r.body = f.get("body");
  r.rationale = f.get("rationale");
  r.target_group = f.get("target_group");
  r.goals = f.get("goals");
  r.approach = f.get("approach");
  r.conditions = f.get("conditions");
  r.transferability = f.get("transferability");
  r.cost = f.get("cost");
  r.training_needed = f.get("training_needed");
  r.contact_name = f.get("contact_name");
  r.contact_organisation = f.get("contact_organisation");
  r.kind = f.get("kind");
  r.language = f.has("language") ? f.get("language") : "nl";
  r.evidence_level = f.has("evidence_level") ? f.get("evidence_level") : "none_stated";
  r.scope = f.get("scope");
  r.owner_nis_code = f.get("owner_nis_code");
  r.visibility = f.get("visibility");
  r.status = f.has("status") ? f.get("status") : "in_review";
  r.themes = f.get_all("themes");
  r.audiences = f.get_all("audiences");
  r.age_groups = f.get_all("age_groups");
  r.tracks = f.get_all("tracks");
  return r;
}

web::Response form_again(App& app, const web::Request& req, const Resource& r,
                         const std::string& action, const Error& error) {
  if (error.failure == Failure::forbidden) return app.error_page(&req, 403);
  if (error.failure == Failure::not_found) return app.error_page(&req, 404);
  auto model = form_model(app, req, r, action);
  auto errors = App::form_errors(error);
  model["errors"] = errors["errors"];
  model["error_summary"] = errors["error_summary"];
  model["has_errors"] = true;
  return app.render_page(req, "catalog/form", "Fiche bewerken", model, 422);
}

int number_param(const web::Request& req, const std::string& name) {
  const std::string text = req.param(name);
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoi(text);
}

// The resource of the {slug} parameter, when a signed-in user may do `action`
// on it; otherwise the answer to send (sign in first, 404, or an audited 403).
std::variant<Resource, web::Response> resource_for(App& app, web::Request& req, Action action,
                                                   const char* action_name) {
  if (!req.user) return app.sign_in_first(req);
  auto res = CatalogStore(app.db()).find_by_slug(req.param("slug"));
  if (!res) return app.error_page(&req, 404);
  if (!may(req.user, action, &*res)) return app.deny(req, action_name, "resource:" + res->slug);
  return std::move(*res);
}

}  // namespace

void install(App& app) {
  auto& r = app.router();
  app.add_demo_loader(DemoLoader{"catalog", 50, load_demo});
  app.search().add_source(resource_source());
  install_search_page(app);
  install_feeds(app);
  install_api(app);

  r.get("/kennisbank", [&app](web::Request& req) {
    CatalogStore store(app.db());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& res : store.published(visible_levels(req.user), 200))
      list.push_back(card(res));
    nlohmann::json review = nlohmann::json::array();
    if (req.user)
      for (const auto& res : store.in_review(100))
        if (may(req.user, Action::publish, &res)) review.push_back(card(res));
    return app.render_page(
        req, "catalog/list", "Kennisbank",
        {{"resources", list},
         {"feeds", nlohmann::json::array(
                       {{{"href", "/kennisbank/feed.xml"}, {"title", "Nieuw in de kennisbank"}}})},
         {"in_review", review},
         {"has_review", !review.empty()},
         {"can_propose", may(req.user, Action::propose, nullptr) ||
                             (req.user && req.user->role == "coordinator")}});
  });

  r.get("/kennisbank/nieuw", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::propose, nullptr) && req.user->role != "coordinator")
      return app.deny(req, "propose_resource", "catalog");
    Resource blank;
    blank.kind = "tool";
    blank.status = "in_review";
    if (!req.user->spoc_of.empty()) blank.owner_nis_code = req.user->spoc_of.front();
    return app.render_page(req, "catalog/form", "Nieuwe fiche",
                           form_model(app, req, blank, "/kennisbank/nieuw"));
  });
  r.post("/kennisbank/nieuw", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may(req.user, Action::propose, nullptr) && req.user->role != "coordinator")
      return app.deny(req, "propose_resource", "catalog");
    const Resource draft = from_form(req.form);
    auto created = CatalogService(app.db(), app.clock()).create(*req.user, draft);
    if (!created) return form_again(app, req, draft, "/kennisbank/nieuw", created.error());
    req.session->add_flash("success",
                           created.value().status == "in_review"
                               ? "Dank je! Je voorstel wordt nagelezen voor het verschijnt."
                               : "De fiche is bewaard.");
    return web::Response::redirect("/kennisbank/" + created.value().slug);
  });

  r.get("/kennisbank/{slug}", [&app](web::Request& req) {
    CatalogStore store(app.db());
    auto res = store.find_by_slug(req.param("slug"));
    if (!res || !may_open(req.user, *res)) return app.error_page(&req, 404);
    auto model = card(*res);
    model["body_html"] = view::render_markdown(res->body);
    nlohmann::json details = nlohmann::json::array();
    for (const auto& f : text_fields()) {
      const std::string key = f.value;
      if (key == "title" || key == "summary" || key == "body") continue;
      const std::string value = text_field(*res, key);
      if (!value.empty()) details.push_back({{"label", f.label}, {"value", value}});
    }
    model["details"] = details;
    model["evidence_level"] = label_of(evidence_levels(), res->evidence_level);
    model["scope"] = label_of(scopes(), res->scope);
    model["can_edit"] = may(req.user, Action::edit, &*res);
    model["is_published"] = res->status == "published";
    return app.render_page(req, "catalog/show", res->title, model);
  });

  r.get("/kennisbank/{slug}/bewerken", [&app](web::Request& req) {
    auto found = resource_for(app, req, Action::edit, "edit_resource");
    if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
    auto res = std::get_if<Resource>(&found);
    return app.render_page(req, "catalog/form", "Fiche bewerken",
                           form_model(app, req, *res, "/kennisbank/" + res->slug + "/bewerken"));
  });
  r.post("/kennisbank/{slug}/bewerken", [&app](web::Request& req) {
    auto found = resource_for(app, req, Action::edit, "edit_resource");
    if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
    auto res = std::get_if<Resource>(&found);
    Resource changes = from_form(req.form);
    auto saved = CatalogService(app.db(), app.clock()).update(*req.user, res->id, changes);
    if (!saved) {
      changes.id = res->id;
      return form_again(app, req, changes, "/kennisbank/" + res->slug + "/bewerken", saved.error());
    }
    req.session->add_flash("success",
                           "De fiche is bewaard. De vorige versie blijft in de geschiedenis.");
    return web::Response::redirect("/kennisbank/" + res->slug);
  });

  r.get("/kennisbank/{slug}/geschiedenis", [&app](web::Request& req) {
    auto found = resource_for(app, req, Action::view_history, "view_history");
    if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
    auto res = std::get_if<Resource>(&found);
    auto revisions = CatalogStore(app.db()).revisions(res->id);
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < revisions.size(); ++i) {
      Resource now_state, before_state;
      apply_snapshot(now_state, revisions[i].snapshot);
      if (i + 1 < revisions.size()) apply_snapshot(before_state, revisions[i + 1].snapshot);
      nlohmann::json changes = nlohmann::json::array();
      for (const auto& f : text_fields()) {
        const std::string a = text_field(before_state, f.value), b = text_field(now_state, f.value);
        if (a == b) continue;
        nlohmann::json lines = nlohmann::json::array();
        for (const auto& d : diff_lines(a, b))
          lines.push_back({{"text", d.text}, {"added", d.op == '+'}, {"removed", d.op == '-'}});
        changes.push_back({{"field", f.label}, {"lines", lines}});
      }
      list.push_back({{"number", revisions[i].number},
                      {"author", revisions[i].author_label},
                      {"when", format_date_nl(revisions[i].created_at)},
                      {"changes", changes},
                      {"is_current", i == 0}});
    }
    return app.render_page(req, "catalog/history", "Geschiedenis van " + res->title,
                           {{"title", res->title}, {"slug", res->slug}, {"revisions", list}});
  });
  r.post("/kennisbank/{slug}/versies/{number}/herstellen", [&app](web::Request& req) {
    auto found = resource_for(app, req, Action::edit, "restore_resource");
    if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
    auto res = std::get_if<Resource>(&found);
    auto restored = CatalogService(app.db(), app.clock())
                        .restore(*req.user, res->id, number_param(req, "number"));
    if (!restored) return app.failure_page(req, restored.error());
    req.session->add_flash("success", "De oude versie is teruggezet als nieuwe versie.");
    return web::Response::redirect("/kennisbank/" + res->slug + "/geschiedenis");
  });
}

}  // namespace schakel::catalog
