// The form pages of the kennisbank: a new resource, editing one (first the
// kind, then the form), adding and removing attachments. Thin handlers; the
// rules are in CatalogService.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <variant>

#include "app/app.hpp"
#include "catalog/attachments.hpp"
#include "catalog/catalog.hpp"
#include "catalog/pages.hpp"
#include "catalog/service.hpp"
#include "core/text.hpp"
#include "network/members.hpp"
#include "reference/municipalities.hpp"
#include "web/access.hpp"
#include "web/visibility.hpp"

namespace schakel::catalog {

namespace {

const web::Access proposers =
    web::Access::only({Role::professional, Role::spoc, Role::coordinator});

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

// The assessment fields are shown for a kind that has them, and for any other
// kind while one of them still holds something (e.g. after the kind changed),
// so that a save never drops text the editor cannot see.
bool shows_assessment(const Resource& r) {
  if (kind_has_assessment(r.kind) || r.evidence_level != "none_stated") return true;
  const auto& fields = assessment_fields();
  return std::any_of(fields.begin(), fields.end(),
                     [&](const std::string& f) { return !text_field(r, f).empty(); });
}

// The owner choices of the form: the municipalities this person may publish
// for, with "Geen gemeente" first.
nlohmann::json owner_choices_model(App& app, const web::Request& req, const Resource& r) {
  // By name: a SPOC's own, every member for the coordinator; the current owner
  // stays choosable.
  const auto& names = reference::municipality_names(app.db());
  auto name_of = [&](const std::string& nis) {
    auto it = names.find(nis);
    return it == names.end() ? nis : it->second;
  };
  std::vector<std::pair<std::string, std::string>> owner_choices;
  if (web::has_role(req.user, Role::coordinator)) {
    // Membership is the network's data: asked of its store, by its definition.
    for (const auto& m : network::member_municipalities(app.db(), app.clock().now()))
      owner_choices.emplace_back(m.nis_code, m.name_nl);
  } else if (req.user) {
    for (const auto& nis : req.user->spoc_of) owner_choices.emplace_back(nis, name_of(nis));
  }
  if (!r.owner_nis_code.empty() &&
      std::none_of(owner_choices.begin(), owner_choices.end(),
                   [&](const auto& c) { return c.first == r.owner_nis_code; }))
    owner_choices.emplace_back(r.owner_nis_code, name_of(r.owner_nis_code));
  nlohmann::json owners = nlohmann::json::array();
  owners.push_back(
      {{"value", ""}, {"label", "Geen gemeente"}, {"selected", r.owner_nis_code.empty()}});
  for (const auto& [nis, name] : owner_choices)
    owners.push_back({{"value", nis}, {"label", name}, {"selected", r.owner_nis_code == nis}});
  return owners;
}

// The image, audio and attachment lists of the form (for a stored resource).
void add_attachment_choices(App& app, const Resource& r, nlohmann::json& model) {
  std::vector<Attachment> attachments;
  if (r.id)
    attachments =
        app.db().run([&](soci::session& sql) { return AttachmentStore::of_resource(sql, r.id); });
  nlohmann::json images = nlohmann::json::array(), audios = nlohmann::json::array(),
                 files = nlohmann::json::array();
  images.push_back(
      {{"value", ""}, {"label", "Geen afbeelding"}, {"selected", !r.image_attachment_id}});
  audios.push_back(
      {{"value", ""}, {"label", "Geen audiobestand"}, {"selected", !r.audio_attachment_id}});
  for (const auto& a : attachments) {
    const std::string label = a.title.empty() ? a.file_name : a.title + " (" + a.file_name + ")";
    if (a.is_image())
      images.push_back({{"value", std::to_string(a.id)},
                        {"label", label},
                        {"selected", r.image_attachment_id == a.id}});
    if (a.is_audio())
      audios.push_back({{"value", std::to_string(a.id)},
                        {"label", label},
                        {"selected", r.audio_attachment_id == a.id}});
    files.push_back({{"id", a.id},
                     {"name", a.file_name},
                     {"title", a.title},
                     {"type", files::type_label_nl(a.content_type)},
                     {"size", files::size_label_nl(a.size)},
                     {"url", attachment_path(r.slug, a)}});
  }
  model["images"] = images;
  model["audios"] = audios;
  model["attachments"] = files;
  model["has_attachments"] = !files.empty();
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
  const nlohmann::json owners = owner_choices_model(app, req, r);
  const bool editor = may(req.user, Action::edit, nullptr, r.owner_nis_code) ||
                      (r.id && may(req.user, Action::edit, &r));
  nlohmann::json visibility = nlohmann::json::array();
  for (auto level :
       {web::Visibility::public_, web::Visibility::professionals, web::Visibility::network})
    visibility.push_back({{"value", web::to_string(level)},
                          {"label", web::visibility_label(level)},
                          {"selected", r.visibility == web::to_string(level)}});
  values["image_alt"] = r.image_alt;
  values["audio_url"] = r.audio_url;
  values["duration"] = r.duration;
  nlohmann::json guests = nlohmann::json::array();
  for (const auto& [value, label] : catalog::tracks()) {
    const std::string field = std::string("guests_") + value;
    guests.push_back({{"field", field}, {"label", label}, {"value", text_field(r, field)}});
  }
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : r.links) links.push_back({{"label", l.label}, {"url", l.url}});
  for (int i = 0; i < 2; ++i) links.push_back({{"label", ""}, {"url", ""}});  // room for new ones
  for (std::size_t i = 0; i < links.size(); ++i) links[i]["number"] = i + 1;
  values["kind"] = r.kind;
  values["deadline"] = r.deadline;
  values["running_from"] = r.running_from;
  values["running_until"] = r.running_until;
  const std::string choose_kind =
      r.id ? "/kennisbank/" + r.slug + "/bewerken?stap=soort" : "/kennisbank/nieuw";
  nlohmann::json model = {
      {"action", action},
      {"values", values},
      {"kind_label", label_of(kinds(), r.kind)},
      {"kind_choice_url", choose_kind},
      {"is_podcast", r.kind == "podcast_episode"},
      {"has_policy", kind_has_policy(r.kind)},
      {"is_funding_call", r.kind == "funding_call"},
      {"is_initiative", r.kind == "initiative"},
      {"policy_levels", choices(policy_levels(), r.policy_level)},
      {"policy_domains", term_choices(store, "policy_domain", r.policy_domains)},
      {"has_assessment", shows_assessment(r)},
      {"guests", guests},
      {"links", links},
      {"is_existing", r.id != 0},
      {"slug", r.slug},
      {"max_upload",
       files::size_label_nl(static_cast<std::int64_t>(app.config().limits.attachment_bytes))},
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
  add_attachment_choices(app, r, model);
  return model;
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
  r.policy_level = f.get("policy_level");
  r.policy_domains = f.get_all("policy_domains");
  r.deadline = trim(f.get("deadline"), " \t");
  r.running_from = trim(f.get("running_from"), " \t");
  r.running_until = trim(f.get("running_until"), " \t");
  const auto labels = f.get_all("link_label"), urls = f.get_all("link_url");
  for (std::size_t i = 0; i < std::max(labels.size(), urls.size()); ++i) {
    Link link{i < labels.size() ? labels[i] : "", i < urls.size() ? urls[i] : ""};
    auto trimmed = [](std::string& s) { s = trim(s, " \t"); };
    trimmed(link.label);
    trimmed(link.url);
    if (!link.label.empty() || !link.url.empty()) r.links.push_back(std::move(link));
  }
  auto id = [&](const char* name) { return parse_id(f.get(name)); };
  r.image_attachment_id = id("image_attachment_id");
  r.image_alt = f.get("image_alt");
  r.audio_attachment_id = id("audio_attachment_id");
  r.audio_url = f.get("audio_url");
  r.duration = f.get("duration");
  r.guests_prevention = f.get("guests_prevention");
  r.guests_care = f.get("guests_care");
  r.guests_enforcement = f.get("guests_enforcement");
  return r;
}

// The answer to a failed create or update (App::failure_page): the form again
// with its field errors, or an error page.
web::Response form_again(App& app, const web::Request& req, const Resource& r,
                         const std::string& action, const Error& error) {
  return app.failure_page(req, error, [&](int status) {
    auto model = form_model(app, req, r, action);
    auto errors = App::form_errors(error);
    model["errors"] = errors["errors"];
    model["error_summary"] = errors["error_summary"];
    model["has_errors"] = true;
    return app.render_page(req, "catalog/form", r.id ? "Fiche bewerken" : "Nieuwe fiche", model,
                           status);
  });
}

// What each kind is, for the first step of the form.
const char* kind_hint(const std::string& kind) {
  static const std::map<std::string, const char*> hints = {
      {"tool", "Een stappenplan, checklist, gespreksleidraad of ander hulpmiddel."},
      {"good_practice", "Een aanpak die ergens werkt en die anderen kunnen overnemen."},
      {"initiative", "Een project of dienst van een gemeente of organisatie."},
      {"training_offer", "Een vorming of opleiding voor professionals."},
      {"document", "Een rapport, brochure, beleidstekst of onderzoek."},
      {"podcast_episode", "Een aflevering met audio, duur en gasten."},
      {"campaign_material", "Affiches, kaartjes, filmpjes of ander materiaal voor een campagne."},
      {"funding_call", "Een oproep om subsidie of projectgeld aan te vragen."}};
  auto it = hints.find(kind);
  return it == hints.end() ? "" : it->second;
}

// The first step: which kind of resource. A GET form, so it works without
// JavaScript and changes nothing; it leads to `action`?soort=<kind>.
web::Response kind_step(App& app, const web::Request& req, const std::string& action,
                        const std::string& selected, bool existing, bool invalid) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& k : kinds())
    list.push_back({{"value", k.value},
                    {"label", k.label},
                    {"hint", kind_hint(k.value)},
                    {"selected", selected == k.value}});
  const std::string title = existing ? "Fiche bewerken" : "Nieuwe fiche";
  return app.render_page(req, "catalog/kind", title,
                         {{"action", action},
                          {"heading", title},
                          {"existing", existing},
                          {"kinds", list},
                          {"invalid", invalid},
                          {"first_kind", kinds().front().value}},
                         invalid ? 400 : 200);
}

