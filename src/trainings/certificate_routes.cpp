// Certificates: the participant's PDF download (signed in, or a guest with a
// signed link), the organiser's page to re-issue and revoke, and the public
// verification page. Thin handlers; the rules are in CertificateService.
#include <algorithm>
#include <variant>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/permissions.hpp"
#include "trainings/routes.hpp"
#include "trainings/store.hpp"
#include "web/access.hpp"

namespace schakel::trainings {

namespace {

Actor actor_of(const web::Request& req) {
  Actor a;
  if (req.user) {
    a.user_id = req.user->id;
    a.label = req.user->email;
  }
  a.ip = req.remote_ip;
  return a;
}

std::optional<Series> series_of_slug(App& app, const std::string& slug) {
  return app.db().run(
      [&](soci::session& sql) { return TrainingStore::find_series_by_slug(sql, slug); });
}

// The PDF of `c` as a download that is never cached.
web::Response pdf_answer(App& app, const Certificate& c) {
  auto series = app.db().run(
      [&](soci::session& sql) { return TrainingStore::find_series(sql, c.series_id); });
  std::string slug = series ? series->slug : "vorming";
  slug.erase(
      std::remove_if(slug.begin(), slug.end(),
                     [](char ch) {
                       return !((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-');
                     }),
      slug.end());
  web::Response res;
  res.body = render_certificate_pdf(c, verification_url(app.base_url(), c.code));
  res.headers.set("Content-Type", "application/pdf");
  res.headers.set("Content-Disposition", "attachment; filename=\"attest-" + slug + ".pdf\"");
  res.headers.set("Cache-Control", "no-store");
  res.headers.set("X-Content-Type-Options", "nosniff");
  return res;
}

std::string status_label(const Certificate& c) {
  if (c.revoked_at) return "Ingetrokken op " + format_date_nl(*c.revoked_at);
  if (c.replaced_by) return "Vervangen door een nieuwer attest";
  return "Geldig";
}

// The organiser's page; `failed` and `error` tie form errors to the form of one
// certificate, with `values` the text that was sent.
web::Response manage_page(App& app, const web::Request& req, const Series& series,
                          std::int64_t failed = 0, const Error* error = nullptr,
                          const std::string& action = {}, const std::string& value = {}) {
  CertificateService service(app.db(), app.clock());
  nlohmann::json participants = nlohmann::json::array();
  for (const auto& c : service.candidates(series.id)) {
    const auto& e = c.eligibility;
    participants.push_back({{"name", c.registration.name},
                            {"email", c.registration.email},
                            {"attended", e.attended},
                            {"ended", e.ended},
                            {"any_ended", e.ended > 0},
                            {"planned", e.planned},
                            {"eligible", e.eligible},
                            {"has_certificate", c.current.has_value()},
                            {"code", c.current ? c.current->code : ""},
                            {"status", c.current ? status_label(*c.current) : ""}});
  }
  nlohmann::json certificates = nlohmann::json::array();
  for (const auto& c : service.certificates(series.id)) {
    const bool mine = error && c.id == failed;
    nlohmann::json item = {{"id", c.id},
                           {"code", c.code},
                           {"name", c.name},
                           {"dates", c.dates},
                           {"duration", duration_text(c.minutes)},
                           {"issued", format_date_nl(c.issued_at)},
                           {"status", status_label(c)},
                           {"revoke_reason", c.revoke_reason},
                           {"can_reissue", !c.replaced_by},
                           {"can_revoke", c.valid()},
                           {"new_name", mine && action == "reissue" ? value : c.name},
                           {"reason", mine && action == "revoke" ? value : ""}};
    if (mine && action == "reissue") item["name_error"] = error->message_for("name");
    if (mine && action == "revoke") item["reason_error"] = error->message_for("reason");
    certificates.push_back(item);
  }
  nlohmann::json model = {
      {"series", {{"title", series.title}, {"slug", series.slug}}},
      {"rule",
       series.certificate_rule == "min"
           ? "minstens " + std::to_string(series.certificate_min_sessions) + " sessies bijgewoond"
           : "alle sessies bijgewoond"},
      {"participants", participants},
      {"certificates", certificates},
      {"has_errors", error != nullptr}};
  if (error) {
    const std::string field = action == "reissue" ? "naam-" : "reden-";
    model["error_summary"] = nlohmann::json::array(
        {{{"href", field + std::to_string(failed)}, {"message", error->fields.front().message}}});
  }
  return app.render_page(req, "trainings/certificate_manage", "Attesten – " + series.title, model,
                         error ? 422 : 200);
}

// The series of {slug} when the signed-in user organises it; else the answer.
// Its routes require a signed-in user.
std::variant<Series, web::Response> managed_series(App& app, web::Request& req) {
  auto series = series_of_slug(app, req.param("slug"));
  if (!series) return app.error_page(&req, 404);
  if (!may_manage(req.user, *series))
    return app.deny(req, "manage_certificates", "training_series:" + std::to_string(series->id));
  return *series;
}

// The page that asks before revoking certificate `id` (changes nothing); its
// form posts the reason with "bevestigd=ja". nullopt when `id` is not a
// certificate of the series that may still be revoked.
std::optional<web::Response> revoke_confirm_page(App& app, web::Request& req, const Series& series,
                                                 std::int64_t id, const std::string& reason,
                                                 const Error* error) {
  CertificateService service(app.db(), app.clock());
  std::optional<Certificate> found;
  for (auto& c : service.certificates(series.id))
    if (c.id == id) found = c;
  if (!found || !found->valid()) return std::nullopt;
  const std::string back = "/vorming/" + series.slug + "/attesten";
  nlohmann::json model = {
      {"heading", "Attest intrekken?"},
      {"question",
       "Wil je dit attest intrekken? Wie de code nagaat, ziet daarna dat het niet "
       "meer geldt. Dat kan je niet ongedaan maken."},
      {"facts", nlohmann::json::array(
                    {{{"label", "Naam"}, {"value", found->name}},
                     {{"label", "Vorming"}, {"value", found->series_title}},
                     {{"label", "Code"}, {"value", found->code}},
                     {{"label", "Uitgereikt"}, {"value", format_date_nl(found->issued_at)}}})},
      {"has_facts", true},
      {"has_form", true},
      {"action", back + "/" + std::to_string(id) + "/intrekken"},
      {"hidden", nlohmann::json::array()},
      {"reason", {{"label", "Waarom trek je dit attest in?"}, {"value", reason}}},
      {"yes", "Ja, intrekken"},
      {"no", "Nee, terug"},
      {"back", back}};
  if (error) model.update(App::form_errors(*error));
  return app.render_page(req, "confirm_action", "Attest intrekken?", model, error ? 422 : 200);
}

// GET of the revocation: the confirmation page.
web::Response revoke_get(App& app, web::Request& req) {
  auto found = managed_series(app, req);
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  const Series& series = std::get<Series>(found);
  app.ensure_session(req);
  auto page = revoke_confirm_page(app, req, series, id_param(req, "id"), "", nullptr);
  if (!page) return app.error_page(&req, 404);
  return std::move(*page);
}

// Handles a re-issue or revocation form of the organiser's page.
web::Response organiser_action(App& app, web::Request& req, const std::string& action) {
  auto found = managed_series(app, req);
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  const Series& series = std::get<Series>(found);
  const std::int64_t id = id_param(req, "id");
  const std::string field = action == "reissue" ? "name" : "reason";
  const std::string value = req.form.get(field);
  // Revoking happens only from the confirmation page; any other post asks first.
  if (action == "revoke") {
    if (req.form.get("bevestigd") != "ja") {
      auto page = revoke_confirm_page(app, req, series, id, value, nullptr);
      if (!page) return app.error_page(&req, 404);
      return std::move(*page);
    }
  }
  CertificateService service(app.db(), app.clock());
  auto done = action == "reissue" ? service.reissue(series.id, id, value, actor_of(req))
                                  : service.revoke(series.id, id, value, actor_of(req));
  if (!done) {
    if (done.error().failure != Failure::invalid) return app.failure_page(req, done.error());
    if (action == "revoke")
      if (auto page = revoke_confirm_page(app, req, series, id, value, &done.error()))
        return std::move(*page);
    return manage_page(app, req, series, id, &done.error(), action, value);
  }
  app.ensure_session(req).add_flash(
      "success", action == "reissue"
                     ? "Het attest is opnieuw uitgereikt met code " + done.value().code +
                           ". De oude code geldt niet meer."
                     : "Het attest met code " + done.value().code + " is ingetrokken.");
  return web::Response::redirect("/vorming/" + series.slug + "/attesten");
}

web::Response verify_page(App& app, const web::Request& req, const std::string& code,
                          const Certificate* c, int status, const std::string& error = {}) {
  nlohmann::json model = {{"code", code}, {"checked", c != nullptr || status == 404}};
  if (c) {
    model["valid"] = c->valid();
    model["revoked"] = c->revoked_at.has_value();
    model["replaced"] = !c->revoked_at && c->replaced_by;
    if (c->revoked_at) model["revoked_on"] = format_date_nl(*c->revoked_at);
    if (c->valid())
      model["certificate"] = {{"name", c->name},           {"series_title", c->series_title},
                              {"dates", c->dates},         {"duration", duration_text(c->minutes)},
                              {"organiser", c->organiser}, {"code", c->code}};
  }
  model["not_found"] = status == 404;
  if (!error.empty()) model["error"] = error;
  auto res = app.render_page(req, "trainings/certificate_verify", "Attest nagaan", model, status);
  res.headers.set("X-Robots-Tag", "noindex");
  return res;
}

// The participant's own certificate, signed in: their registration for the
// series by account, else by e-mail address (optionally ?inschrijving=<id>).
web::Response own_certificate(App& app, web::Request& req) {
  auto series = series_of_slug(app, req.param("slug"));
  if (!series) return app.error_page(&req, 404);
  auto mine = app.db().run([&](soci::session& sql) {
    return TrainingStore::of_person(sql, req.user->id, req.user->email);
  });
  std::erase_if(mine, [&](const Registration& reg) {
    return reg.unit.series_id != series->id || reg.state != "registered";
  });
  std::stable_partition(mine.begin(), mine.end(),
                        [&](const Registration& reg) { return reg.user_id == req.user->id; });
  if (const std::string chosen = req.query_params.get("inschrijving"); !chosen.empty())
    std::erase_if(mine, [&](const Registration& reg) { return std::to_string(reg.id) != chosen; });
  if (mine.empty())
    return app.error_page(&req, 404, "Je bent niet ingeschreven voor deze vorming.");
  // With a registration per session, the first one that has or gets a certificate.
  CertificateService service(app.db(), app.clock());
  std::optional<Error> first_error;
  for (const auto& reg : mine) {
    auto c = service.issue_or_get(reg.id, actor_of(req));
    if (c) return pdf_answer(app, c.value());
    if (!first_error) first_error = c.error();
  }
  return app.failure_page(req, *first_error);
}

// A guest's certificate by the signed link of certificate_link().
web::Response guest_certificate(App& app, web::Request& req) {
  auto registration = certificate_token_registration(app, req.query_params.get("token"));
  if (!registration)
    return app.error_page(&req, 403,
                          "Deze link om je attest te downloaden klopt niet of is verlopen. "
                          "Gebruik de link uit de nieuwste mail, of meld je aan.");
  auto c = CertificateService(app.db(), app.clock()).issue_or_get(*registration, actor_of(req));
  if (!c) return app.failure_page(req, c.error());
  return pdf_answer(app, c.value());
}

web::Response certificates_page(App& app, web::Request& req) {
  auto found = managed_series(app, req);
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  return manage_page(app, req, std::get<Series>(found));
}

web::Response reissue_post(App& app, web::Request& req) {
  return organiser_action(app, req, "reissue");
}

web::Response revoke_post(App& app, web::Request& req) {
  return organiser_action(app, req, "revoke");
}

// Public verification: a form, and the answer for one code.
web::Response verify_form(App& app, web::Request& req) {
  const std::string typed = req.query_params.get("code");
  if (typed.empty()) return verify_page(app, req, "", nullptr, 200);
  if (auto code = normalise_certificate_code(typed))
    return web::Response::redirect("/attest/" + *code);
  const bool echo = typed.size() <= 64 && web::valid_utf8(typed);
  return verify_page(app, req, echo ? typed : std::string(), nullptr, 422,
                     "Een code ziet eruit als SCH-XXXX-XXXX-XXXX: letters en cijfers, "
                     "zonder 0, O, 1 of I.");
}

web::Response verify_code(App& app, web::Request& req) {
  const std::string typed = req.param("code");
  auto found = CertificateService(app.db(), app.clock()).verify(typed, req.remote_ip);
  if (!found) {
    // Unknown code: the verification page says so (404), not an error page.
    if (found.error().failure == Failure::busy) return app.failure_page(req, found.error());
    return verify_page(app, req, "", nullptr, 404);
  }
  return verify_page(app, req, found.value().code, &found.value(), 200);
}

}  // namespace

void install_certificate_routes(App& app) {
  using web::Access;
  auto& r = app.router();
  r.get("/vorming/{slug}/attest", app.bind(own_certificate),
        {.runs_long = true, .access = Access::signed_in()});
  r.get("/vorming/attest", app.bind(guest_certificate),
        {.runs_long = true});  // the link carries its own token
  // The organiser's pages: whose series is an object rule (managed_series).
  r.get("/vorming/{slug}/attesten", app.bind(certificates_page), {.access = Access::signed_in()});
  r.post("/vorming/{slug}/attesten/{id}/heruitgeven", app.bind(reissue_post),
         {.access = Access::signed_in()});
  r.get("/vorming/{slug}/attesten/{id}/intrekken", app.bind(revoke_get),
        {.access = Access::signed_in()});
  r.post("/vorming/{slug}/attesten/{id}/intrekken", app.bind(revoke_post),
         {.access = Access::signed_in()});
  app.page("/attest", app.bind(verify_form));
  app.page("/attest/{code}", app.bind(verify_code));
}

}  // namespace schakel::trainings
