// HTTP handlers of accounts: thin — authorise, parse, call the service, answer.
#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "accounts/password.hpp"
#include "accounts/service.hpp"
#include "accounts/store.hpp"
#include "accounts/totp.hpp"
#include "app/app.hpp"
#include "web/form.hpp"

namespace schakel::accounts {

namespace {

Origin origin_of(const web::Request& req) { return Origin{req.remote_ip}; }

AccountService service_for(App& app) {
  return AccountService(
      app.db(), app.clock(),
      [&app](const std::string& to, const std::string& name, nlohmann::json model) {
        return app.compose_mail(to, "accounts/" + name, std::move(model));
      });
}

nlohmann::json choices(const std::vector<Choice>& list, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : list)
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", selected == c.value}});
  return out;
}

// The answer to a failed call on a form page: the form again with the values
// the user typed and the errors by field (invalid 422, busy 429), else the
// shared error page (App::failure_page).
web::Response form_again(App& app, const web::Request& req, const std::string& name,
                         const std::string& title, nlohmann::json model, const Error& error) {
  return app.failure_page(req, error, [&](int status) {
    auto errors = App::form_errors(error);
    model["errors"] = errors["errors"];
    model["error_summary"] = errors["error_summary"];
    model["has_errors"] = true;
    return app.render_page(req, name, title, model, status);
  });
}

nlohmann::json sign_in_model(const std::string& email, const std::string& next) {
  return {{"email", email}, {"next", next}, {"errors", nlohmann::json::object()}};
}

std::string device_of(const std::string& agent) {
  auto has = [&](const char* s) { return agent.find(s) != std::string::npos; };
  std::string browser = has("Firefox")  ? "Firefox"
                        : has("Edg/")   ? "Edge"
                        : has("Chrome") ? "Chrome"
                        : has("Safari") ? "Safari"
                                        : "Onbekende browser";
  std::string system = has("Android")                 ? "Android"
                       : has("iPhone") || has("iPad") ? "iOS"
                       : has("Windows")               ? "Windows"
                       : has("Mac OS")                ? "macOS"
                       : has("Linux")                 ? "Linux"
                                                      : "onbekend systeem";
  if (agent.empty()) return "Onbekend toestel";
  return browser + " op " + system;
}

// After password or link: sign in, or ask for the second factor first.
web::Response continue_sign_in(App& app, web::Request& req, const SignInStep& step,
                               const std::string& next) {
  if (step.needs_second_factor) {
    auto& session = app.ensure_session(req);
    app.sessions().set_pending_user(session, step.user.id);
    return web::Response::redirect("/aanmelden/tweede-stap?next=" + web::percent_encode(next));
  }
  app.begin_user_session(req, step.user.id);
  req.session->add_flash("success", "Je bent aangemeld.");
  return web::Response::redirect(next);
}

web::Response profile_page(App& app, const web::Request& req,
                           nlohmann::json extra = nlohmann::json::object(), int status = 200) {
  UserStore store(app.db(), app.clock());
  auto user = store.find_by_id(req.user->id);
  nlohmann::json m = {{"user",
                       {{"email", user->email},
                        {"display_name", user->display_name},
                        {"organisation", user->organisation},
                        {"sector_detail", user->sector_detail},
                        {"role_label", std::string(role_label(user->role))},
                        {"totp_enabled", user->totp_enabled}}},
                      {"sectors", choices(sectors(), user->sector)},
                      {"tracks", choices(tracks(), user->track)},
                      {"errors", nlohmann::json::object()}};
  for (auto it = extra.begin(); it != extra.end(); ++it) m[it.key()] = it.value();
  return app.render_page(req, "accounts/profile", "Mijn profiel", m, status);
}

void load_demo(soci::session& sql, const Clock& clock) {
  struct DemoAccount {
    const char* email;
    const char* name;
    Role role;
    const char* nis_code;
    const char* organisation;
    const char* sector;
    const char* track;
  };
  static const DemoAccount accounts[] = {
      {"coordinator@demo.schakel.be", "Demo Coördinator (Gent)", Role::coordinator, "44021",
       "Stad Gent (demo)", "local_government", "care"},
      {"admin@demo.schakel.be", "Demo Beheerder", Role::admin, "", "Schakel (demo)", "other", ""},
      {"spoc.gent@demo.schakel.be", "Demo SPOC Gent", Role::spoc, "44021", "Stad Gent (demo)",
       "local_government", "prevention"},
      {"spoc.aalst@demo.schakel.be", "Demo SPOC Aalst", Role::spoc, "41002", "Stad Aalst (demo)",
       "local_government", "prevention"},
      {"professional@demo.schakel.be", "Demo Professional", Role::professional, "",
       "Basisschool De Regenboog (demo)", "education", "prevention"},
  };
  const std::string hash = hash_password(demo_password);
  for (const auto& a : accounts) {
    NewUser u{a.email,  a.name, demo_password, a.role,  a.nis_code, true, a.organisation,
              a.sector, "",     a.track,       "active"};
    const std::int64_t id = UserStore::insert(sql, u, hash, clock.now());
    if (role_requires_totp(a.role)) UserStore::set_totp(sql, id, demo_totp_secret, true);
  }
}

// --- Handlers ------------------------------------------------------------------------
// Each takes the app and the request; install() lists them with their access.

// Sign in and out

web::Response sign_in_form(App& app, web::Request& req) {
  if (req.user) return web::Response::redirect("/");
  app.ensure_session(req);  // the strictly necessary cookie that carries the CSRF token
  return app.render_page(req, "accounts/sign_in", "Aanmelden",
                         sign_in_model("", safe_next(req.query_params.get("next"))));
}

web::Response sign_in(App& app, web::Request& req) {
  auto service = service_for(app);
  const std::string email = req.form.get("email");
  const std::string next = safe_next(req.form.get("next"));
  auto outcome = service.sign_in(email, req.form.get("password"), app.config().allow_demo_accounts,
                                 origin_of(req));
  if (!outcome)
    return form_again(app, req, "accounts/sign_in", "Aanmelden",
                      sign_in_model(email.substr(0, 254), next), outcome.error());
  return continue_sign_in(app, req, outcome.value(), next);
}

// The second step belongs to a session whose password step passed; without one
// it sends the visitor back to the first step (not a 403: nobody is denied).
web::Response second_factor_form(App& app, web::Request& req) {
  if (!req.session || !req.session->pending_user_id) return web::Response::redirect("/aanmelden");
  return app.render_page(
      req, "accounts/second_factor", "Tweestapsverificatie",
      {{"next", safe_next(req.query_params.get("next"))}, {"errors", nlohmann::json::object()}});
}

web::Response second_factor(App& app, web::Request& req) {
  if (!req.session || !req.session->pending_user_id) return web::Response::redirect("/aanmelden");
  const std::string next = safe_next(req.form.get("next"));
  auto outcome = service_for(app).second_factor(*req.session->pending_user_id, req.form.get("code"),
                                                origin_of(req));
  if (!outcome)
    return form_again(app, req, "accounts/second_factor", "Tweestapsverificatie", {{"next", next}},
                      outcome.error());
  app.begin_user_session(req, outcome.value().id);
  req.session->add_flash("success", "Je bent aangemeld.");
  return web::Response::redirect(next);
}

web::Response sign_out(App& app, web::Request& req) {
  app.end_session(req);
  return web::Response::redirect("/");
}

// Sign-in link by e-mail. An unknown, used or expired link answers 410 Gone
// on its own page (not the shared failure mapping): the link will not work again.

web::Response link_request_form(App& app, web::Request& req) {
  app.ensure_session(req);
  return app.render_page(req, "accounts/link_request", "Aanmelden met een link",
                         {{"email", ""}, {"errors", nlohmann::json::object()}});
}

web::Response request_link(App& app, web::Request& req) {
  const std::string email = req.form.get("email");
  auto sent = service_for(app).request_sign_in_link(email, origin_of(req));
  if (!sent)
    return form_again(app, req, "accounts/link_request", "Aanmelden met een link",
                      {{"email", email.substr(0, 254)}}, sent.error());
  return app.render_page(
      req, "accounts/link_request", "Aanmelden met een link",
      {{"sent", true}, {"email", email.substr(0, 254)}, {"errors", nlohmann::json::object()}});
}

web::Response link_use_form(App& app, web::Request& req) {
  app.ensure_session(req);
  const std::string token = req.query_params.get("token");
  const bool valid = service_for(app).peek(token, "sign_in_link").has_value();
  return app.render_page(req, "accounts/link_use", "Aanmelden met een link",
                         {{"token", token}, {"valid", valid}}, valid ? 200 : 410);
}

web::Response use_link(App& app, web::Request& req) {
  auto outcome = service_for(app).use_sign_in_link(req.form.get("token"), origin_of(req));
  if (!outcome)
    return app.render_page(req, "accounts/link_use", "Aanmelden met een link",
                           {{"valid", false}, {"message", outcome.error().fields.front().message}},
                           410);
  return continue_sign_in(app, req, outcome.value(), "/");
}

// Sign up and confirm

nlohmann::json sign_up_model(const web::Form& f) {
  return nlohmann::json{{"values",
                         {{"email", f.get("email").substr(0, 254)},
                          {"display_name", f.get("display_name").substr(0, 200)},
                          {"organisation", f.get("organisation").substr(0, 200)},
                          {"sector_detail", f.get("sector_detail").substr(0, 200)}}},
                        {"sectors", choices(sectors(), f.get("sector"))},
                        {"tracks", choices(tracks(), f.get("track"))},
                        {"errors", nlohmann::json::object()}};
}

web::Response sign_up_form(App& app, web::Request& req) {
  if (req.user) return web::Response::redirect("/profiel");
  app.ensure_session(req);
  return app.render_page(req, "accounts/sign_up", "Registreren", sign_up_model(web::Form{}));
}

web::Response sign_up(App& app, web::Request& req) {
  const auto& f = req.form;
  SignUp form{f.get("email"),         f.get("display_name"), f.get("organisation"), f.get("sector"),
              f.get("sector_detail"), f.get("track"),        f.get("password")};
  auto done = service_for(app).sign_up(form, origin_of(req));
  if (!done)
    return form_again(app, req, "accounts/sign_up", "Registreren", sign_up_model(f), done.error());
  return app.render_page(req, "accounts/sign_up_done", "Bevestig je e-mailadres",
                         {{"email", normalise_email(form.email)}});
}

// An unusable confirmation link answers 410 on its own page, like the sign-in link.
web::Response confirm_form(App& app, web::Request& req) {
  app.ensure_session(req);
  const std::string token = req.query_params.get("token");
  auto user = service_for(app).peek(token, "confirm");
  return app.render_page(req, "accounts/confirm", "E-mailadres bevestigen",
                         {{"token", token}, {"valid", user.has_value()}}, user ? 200 : 410);
}

web::Response confirm(App& app, web::Request& req) {
  auto outcome = service_for(app).confirm(req.form.get("token"), origin_of(req));
  if (!outcome)
    return app.render_page(req, "accounts/confirm", "E-mailadres bevestigen",
                           {{"valid", false}, {"message", outcome.error().fields.front().message}},
                           410);
  app.begin_user_session(req, outcome.value().id);
  req.session->add_flash("success", "Je e-mailadres is bevestigd. Welkom!");
  return web::Response::redirect("/profiel");
}

// Password reset

web::Response forgot_form(App& app, web::Request& req) {
  app.ensure_session(req);
  return app.render_page(req, "accounts/forgot", "Wachtwoord vergeten",
                         {{"email", ""}, {"errors", nlohmann::json::object()}});
}

web::Response request_reset(App& app, web::Request& req) {
  const std::string email = req.form.get("email");
  auto sent = service_for(app).request_reset(email, origin_of(req));
  if (!sent)
    return form_again(app, req, "accounts/forgot", "Wachtwoord vergeten",
                      {{"email", email.substr(0, 254)}}, sent.error());
  return app.render_page(
      req, "accounts/forgot", "Wachtwoord vergeten",
      {{"sent", true}, {"email", email.substr(0, 254)}, {"errors", nlohmann::json::object()}});
}

web::Response reset_form(App& app, web::Request& req) {
  app.ensure_session(req);
  const std::string token = req.query_params.get("token");
  const bool valid = service_for(app).peek(token, "reset").has_value();
  return app.render_page(req, "accounts/reset", "Nieuw wachtwoord kiezen",
                         {{"token", token}, {"valid", valid}, {"errors", nlohmann::json::object()}},
                         valid ? 200 : 410);
}

// A bad password shows the form again; an unusable link answers 410 (see above).
web::Response reset_password(App& app, web::Request& req) {
  const std::string token = req.form.get("token");
  auto outcome = service_for(app).reset_password(token, req.form.get("password"), origin_of(req));
  if (!outcome) {
    if (outcome.error().message_for("token").empty())
      return form_again(app, req, "accounts/reset", "Nieuw wachtwoord kiezen",
                        {{"token", token}, {"valid", true}}, outcome.error());
    return app.render_page(req, "accounts/reset", "Nieuw wachtwoord kiezen",
                           {{"valid", false}, {"message", outcome.error().fields.front().message}},
                           410);
  }
  app.ensure_session(req).add_flash(
      "success", "Je wachtwoord is gewijzigd. Meld je aan met je nieuwe wachtwoord.");
  return web::Response::redirect("/aanmelden");
}

// Profile

web::Response show_profile(App& app, web::Request& req) { return profile_page(app, req); }

// The profile page again after a failed change, with `errors` (App::form_errors).
web::Response profile_again(App& app, const web::Request& req, const Error& error,
                            const nlohmann::json& errors) {
  return app.failure_page(req, error,
                          [&](int status) { return profile_page(app, req, errors, status); });
}

web::Response update_profile(App& app, web::Request& req) {
  const auto& f = req.form;
  ProfileChange change{f.get("display_name"), f.get("organisation"), f.get("sector"),
                       f.get("sector_detail"), f.get("track")};
  auto outcome = service_for(app).update_profile(req.user->id, change);
  if (!outcome) return profile_again(app, req, outcome.error(), App::form_errors(outcome.error()));
  req.session->add_flash("success", "Je profiel is bewaard.");
  return web::Response::redirect("/profiel");
}

web::Response change_password(App& app, web::Request& req) {
  auto outcome = service_for(app).change_password(req.user->id, req.form.get("current_password"),
                                                  req.form.get("new_password"),
                                                  req.session->token_hash, origin_of(req));
  if (!outcome) {
    auto errors = App::form_errors(outcome.error());
    // The policy speaks of "password"; on this form the field is "new_password".
    if (errors["errors"].contains("password")) {
      errors["errors"]["new_password"] = errors["errors"]["password"];
      errors["errors"].erase("password");
    }
    for (auto& item : errors["error_summary"])
      if (item["field"] == "password") item["field"] = "new_password";
    return profile_again(app, req, outcome.error(), errors);
  }
  req.session->add_flash("success",
                         "Je wachtwoord is gewijzigd. Je andere sessies zijn beëindigd.");
  return web::Response::redirect("/profiel");
}

web::Response request_email_change(App& app, web::Request& req) {
  auto outcome = service_for(app).request_email_change(
      req.user->id, req.form.get("new_email"), req.form.get("email_password"), origin_of(req));
  if (!outcome) return profile_again(app, req, outcome.error(), App::form_errors(outcome.error()));
  req.session->add_flash("info",
                         "We stuurden een link naar je nieuwe e-mailadres. Je adres verandert "
                         "zodra je die link volgt.");
  return web::Response::redirect("/profiel");
}

// The link in the mail works signed out too; an unusable one answers 410 (see above).
web::Response email_confirm_form(App& app, web::Request& req) {
  app.ensure_session(req);
  const std::string token = req.query_params.get("token");
  const bool valid = service_for(app).peek(token, "email_change").has_value();
  return app.render_page(req, "accounts/email_confirm", "Nieuw e-mailadres bevestigen",
                         {{"token", token}, {"valid", valid}}, valid ? 200 : 410);
}

web::Response confirm_email_change(App& app, web::Request& req) {
  auto outcome = service_for(app).confirm_email_change(req.form.get("token"), origin_of(req));
  if (!outcome)
    return app.render_page(req, "accounts/email_confirm", "Nieuw e-mailadres bevestigen",
                           {{"valid", false}, {"message", outcome.error().fields.front().message}},
                           410);
  app.ensure_session(req).add_flash("success", "Je nieuwe e-mailadres is bevestigd.");
  return web::Response::redirect(req.user ? "/profiel" : "/aanmelden");
}

// Sessions

web::Response list_sessions(App& app, web::Request& req) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : app.sessions().list_for_user(req.user->id))
    list.push_back({{"id", s.id},
                    {"device", device_of(s.user_agent)},
                    {"last_seen", format_date_at_time_nl(s.last_seen_at)},
                    {"created", format_date_at_time_nl(s.created_at)},
                    {"current", s.id == req.session->token_hash}});
  return app.render_page(req, "accounts/sessions", "Mijn sessies", {{"sessions", list}});
}