// True when the kind step was sent (it carries stap=formulier), or a kind was
// named in the address: then a missing or unknown kind is an error, not a
// first visit.
bool kind_step_sent(const web::Request& req) {
  return req.query_params.has("soort") || req.query_params.get("stap") == "formulier";
}

// The edit page again with a message at the upload form (nothing was stored).
web::Response upload_again(App& app, const web::Request& req, const Resource& r,
                           const Error& error) {
  return app.failure_page(req, error, [&](int status) {
    auto model = form_model(app, req, r, "/kennisbank/" + r.slug + "/bewerken");
    std::string message;
    for (const auto& f : error.fields) message += (message.empty() ? "" : " ") + f.message;
    model["upload_error"] = message;
    return app.render_page(req, "catalog/form", "Fiche bewerken", model, status);
  });
}

// GET /kennisbank/nieuw: the kind step, then the blank form.
web::Response new_form(App& app, web::Request& req) {
  const std::string kind = req.query_params.get("soort");
  if (!is_choice(kinds(), kind))
    return kind_step(app, req, "/kennisbank/nieuw", kind, false, kind_step_sent(req));
  Resource blank;
  blank.kind = kind;
  if (!req.user->spoc_of.empty()) blank.owner_nis_code = req.user->spoc_of.front();
  // Whoever may publish for the owner publishes at once unless they choose otherwise.
  blank.status =
      may(req.user, Action::publish, nullptr, blank.owner_nis_code) ? "published" : "in_review";
  return app.render_page(req, "catalog/form", "Nieuwe fiche",
                         form_model(app, req, blank, "/kennisbank/nieuw"));
}

