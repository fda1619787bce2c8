// Registering for a training series (signed in, or as a guest with a confirmation
// link), managing a registration through its link, and the participant's own page.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <variant>

#include "accounts/types.hpp"
#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/guest_registration.hpp"
#include "trainings/ical.hpp"
#include "trainings/notifications.hpp"
#include "trainings/permissions.hpp"
#include "trainings/routes.hpp"
#include "trainings/series_pages.hpp"
#include "trainings/series_service.hpp"
#include "trainings/store.hpp"
#include "view/markdown.hpp"
#include "web/access.hpp"
#include "web/visibility.hpp"

namespace schakel::trainings::pages {

namespace {

// The answer to a guest's confirmation link that is unknown, used or expired.
constexpr const char* link_gone =
    "Deze link werkt niet meer. Hij is al gebruikt of ouder dan 48 uur. Schrijf je opnieuw in "
    "op de pagina van de vorming.";

Result<std::vector<std::pair<std::int64_t, std::string>>> parse_answers(
    const std::vector<Question>& questions, const web::Form& form) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& q : questions) {
    const std::string name = "q_" + std::to_string(q.id);
    std::string answer = form.get(name);
    if (answer.size() > 1000 || !web::valid_utf8(answer))
      return Error::invalid(name, "Je antwoord is te lang (hoogstens 1000 tekens).");
    if (!answer.empty()) out.emplace_back(q.id, answer);
  }
  return out;
}

// What the person hears after registering for one or more units: places and
// waitlist spots by session date.
std::string registered_message(const std::vector<Registration>& done,
                               const std::vector<Session>& sessions) {
  if (done.size() == 1)
    return done.front().state == "registered"
               ? "Je bent ingeschreven. Je krijgt een bevestiging per mail."
               : "De vorming is volzet: je staat op de wachtlijst. We mailen je zodra er een "
                 "plaats vrijkomt.";
  std::string places, waiting;
  for (const auto& r : done) {
    std::string date;
    for (const auto& x : sessions)
      if (r.unit.session_id == x.id) date = format_weekday_date_nl(x.starts_at);
    std::string& list = r.state == "registered" ? places : waiting;
    list += (list.empty() ? "" : ", ") + date;
  }
  std::string out;
  if (!places.empty()) out += "Je bent ingeschreven voor " + places + ". ";
  if (!waiting.empty()) out += "Op de wachtlijst voor " + waiting + " (volzet). ";
  return out + "Je krijgt per sessie een mail.";
}