// Only the user's own sessions: another one's id answers 404, as an unknown one.
web::Response end_one_session(App& app, web::Request& req) {
  const std::string id = req.param("id");
  if (!app.sessions().destroy_for_user(req.user->id, id)) return app.error_page(&req, 404);
  if (id == req.session->token_hash) {
    app.end_session(req);
    return web::Response::redirect("/");
  }
  req.session->add_flash("success", "De sessie is beëindigd.");
  return web::Response::redirect("/profiel/sessies");
}

// Second factor (TOTP)

web::Response totp_page(App& app, web::Request& req, nlohmann::json extra, int status) {
  nlohmann::json m = {{"enabled", req.user->totp_enabled},
                      {"required", role_requires_totp(req.user->role)},
                      {"errors", nlohmann::json::object()}};
  auto enrolment =
      service_for(app).begin_totp(req.user->id);  // a pending or new key; never replaces one
  if (enrolment) {
    m["secret"] = enrolment.value().secret;
    m["uri"] = enrolment.value().uri;
    m["setting_up"] = true;
  }
  for (auto it = extra.begin(); it != extra.end(); ++it) m[it.key()] = it.value();
  return app.render_page(req, "accounts/totp", "Tweestapsverificatie", m, status);
}

// The TOTP page again after a failed step, with its field errors.
web::Response totp_again(App& app, web::Request& req, const Error& error) {
  return app.failure_page(req, error, [&](int status) {
    auto errors = App::form_errors(error);
    errors["has_errors"] = true;
    return totp_page(app, req, errors, status);
  });
}