// POST /kennisbank/nieuw.
web::Response create_resource(App& app, web::Request& req) {
  const Resource draft = from_form(req.form);
  auto created = CatalogService(app.db(), app.clock()).create(*req.user, draft);
  if (!created) return form_again(app, req, draft, "/kennisbank/nieuw", created.error());
  const Resource& saved = created.value();
  std::string message;
  if (saved.status == "published")
    message = "De fiche is gepubliceerd.";
  else if (!may(req.user, Action::publish, &saved))
    message = "Dank je! Je voorstel wordt nagelezen voor het verschijnt.";
  else
    message = "De fiche is bewaard met de status " + label_of(statuses(), saved.status) +
              ". Ze is nog niet gepubliceerd.";
  req.session->add_flash("success", message);
  return web::Response::redirect("/kennisbank/" + created.value().slug);
}

// GET /kennisbank/{slug}/bewerken: the form, or the kind step (stap=soort).
web::Response edit_form(App& app, web::Request& req) {
  auto found = resource_for(app, req, Action::edit, "edit_resource");
  if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
  auto res = std::get_if<Resource>(&found);
  const std::string action = "/kennisbank/" + res->slug + "/bewerken";
  if (req.query_params.get("stap") == "soort")
    return kind_step(app, req, action, res->kind, true, false);
  if (kind_step_sent(req)) {
    const std::string kind = req.query_params.get("soort");
    if (!is_choice(kinds(), kind)) return kind_step(app, req, action, kind, true, true);
    res->kind = kind;  // shown in the form; saved when the form is sent
  }
  return app.render_page(req, "catalog/form", "Fiche bewerken", form_model(app, req, *res, action));
}