web::Response register_post(App& app, web::Request& req) {
  auto loaded = load_visible(app, req);
  if (!loaded) return app.error_page(&req, 404);
  const Series& s = loaded->series;
  // Per session: one or more sessions ticked in one form (checkboxes).
  std::vector<std::int64_t> session_ids;
  if (s.registration_unit == "session") {
    const auto ticked = req.form.get_all("session");
    for (const auto& value : ticked) {
      auto id = parse_id(value);
      if (!id || ticked.size() > 100) {
        Error e = Error::invalid("session", "Kies sessies uit de lijst.");
        return series_page(app, req, &e, 422);
      }
      session_ids.push_back(*id);
    }
    if (session_ids.empty()) {
      Error e = Error::invalid("session", "Kies minstens één sessie om je voor in te schrijven.");
      return series_page(app, req, &e, 422);
    }
  }
  Person person;
  person.name = req.form.get("name");
  person.email = req.user ? req.user->email : req.form.get("email");
  person.nis_code = req.form.get("nis_code");
  person.sector = req.form.get("sector");
  if (!person.nis_code.empty() && !municipality_names(app.db()).count(person.nis_code)) {
    Error e = Error::invalid("nis_code", "Kies een gemeente uit de lijst.");
    return series_page(app, req, &e, 422);
  }
  if (!person.sector.empty() && !accounts::is_known_sector(person.sector)) {
    Error e = Error::invalid("sector", "Kies een sector uit de lijst.");
    return series_page(app, req, &e, 422);
  }
  auto questions =
      app.db().run([&](soci::session& sql) { return TrainingStore::questions_of(sql, s.id); });
  auto answers = parse_answers(questions, req.form);
  if (!answers) return series_page(app, req, &answers.error(), 422);
  auto confidence = parse_confidence(req.form);
  if (!confidence) return series_page(app, req, &confidence.error(), 422);
  Mailer mailer(app);
  if (req.user) {
    person.user_id = req.user->id;
    RegistrationService service(app.db(), app.clock(), mailer.notifier());
    auto done = service.register_sessions(
        s.id, session_ids, person, [&](soci::session& sql, const Registration& r) {
          for (const auto& [question, answer] : answers.value())
            TrainingStore::save_answer(sql, r.id, question, answer);
        });
    if (!done)
      return app.failure_page(req, done.error(), [&](int status) {
        return series_page(app, req, &done.error(), status);
      });
    req.session->add_flash("success", registered_message(done.value(), loaded->sessions));
    return web::Response::redirect("/vorming/" + s.slug);
  }
  // A guest: check now, register once the address is confirmed.
  GuestRequest guest{s.id, session_ids, person, answers.value(), confidence.value(), req.remote_ip};
  auto requested =
      GuestRegistrationService(app.db(), app.clock())
          .request(guest, [&](soci::session& sql, const Person& p, const std::string& token) {
            mailer.guest_confirmation(sql, s, p.name, p.email, token);
          });
  if (!requested)
    return app.failure_page(req, requested.error(), [&](int status) {
      return series_page(app, req, &requested.error(), status);
    });
  app.ensure_session(req).add_flash(
      "success",
      "We stuurden een mail naar " + requested.value().email +
          ". Klik op de link in die mail om je inschrijving te bevestigen. Pas dan is ze geldig.");
  return web::Response::redirect("/vorming/" + s.slug);
}

// ------------------------------------------------ guest confirmation, manage

// The guest's link from the confirmation mail: a page whose button confirms.
web::Response confirm_get(App& app, web::Request& req) {
  const std::string token = req.query_params.get("token");
  auto pending = GuestRegistrationService(app.db(), app.clock()).pending(token);
  if (!pending) return app.error_page(&req, 410, link_gone);
  auto series = app.db().run(
      [&](soci::session& sql) { return TrainingStore::find_series(sql, pending->unit.series_id); });
  app.ensure_session(req);
  return app.render_page(req, "trainings/confirm", "Inschrijving bevestigen",
                         {{"token", token},
                          {"name", pending->name},
                          {"email", pending->email},
                          {"title", series ? series->title : ""}});
}

// What a guest hears once the registration for `done` is confirmed.
std::string confirmed_message(App& app, const std::vector<Registration>& done) {
  if (done.size() > 1) {
    auto sessions = app.db().run([&](soci::session& sql) {
      return TrainingStore::sessions_of(sql, done.front().unit.series_id);
    });
    return "Je inschrijving is bevestigd. " + registered_message(done, sessions);
  }
  return done.front().state == "registered"
             ? "Je inschrijving is bevestigd. Je krijgt een mail met de details."
             : "Je inschrijving is bevestigd. De vorming is volzet: je staat op de "
               "wachtlijst en krijgt een mail zodra er een plaats vrijkomt.";
}

web::Response confirm_post(App& app, web::Request& req) {
  Mailer mailer(app);
  auto registered = GuestRegistrationService(app.db(), app.clock(), mailer.notifier())
                        .confirm(req.form.get("token"));
  if (!registered) return app.error_page(&req, 410, link_gone);
  // No form to show again: the failure's message on an error page.
  if (!*registered) return app.failure_page(req, registered->error());
  const auto& done = registered->value();
  app.ensure_session(req).add_flash("success", confirmed_message(app, done));
  return web::Response::redirect(mailer.manage_path(done.front().id));
}

