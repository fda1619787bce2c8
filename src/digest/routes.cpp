// The pages of the digest feature: /profiel/meldingen (a person's choices) and
// /meldingen/uitschrijven (one-click unsubscribe from a mail, no sign-in). Thin: authorise,
// parse, call SettingsService, answer.
#include "digest/routes.hpp"

#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "core/client_key.hpp"
#include "digest/settings_service.hpp"

namespace schakel::digest {

namespace {

SettingsService service_of(App& app) { return SettingsService(app.db(), app.clock()); }

// The settings form for `prefs` (what the person has, or what they just sent),
// with the messages of `error` beside their fields.
web::Response settings_page(App& app, const web::Request& req, const Preferences& prefs,
                            const Error* error = nullptr, int status = 200) {
  const auto themes = catalog::terms(app.db(), "theme");
  nlohmann::json model =
      error ? App::form_errors(*error) : App::form_errors(Error{Failure::invalid, {}});
  const auto message = [&](const std::string& field) {
    return error ? error->message_for(field) : std::string();
  };
  nlohmann::json kinds = nlohmann::json::array();
  const Role role = prefs.role;
  for (Kind kind : digest_kinds()) {
    if (!kind_offered(kind, role)) continue;
    const Frequency whole = prefs.of(kind);
    nlohmann::json options = nlohmann::json::array();
    for (Frequency f : {Frequency::none, Frequency::daily, Frequency::weekly})
      options.push_back({{"value", std::string(frequency_name(f))},
                         {"label", std::string(frequency_label(f))},
                         {"checked", f == whole}});
    nlohmann::json theme_rows = nlohmann::json::array();
    int differing = 0;
    bool theme_error = false;
    if (kind_has_themes(kind))
      for (const auto& t : themes) {
        const std::string field = theme_field(kind, t.slug);
        std::string own;  // the theme's own row, "" when it follows the kind
        for (const auto& p : prefs.rows)
          if (p.kind == kind && p.theme == t.slug) own = std::string(frequency_name(p.frequency));
        if (!own.empty()) ++differing;
        nlohmann::json choices = nlohmann::json::array();
        choices.push_back({{"value", ""}, {"label", "Zoals hierboven"}, {"selected", own.empty()}});
        for (Frequency f : {Frequency::none, Frequency::daily, Frequency::weekly})
          choices.push_back({{"value", std::string(frequency_name(f))},
                             {"label", std::string(frequency_label(f))},
                             {"selected", own == frequency_name(f)}});
        const std::string error_text = message(field);
        theme_error = theme_error || !error_text.empty();
        theme_rows.push_back(
            {{"field", field}, {"label", t.label}, {"options", choices}, {"error", error_text}});
      }
    kinds.push_back(
        {{"field", kind_field(kind)},
         {"label", std::string(kind_label(kind))},
         {"options", options},
         {"error", message(kind_field(kind))},
         {"has_themes", !theme_rows.empty()},
         {"themes", theme_rows},
         // The renderer takes 0 for true: give false when no theme differs.
         {"differing", differing > 0 ? nlohmann::json(differing) : nlohmann::json(false)},
         {"open", differing > 0 || theme_error}});
  }
  model["kinds"] = kinds;
  model["newsletter"] = prefs.of(Kind::newsletter) != Frequency::none;
  model["newsletter_error"] = message("newsletter");
  return app.render_page(req, "digest/settings", "Mails van het platform", model, status);
}

web::Response settings_get(App& app, web::Request& req) {
  return settings_page(app, req, service_of(app).load(req.user->id, req.user->role));
}

web::Response settings_post(App& app, web::Request& req) {
  auto service = service_of(app);
  auto saved = service.save(req.user->id, req.user->role, req.form);
  if (!saved)
    return app.failure_page(req, saved.error(), [&](int status) {
      return settings_page(app, req, service.load(req.user->id, req.user->role), &saved.error(),
                           status);
    });
  req.session->add_flash("success", "Je keuzes zijn bewaard.");
  return web::Response::redirect("/profiel/meldingen");
}

// The Dutch names of what `target` turns off.
nlohmann::json kinds_of(const UnsubscribeTarget& target) {
  nlohmann::json out = nlohmann::json::array();
  if (!target.all_digests) {
    out.push_back(std::string(kind_label(target.kind)));
    return out;
  }
  for (Kind kind : digest_kinds()) out.push_back(std::string(kind_label(kind)));
  return out;
}

// The token of the link: in the query (the link and RFC 8058's POST to it) or
// in the form (the button of the page).
std::string token_of(const web::Request& req) {
  std::string token = req.query_params.get("token");
  if (token.empty()) token = req.form.get("token");
  return token;
}

web::Response unsubscribe_get(App& app, web::Request& req) {
  const std::string token = token_of(req);
  auto target = service_of(app).check(token);
  if (!target) return app.error_page(&req, 400, target.error().fields.front().message);
  return app.render_page(req, "digest/unsubscribe", "Afmelden",
                         {{"kinds", kinds_of(target.value())}, {"token", token}});
}

web::Response unsubscribe_post(App& app, web::Request& req) {
  auto done = service_of(app).unsubscribe(token_of(req), client_key(req.remote_ip));
  if (!done) {
    const int status = done.error().failure == Failure::busy ? 429 : 400;
    return app.error_page(&req, status, done.error().fields.front().message);
  }
  return app.render_page(req, "digest/unsubscribed", "Afgemeld",
                         {{"kinds", kinds_of(done.value())}});
}

}  // namespace

void install_routes(App& app) {
  using web::Access;
  auto& r = app.router();
  app.page("/profiel/meldingen", app.bind(settings_get), {.access = Access::signed_in()});
  r.post("/profiel/meldingen", app.bind(settings_post), {.access = Access::signed_in()});
  // The signed token in the link is the proof (a cross-site page cannot know
  // it), and a mail client's one-click POST (RFC 8058) carries no session or
  // CSRF token: so no CSRF check here. GET only shows the button.
  app.page(unsubscribe_route, app.bind(unsubscribe_get));
  r.post(unsubscribe_route, app.bind(unsubscribe_post), {.csrf_exempt = true});
}

}  // namespace schakel::digest