web::Response show_totp(App& app, web::Request& req) {
  return totp_page(app, req, nlohmann::json::object(), 200);
}

web::Response restart_totp(App& app, web::Request& req) {
  auto restarted =
      service_for(app).restart_totp(req.user->id, req.form.get("restart_password"), origin_of(req));
  if (!restarted) return totp_again(app, req, restarted.error());
  return totp_page(app, req, nlohmann::json::object(), 200);
}

web::Response confirm_totp(App& app, web::Request& req) {
  auto outcome = service_for(app).confirm_totp(req.user->id, req.form.get("code"), origin_of(req));
  if (!outcome) return totp_again(app, req, outcome.error());
  return app.render_page(
      req, "accounts/totp", "Tweestapsverificatie",
      {{"enabled", true}, {"recovery_codes", outcome.value()}, {"just_enabled", true}});
}

web::Response disable_totp(App& app, web::Request& req) {
  auto outcome =
      service_for(app).disable_totp(req.user->id, req.form.get("password"), origin_of(req));
  if (!outcome) {
    // A role that requires the factor: an audited denial (the rule is the
    // service's, about this account, so it is not a route declaration).
    if (outcome.error().failure == Failure::forbidden)
      return app.deny(req, "disable_totp", "user:" + std::to_string(req.user->id));
    return form_again(app, req, "accounts/totp", "Tweestapsverificatie",
                      {{"enabled", true}, {"required", false}}, outcome.error());
  }
  req.session->add_flash("success", "Tweestapsverificatie staat uit.");
  return web::Response::redirect("/profiel");
}