// The registration of manage token `token` (query or form field "token"), or
// the 403 page of a wrong or expired link.
std::variant<Registration, web::Response> managed(App& app, web::Request& req, const Mailer& mailer,
                                                  const std::string& token) {
  if (auto id = mailer.registration_of(token))
    if (auto r = app.db().run(
            [&](soci::session& sql) { return TrainingStore::find_registration(sql, *id); }))
      return std::move(*r);
  return app.error_page(&req, 403,
                        "Deze link klopt niet of is verlopen. Gebruik de link uit je laatste "
                        "mail, of meld je aan.");
}

// With `error`: the page again with the name form's errors and `status`.
web::Response manage_get(App& app, web::Request& req, const Error* error = nullptr,
                         int status = 200) {
  Mailer mailer(app);
  const std::string token = error ? req.form.get("token") : req.query_params.get("token");
  auto found = managed(app, req, mailer, token);
  if (auto* denied = std::get_if<web::Response>(&found)) return std::move(*denied);
  const Registration& r = std::get<Registration>(found);
  app.ensure_session(req);
  Loaded l;
  app.db().run([&](soci::session& sql) {
    l.series = *TrainingStore::find_series(sql, r.unit.series_id);
    l.sessions = TrainingStore::sessions_of(sql, r.unit.series_id);
  });
  const std::int64_t now = app.clock().now();
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& x : l.sessions)
    if (!r.unit.session_id || *r.unit.session_id == x.id)
      sessions.push_back(session_row(x, r.state == "registered", now));
  RegistrationService service(app.db(), app.clock());
  // What a participant with a place may have: the materials and, once earned,
  // the certificate (a signed link: guests have no account).
  const auto materials = materials_of_registration_model(app, r.id, token);
  std::string certificate;
  if (r.state == "registered")
    if (auto e = CertificateService(app.db(), app.clock()).eligibility(r.id);
        e && e.value().eligible)
      certificate = certificate_link(app, r.id);
  // The name on the certificate: the participant may correct it until it is issued.
  const bool name_editable = r.active() && !CertificateService(app.db(), app.clock()).issued(r.id);
  nlohmann::json model = {
      {"token", token},
      {"name_editable", name_editable},
      {"cancel", "/vorming/inschrijving/annuleren?token=" + web::percent_encode(token)},
      {"certificate_name", error ? req.form.get("name") : r.name},
      {"name", r.name},
      {"title", l.series.title},
      {"slug", l.series.slug},
      {"state", state_label(r)},
      {"position", service.waitlist_position(r)},
      {"waitlisted", r.state == "waitlisted"},
      {"offered", r.state == "offered"},
      {"active", r.active()},
      {"registered", r.state == "registered"},
      {"certificate", certificate},
      {"materials", materials},
      {"has_materials", !materials.empty()},
      {"sessions", sessions}};
  if (error) model.update(App::form_errors(*error));
  return app.render_page(req, "trainings/manage", "Mijn inschrijving", model, status);
}

// The participant corrects the name their certificate will carry.
web::Response name_post(App& app, web::Request& req) {
  Mailer mailer(app);
  const std::string token = req.form.get("token");
  auto found = managed(app, req, mailer, token);
  if (auto* denied = std::get_if<web::Response>(&found)) return std::move(*denied);
  const Registration& r = std::get<Registration>(found);
  Actor actor;
  if (req.user) {
    actor.user_id = req.user->id;
    actor.label = req.user->email;
  }
  actor.ip = req.remote_ip;
  auto done =
      CertificateService(app.db(), app.clock()).correct_name(r.id, req.form.get("name"), actor);
  if (!done)
    return app.failure_page(
        req, done.error(), [&](int status) { return manage_get(app, req, &done.error(), status); });
  app.ensure_session(req).add_flash("success", "Je naam is aangepast. Zo komt hij op je attest.");
  return web::Response::redirect("/vorming/inschrijving?token=" + web::percent_encode(token));
}