// POST /kennisbank/{slug}/bewerken.
web::Response save_resource(App& app, web::Request& req) {
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
}

// POST /kennisbank/{slug}/bijlagen: an upload from the edit page.
web::Response upload_attachment(App& app, web::Request& req) {
  auto found = resource_for(app, req, Action::edit, "attach_file");
  if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
  auto res = std::get_if<Resource>(&found);
  const files::Upload upload = files::upload_of(req);
  auto added = CatalogService(app.db(), app.clock())
                   .attach(*req.user, res->id, upload, app.config().limits.attachment_bytes);
  if (!added) return upload_again(app, req, *res, added.error());
  req.session->add_flash("success", "De bijlage " + added.value().file_name + " is toegevoegd.");
  return web::Response::redirect("/kennisbank/" + res->slug + "/bewerken#bijlagen");
}

// POST /kennisbank/{slug}/bijlagen/{id}/verwijderen.
web::Response remove_attachment(App& app, web::Request& req) {
  auto found = resource_for(app, req, Action::edit, "remove_attachment");
  if (auto* answer = std::get_if<web::Response>(&found)) return *answer;
  auto res = std::get_if<Resource>(&found);
  auto removed =
      CatalogService(app.db(), app.clock()).detach(*req.user, res->id, number_param(req, "id"));
  if (!removed) return app.failure_page(req, removed.error());
  req.session->add_flash("success", "De bijlage is verwijderd.");
  return web::Response::redirect("/kennisbank/" + res->slug + "/bewerken#bijlagen");
}

}  // namespace

void install_form_pages(App& app) {
  auto& r = app.router();
  // Editing is a rule per resource (whose municipality, see resource_for).
  const web::RouteOptions signed_in{.access = web::Access::signed_in()};
  r.get("/kennisbank/nieuw", app.bind(new_form), {.access = proposers});
  r.post("/kennisbank/nieuw", app.bind(create_resource), {.access = proposers});
  r.get("/kennisbank/{slug}/bewerken", app.bind(edit_form), signed_in);
  r.post("/kennisbank/{slug}/bewerken", app.bind(save_resource), signed_in);
  r.post("/kennisbank/{slug}/bijlagen", app.bind(upload_attachment),
         {.accepts_upload = true, .access = web::Access::signed_in()});
  r.post("/kennisbank/{slug}/bijlagen/{id}/verwijderen", app.bind(remove_attachment), signed_in);
}

}  // namespace schakel::catalog