// Deleting the account

web::Response delete_form(App& app, web::Request& req) {
  return app.render_page(req, "accounts/delete", "Account verwijderen",
                         {{"errors", nlohmann::json::object()}});
}

web::Response delete_account(App& app, web::Request& req) {
  auto outcome =
      service_for(app).delete_account(req.user->id, req.form.get("password"), origin_of(req));
  if (!outcome)
    return form_again(app, req, "accounts/delete", "Account verwijderen", nlohmann::json::object(),
                      outcome.error());
  req.session.reset();  // the delete removed it
  req.user.reset();
  req.clear_session_cookie = true;
  return app.render_page(req, "accounts/deleted", "Account verwijderd", nlohmann::json::object());
}

std::optional<web::Principal> load_principal(App& app, std::int64_t id) {
  UserStore store(app.db(), app.clock());
  auto user = store.find_by_id(id);
  if (!user || user->status != "active") return std::nullopt;
  web::Principal p{user->id,           user->display_name,
                   user->email,        user->role,
                   user->nis_code,     user->spoc_of,
                   user->totp_enabled, role_requires_totp(user->role) && !user->totp_enabled};
  // A SPOC's municipalities count only while they are members (memberships and
  // the clock): their writes raise the session epoch, and the principal is
  // cached only until the next membership of theirs starts or ends by date.
  const auto bound = store.spoc_date_bound(id, app.clock().now());
  p.cacheable = bound.known;
  p.cached_until = bound.until;
  return p;
}

}  // namespace

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables({
      {"users",
       "accounts",
       ArchiveTable::Mode::data,
       // A hash no password matches: the account needs a password reset.
       {{"password_hash", "!reset-required"}, {"totp_secret", ""}},
       {{"totp_enabled", 0}}},
      {"spoc_municipalities", "accounts"},
      {"account_tokens", "accounts", ArchiveTable::Mode::secret},
      {"recovery_codes", "accounts", ArchiveTable::Mode::secret},
  });
  app.set_principal_loader([&app](std::int64_t id) { return load_principal(app, id); });

  auto& r = app.router();
  // A handler of this file, bound to the app.
  const web::RouteOptions anyone{.access = web::Access::anyone()};
  const web::RouteOptions signed_in{.access = web::Access::signed_in()};
  // Sign-out and the second-factor setup stay open to a coordinator or admin who
  // has not set up their second factor yet; every other route sends them there.
  const web::RouteOptions before_second_factor{.access =
                                                   web::Access::anyone().before_second_factor()};
  const web::RouteOptions setting_up_second_factor{
      .access = web::Access::signed_in().before_second_factor()};

  // Sign in and out
  r.get("/aanmelden", app.bind(sign_in_form), anyone);
  r.post("/aanmelden", app.bind(sign_in), anyone);
  r.get("/aanmelden/tweede-stap", app.bind(second_factor_form), anyone);
  r.post("/aanmelden/tweede-stap", app.bind(second_factor), anyone);
  r.post("/afmelden", app.bind(sign_out), before_second_factor);
  r.get("/aanmelden/link", app.bind(link_request_form), anyone);
  r.post("/aanmelden/link", app.bind(request_link), anyone);
  r.get("/aanmelden/link/gebruiken", app.bind(link_use_form), anyone);
  r.post("/aanmelden/link/gebruiken", app.bind(use_link), anyone);

  // Sign up and confirm
  r.get("/registreren", app.bind(sign_up_form), anyone);
  r.post("/registreren", app.bind(sign_up), anyone);
  r.get("/bevestigen", app.bind(confirm_form), anyone);
  r.post("/bevestigen", app.bind(confirm), anyone);

  // Password reset
  r.get("/wachtwoord-vergeten", app.bind(forgot_form), anyone);
  r.post("/wachtwoord-vergeten", app.bind(request_reset), anyone);
  r.get("/wachtwoord-herstellen", app.bind(reset_form), anyone);
  r.post("/wachtwoord-herstellen", app.bind(reset_password), anyone);

  // Profile
  r.get("/profiel", app.bind(show_profile), signed_in);
  r.post("/profiel", app.bind(update_profile), signed_in);
  r.post("/profiel/wachtwoord", app.bind(change_password), signed_in);
  r.post("/profiel/e-mail", app.bind(request_email_change), signed_in);
  r.get("/profiel/e-mail/bevestigen", app.bind(email_confirm_form), anyone);
  r.post("/profiel/e-mail/bevestigen", app.bind(confirm_email_change), anyone);
  r.get("/profiel/sessies", app.bind(list_sessions), signed_in);
  r.post("/profiel/sessies/{id}/beeindigen", app.bind(end_one_session), signed_in);
  r.get("/profiel/tweestapsverificatie", app.bind(show_totp), setting_up_second_factor);
  r.post("/profiel/tweestapsverificatie", app.bind(confirm_totp), setting_up_second_factor);
  r.post("/profiel/tweestapsverificatie/opnieuw", app.bind(restart_totp), signed_in);
  r.post("/profiel/tweestapsverificatie/uitschakelen", app.bind(disable_totp), signed_in);
  r.get("/profiel/verwijderen", app.bind(delete_form), signed_in);
  r.post("/profiel/verwijderen", app.bind(delete_account), signed_in);

  app.add_demo_loader(DemoLoader{"accounts", 30, load_demo, &UserStore::delete_demo});
  // Retention: one-time tokens go a day after they expired.
  app.jobs().add(jobs::Job{"accounts.tokens.purge", 3600, 600, [&app] {
                             app.db().transact([&](soci::session& sql) {
                               UserStore::purge_expired_tokens(sql, app.clock().now() - 86400);
                             });
                           }});
}

}  // namespace schakel::accounts