// The confirmation page of a cancellation: changes nothing; its form posts
// "bevestigd=ja" to /vorming/inschrijving/annuleren.
web::Response cancel_confirm_page(App& app, web::Request& req, const Registration& r,
                                  const std::string& token) {
  app.ensure_session(req);
  nlohmann::json facts = nlohmann::json::array();
  app.db().run([&](soci::session& sql) {
    if (auto series = TrainingStore::find_series(sql, r.unit.series_id))
      facts.push_back({{"label", "Vorming"}, {"value", series->title}});
    if (r.unit.session_id)
      if (auto x = TrainingStore::find_session(sql, *r.unit.session_id))
        facts.push_back({{"label", "Sessie"},
                         {"value", format_weekday_date_nl(x->starts_at) + ", " +
                                       format_time_nl(x->starts_at)}});
  });
  facts.push_back({{"label", "Je inschrijving"}, {"value", state_label(r)}});
  const std::string what = r.state == "waitlisted" ? "van de wachtlijst gaan"
                           : r.state == "offered"  ? "de aangeboden plaats afzeggen"
                                                   : "je inschrijving annuleren";
  return app.render_page(
      req, "confirm_action", "Inschrijving annuleren?",
      {{"heading", "Wil je " + what + "?"},
       {"question", "Bevestig dat je " + what + " wil. Pas daarna gebeurt het."},
       {"facts", facts},
       {"has_facts", true},
       {"has_form", true},
       {"consequence", r.state == "registered"
                           ? "Je plaats gaat naar de volgende op de wachtlijst. Je kan je later "
                             "opnieuw inschrijven als er nog plaats is."
                           : ""},
       {"action", "/vorming/inschrijving/annuleren"},
       {"hidden", nlohmann::json::array({{{"name", "token"}, {"value", token}}})},
       {"yes", "Ja, annuleren"},
       {"no", "Nee, terug"},
       {"back", "/vorming/inschrijving?token=" + web::percent_encode(token)}});
}

// GET /vorming/inschrijving/annuleren?token=...: asks before cancelling.
web::Response cancel_get(App& app, web::Request& req) {
  Mailer mailer(app);
  const std::string token = req.query_params.get("token");
  auto found = managed(app, req, mailer, token);
  if (auto* denied = std::get_if<web::Response>(&found)) return std::move(*denied);
  const Registration& r = std::get<Registration>(found);
  if (!r.active()) return app.error_page(&req, 409, "Deze inschrijving is al beëindigd.");
  return cancel_confirm_page(app, req, r, token);
}

web::Response manage_post(App& app, web::Request& req, bool accept) {
  Mailer mailer(app);
  const std::string token = req.form.get("token");
  auto found = managed(app, req, mailer, token);
  if (auto* denied = std::get_if<web::Response>(&found)) return std::move(*denied);
  const Registration& r = std::get<Registration>(found);
  // Cancelling happens only from the confirmation page; any other post asks first.
  if (!accept && req.form.get("bevestigd") != "ja") {
    if (!r.active()) return app.error_page(&req, 409, "Deze inschrijving is al beëindigd.");
    return cancel_confirm_page(app, req, r, token);
  }
  RegistrationService service(app.db(), app.clock(), mailer.notifier());
  auto done = accept ? service.accept_offer(r.id) : service.cancel(r.id);
  if (!done) return app.failure_page(req, done.error());
  app.ensure_session(req).add_flash(
      "success", accept ? "Je hebt de plaats aanvaard. Tot dan!"
                        : "Je inschrijving is geannuleerd. Bedankt om het te laten weten.");
  return web::Response::redirect("/vorming/inschrijving?token=" + web::percent_encode(token));
}

