// The coordinator's newsletter routes: compose from the template, edit a
// draft with its preview, send a test to themself, choose a segment, see how
// many people it reaches and confirm. Thin handlers over NewsletterService.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "digest/newsletter.hpp"
#include "digest/newsletter_service.hpp"
#include "network/members.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"

namespace schakel::digest {

namespace {

nlohmann::json with_errors(nlohmann::json model, const Error& error) {
  auto errors = App::form_errors(error);
  model["errors"] = errors["errors"];
  model["error_summary"] = errors["error_summary"];
  model["has_errors"] = true;
  return model;
}

NewsletterDraft draft_of(const web::Form& form) { return {form.get("subject"), form.get("body")}; }

// The compose form: a new draft (id 0) or draft `id`, with the text's preview.
nlohmann::json edit_model(std::int64_t id, const NewsletterDraft& draft,
                          const NewsletterPeriod& period) {
  const std::string action =
      id == 0 ? std::string("/nieuwsbrief/nieuw") : "/nieuwsbrief/" + std::to_string(id);
  return {{"id", id},
          {"is_new", id == 0},
          {"form_action", id == 0 ? action : action + "/bewerken"},
          {"values",
           {{"subject", draft.subject},
            {"body", draft.body},
            {"from", period.from},
            {"until", period.until}}},
          {"subject_max", newsletter_subject_max},
          {"body_max", newsletter_body_max},
          {"has_preview", !trim(draft.body).empty()},
          {"preview_subject", draft.subject},
          {"preview_html", view::render_markdown(draft.body)}};
}

web::Response render_edit(App& app, web::Request& req, const nlohmann::json& model,
                          int status = 200) {
  const bool is_new = model["is_new"].get<bool>();
  return app.render_page(req, "digest/newsletter_edit",
                         is_new ? "Nieuwe nieuwsbrief" : "Nieuwsbrief bewerken", model, status);
}

// GET /nieuwsbrief/nieuw?from=&until=: the form, its text filled from the period's news.
web::Response new_form(App& app, web::Request& req) {
  NewsletterPeriod period = default_period(app.clock().now());
  if (req.query_params.has("from")) period.from = req.query_params.get("from");
  if (req.query_params.has("until")) period.until = req.query_params.get("until");
  auto body = NewsletterService(app).template_body(period);
  if (!body) {
    auto model = with_errors(edit_model(0, {}, period), body.error());
    return render_edit(app, req, model, App::status_for(body.error().failure));
  }
  const NewsletterDraft draft{"Nieuws van het netwerk", body.value()};
  return render_edit(app, req, edit_model(0, draft, period));
}

// POST /nieuwsbrief/nieuw: "voorbeeld" shows the preview without saving.
web::Response create_draft(App& app, web::Request& req) {
  const auto draft = draft_of(req.form);
  const NewsletterPeriod period{req.form.get("from"), req.form.get("until")};
  if (req.form.get("actie") == "voorbeeld") {
    auto model = edit_model(0, draft, period);
    model["is_preview"] = true;
    return render_edit(app, req, model);
  }
  auto created = NewsletterService(app).create(*req.user, draft);
  if (!created)
    return app.failure_page(req, created.error(), [&](int status) {
      return render_edit(app, req, with_errors(edit_model(0, draft, period), created.error()),
                         status);
    });
  req.session->add_flash("success",
                         "Het concept is bewaard. Bekijk het voorbeeld, stuur een "
                         "test naar jezelf en verstuur het daarna.");
  return web::Response::redirect("/nieuwsbrief/" + std::to_string(created.value().id) +
                                 "/bewerken");
}

// GET /nieuwsbrief/{id}/bewerken: the draft with its preview.
web::Response edit_form(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto letter = NewsletterService(app).find(req.user, id);
  if (!letter) return app.failure_page(req, letter.error());
  if (letter.value().status != NewsletterStatus::draft)
    return web::Response::redirect("/nieuwsbrief/" + std::to_string(id));
  auto model = edit_model(id, {letter.value().subject, letter.value().body}, {});
  return render_edit(app, req, model);
}

// POST /nieuwsbrief/{id}/bewerken: "voorbeeld" shows the preview without saving.
web::Response save_draft(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  NewsletterService service(app);
  auto letter = service.find(req.user, id);
  if (!letter) return app.failure_page(req, letter.error());
  const auto draft = draft_of(req.form);
  if (req.form.get("actie") == "voorbeeld") {
    auto model = edit_model(id, draft, {});
    model["is_preview"] = true;
    return render_edit(app, req, model);
  }
  auto saved = service.update(*req.user, id, draft);
  if (!saved)
    return app.failure_page(req, saved.error(), [&](int status) {
      return render_edit(app, req, with_errors(edit_model(id, draft, {}), saved.error()), status);
    });
  req.session->add_flash("success", "Het concept is bewaard.");
  return web::Response::redirect("/nieuwsbrief/" + std::to_string(id) + "/bewerken");
}

// POST /nieuwsbrief/{id}/test: the newsletter to the coordinator only.
web::Response send_test(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto sent = NewsletterService(app).send_test(*req.user, id);
  if (!sent) return app.failure_page(req, sent.error());
  req.session->add_flash("success", "De testmail is onderweg naar " + req.user->email + ".");
  return web::Response::redirect("/nieuwsbrief/" + std::to_string(id) + "/bewerken");
}

// The segment choice of the send form, and with `people` >= 0 the confirmation.
nlohmann::json send_model(App& app, std::int64_t id, const web::Form& sent, int people,
                          const std::string& description) {
  const std::string choice = sent.get("segment"), nis = sent.get("municipality"),
                    theme = sent.get("theme");
  nlohmann::json choices = nlohmann::json::array();
  for (const auto& [value, label] : std::vector<std::pair<const char*, const char*>>{
           {"professionals", "Alle professionals"},
           {"spocs", "Alle SPOC's"},
           {"coordinators", "Alle coördinatoren"},
           {"municipality", "Iedereen van een gemeente (kies hieronder de gemeente)"},
           {"municipality_spocs", "De SPOC's van een gemeente (kies hieronder de gemeente)"},
           {"theme", "Wie nieuws krijgt over een thema (kies hieronder het thema)"}})
    choices.push_back({{"value", value}, {"label", label}, {"checked", choice == value}});
  nlohmann::json municipalities = nlohmann::json::array();
  for (const auto& m : network::member_municipalities(app.db(), app.clock().now()))
    municipalities.push_back(
        {{"value", m.nis_code}, {"label", m.name_nl}, {"selected", m.nis_code == nis}});
  nlohmann::json themes = nlohmann::json::array();
  for (const auto& t : catalog::terms(app.db(), "theme"))
    themes.push_back({{"value", t.slug}, {"label", t.label}, {"selected", t.slug == theme}});
  return {{"id", id},
          {"choices", choices},
          {"municipalities", municipalities},
          {"themes", themes},
          {"values", {{"segment", choice}, {"municipality", nis}, {"theme", theme}}},
          {"is_confirming", people >= 0},
          {"people", people},
          {"one_person", people == 1},
          {"description", description}};
}

// GET /nieuwsbrief/{id}/versturen?segment=…: the choice, and with a segment how
// many people it reaches now and the button that sends.
web::Response send_form(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  NewsletterService service(app);
  auto letter = service.find(req.user, id);
  if (!letter) return app.failure_page(req, letter.error());
  if (letter.value().status != NewsletterStatus::draft)
    return web::Response::redirect("/nieuwsbrief/" + std::to_string(id));
  const auto& q = req.query_params;
  auto model = send_model(app, id, q, -1, "");
  model["subject"] = letter.value().subject;
  if (!q.has("segment"))
    return app.render_page(req, "digest/newsletter_send", "Nieuwsbrief versturen", model);
  auto segment = service.segment(q.get("segment"), q.get("municipality"), q.get("theme"));
  if (!segment)
    return app.render_page(req, "digest/newsletter_send", "Nieuwsbrief versturen",
                           with_errors(model, segment.error()), 422);
  const auto people = service.recipients(segment.value());
  model =
      send_model(app, id, q, static_cast<int>(people.size()), service.describe(segment.value()));
  model["subject"] = letter.value().subject;
  return app.render_page(req, "digest/newsletter_send", "Nieuwsbrief versturen", model);
}

// POST /nieuwsbrief/{id}/versturen: sends to the confirmed segment, once.
web::Response send_now(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  NewsletterService service(app);
  auto letter = service.find(req.user, id);
  if (!letter) return app.failure_page(req, letter.error());
  const auto& f = req.form;
  auto model = send_model(app, id, f, -1, "");
  model["subject"] = letter.value().subject;
  auto again = [&](const Error& error) {
    return [&, error](int status) {
      return app.render_page(req, "digest/newsletter_send", "Nieuwsbrief versturen",
                             with_errors(model, error), status);
    };
  };
  auto segment = service.segment(f.get("segment"), f.get("municipality"), f.get("theme"));
  if (!segment) return app.failure_page(req, segment.error(), again(segment.error()));
  const auto expected = parse_id(f.get("count"));
  if (!expected || *expected > 1'000'000) {
    const auto error =
        Error::invalid("segment", "Bekijk eerst hoeveel mensen de nieuwsbrief krijgen.");
    return app.failure_page(req, error, again(error));
  }
  auto sent = service.send(*req.user, id, segment.value(), static_cast<int>(*expected));
  if (!sent) return app.failure_page(req, sent.error(), again(sent.error()));
  req.session->add_flash("success", "De nieuwsbrief gaat naar " + std::to_string(sent.value()) +
                                        (sent.value() == 1 ? " persoon." : " mensen.") +
                                        " De mails vertrekken gespreid over de komende minuten.");
  return web::Response::redirect("/nieuwsbrief/" + std::to_string(id));
}

}  // namespace

void install_newsletter_compose(App& app) {
  auto& r = app.router();
  const web::RouteOptions coordinators{.access = web::Access::only({Role::coordinator})};
  r.get("/nieuwsbrief/nieuw", app.bind(new_form), coordinators);
  r.post("/nieuwsbrief/nieuw", app.bind(create_draft), coordinators);
  r.get("/nieuwsbrief/{id}/bewerken", app.bind(edit_form), coordinators);
  r.post("/nieuwsbrief/{id}/bewerken", app.bind(save_draft), coordinators);
  r.post("/nieuwsbrief/{id}/test", app.bind(send_test), coordinators);
  r.get("/nieuwsbrief/{id}/versturen", app.bind(send_form), coordinators);
  r.post("/nieuwsbrief/{id}/versturen", app.bind(send_now), coordinators);
}

}  // namespace schakel::digest