web::Response my_page(App& app, web::Request& req) {
  Mailer mailer(app);
  const std::int64_t now = app.clock().now();
  nlohmann::json current = nlohmann::json::array(), past = nlohmann::json::array();
  std::vector<std::int64_t> eligible_ids;
  // The page reads differently once a session starts or ends (to come, past,
  // the evaluation): a cached copy lasts until the first of those moments.
  std::optional<std::int64_t> changes_at;
  auto changes_then = [&](std::int64_t t) {
    if (t > now && (!changes_at || t < *changes_at)) changes_at = t;
  };
  app.db().run([&](soci::session& sql) {
    for (const auto& r : TrainingStore::of_person(sql, req.user->id, req.user->email)) {
      auto series = TrainingStore::find_series(sql, r.unit.series_id);
      if (!series) continue;
      // Past and upcoming sessions apart: the next date, never a past one as
      // if it were to come.
      std::int64_t last = 0;
      std::optional<std::int64_t> next, last_start;
      int to_come = 0, over = 0;
      for (const auto& x : TrainingStore::sessions_of(sql, series->id)) {
        if (r.unit.session_id && *r.unit.session_id != x.id) continue;
        if (x.status != "planned") continue;
        last = std::max(last, x.ends_at);
        changes_then(x.starts_at);
        changes_then(x.ends_at);
        if (x.starts_at > now) {
          ++to_come;
          if (!next || x.starts_at < *next) next = x.starts_at;
        } else {
          ++over;
          if (!last_start || x.starts_at > *last_start) last_start = x.starts_at;
        }
      }
      auto sessions_text = [](int n) {
        return std::to_string(n) + (n == 1 ? " sessie" : " sessies");
      };
      nlohmann::json item = {
          {"title", series->title},
          {"slug", series->slug},
          {"state", state_label(r)},
          {"next", next ? format_weekday_date_nl(*next) : ""},
          {"last", last_start ? format_weekday_date_nl(*last_start) : ""},
          {"to_come", to_come > 0 ? sessions_text(to_come) + " nog te gaan" : ""},
          {"over", over > 0 ? sessions_text(over) + " voorbij" : ""},
          {"manage", mailer.manage_path(r.id)}};
      if (r.state == "registered") eligible_ids.push_back(r.id);
      // After the last session: the evaluation, until it is answered.
      if (r.state == "registered" && last <= now && last > 0 && !r.evaluated_at &&
          series->evaluation_unit == "series")
        item["evaluation"] = evaluation_link(app, r, std::nullopt);
      item["id"] = r.id;
      (r.active() && last > now ? current : past).push_back(item);
    }
  });
  // Certificates: a link for every registration that earned one, unless its
  // certificate was revoked (the download would be refused).
  CertificateService certificates(app.db(), app.clock());
  for (auto* list : {&current, &past})
    for (auto& item : *list) {
      const std::int64_t id = item["id"].get<std::int64_t>();
      if (std::find(eligible_ids.begin(), eligible_ids.end(), id) == eligible_ids.end()) continue;
      auto e = certificates.eligibility(id);
      if (e && e.value().eligible && !certificates.revoked(id))
        item["certificate"] = "/vorming/" + item["slug"].get<std::string>() +
                              "/attest?inschrijving=" + std::to_string(id);
    }
  auto page = app.render_page(req, "trainings/my", "Mijn vormingen",
                              {{"current", current},
                               {"past", past},
                               {"has_current", !current.empty()},
                               {"has_past", !past.empty()}});
  page.cache_until = changes_at;
  return page;
}

web::Response manage_page(App& app, web::Request& req) { return manage_get(app, req); }
web::Response cancel_post(App& app, web::Request& req) { return manage_post(app, req, false); }
web::Response accept_post(App& app, web::Request& req) { return manage_post(app, req, true); }

}  // namespace

void install_registration_routes(App& app) {
  auto& r = app.router();
  // Registering and the guest's links: anyone (the links carry their own token).
  r.post("/vorming/{slug}/inschrijven", app.bind(register_post));
  r.get("/vorming/bevestigen", app.bind(confirm_get));
  r.post("/vorming/bevestigen", app.bind(confirm_post));
  r.get("/vorming/inschrijving", app.bind(manage_page));
  r.post("/vorming/inschrijving/naam", app.bind(name_post));
  r.get("/vorming/inschrijving/annuleren", app.bind(cancel_get));
  r.post("/vorming/inschrijving/annuleren", app.bind(cancel_post));
  r.post("/vorming/inschrijving/aanvaarden", app.bind(accept_post));
  app.page("/vorming/mijn", app.bind(my_page),
           {.access = web::Access::signed_in(), .signed_in = Audience::person});
}

}  // namespace schakel::trainings::pages
