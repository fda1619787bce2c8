// The page of one training series (/vorming/{slug}) with its registration form.
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

nlohmann::json registration_form_model(App& app, const web::Request& req, const Loaded& l,
                                       const std::vector<Question>& questions,
                                       const web::Form* form, const Error* error) {
  auto value = [&](const std::string& name, const std::string& fallback) {
    return form ? form->get(name) : fallback;
  };
  nlohmann::json question_fields = nlohmann::json::array();
  for (const auto& q : questions)
    question_fields.push_back({{"name", "q_" + std::to_string(q.id)},
                               {"label", q.label},
                               {"value", value("q_" + std::to_string(q.id), "")}});
  nlohmann::json session_choices = nlohmann::json::array();
  const std::int64_t now = app.clock().now();
  const std::vector<std::string> chosen =
      form ? form->get_all("session") : std::vector<std::string>{};
  app.db().run([&](soci::session& sql) {
    for (const auto& s : l.sessions) {
      if (s.status != "planned" || s.starts_at <= now) continue;
      const Unit unit{l.series.id, s.id};
      session_choices.push_back(
          {{"value", std::to_string(s.id)},
           {"label", format_weekday_date_nl(s.starts_at) + ", " + format_time_nl(s.starts_at) +
                         " – " + label_of(modules(), s.module) + " (" +
                         label_of(formats(), s.format) + ")"},
           {"places", places_text(sql, unit)},
           {"checked",
            std::find(chosen.begin(), chosen.end(), std::to_string(s.id)) != chosen.end()}});
    }
  });
  std::vector<int> confidence;
  if (form)
    if (auto parsed = parse_confidence(*form); parsed) confidence = parsed.value();
  std::string nis = value("nis_code", req.user ? req.user->nis_code : "");
  return {{"guest", !req.user.has_value()},
          {"name", value("name", req.user ? req.user->name : "")},
          {"email", value("email", req.user ? req.user->email : "")},
          {"municipalities", municipality_choices(app, nis)},
          {"sectors", sector_choices(value("sector", ""))},
          {"per_session", l.series.registration_unit == "session"},
          {"session_choices", session_choices},
          {"questions", question_fields},
          {"has_questions", !question_fields.empty()},
          {"action", "/vorming/" + l.series.slug + "/inschrijven"},
          {"confidence_fields", render_confidence_fields(app, confidence, error)}};
}

// The sessions in two groups, upcoming and past: a session is past once it began.
nlohmann::json session_groups_model(const std::vector<Session>& sessions, bool show_link,
                                    std::int64_t now) {
  nlohmann::json upcoming_sessions = nlohmann::json::array(),
                 past_sessions = nlohmann::json::array();
  for (const auto& x : sessions)
    (x.starts_at > now ? upcoming_sessions : past_sessions)
        .push_back(session_row(x, show_link, now));
  nlohmann::json session_groups = nlohmann::json::array();
  if (!upcoming_sessions.empty())
    session_groups.push_back({{"id", "komend"},
                              {"heading", "Komende sessies"},
                              {"caption", "De sessies die nog komen"},
                              {"sessions", upcoming_sessions}});
  if (!past_sessions.empty())
    session_groups.push_back({{"id", "voorbij"},
                              {"heading", "Voorbije sessies"},
                              {"caption", "De sessies die al begonnen of voorbij zijn"},
                              {"sessions", past_sessions}});
  return session_groups;
}

// The visitor's active registrations for the series, each with its manage link.
nlohmann::json registrations_model(App& app, const std::vector<Registration>& mine,
                                   const std::vector<Session>& sessions) {
  Mailer mailer(app);
  nlohmann::json registrations = nlohmann::json::array();
  for (const auto& r : mine) {
    if (!r.active()) continue;
    std::string unit_label = "de hele reeks";
    for (const auto& x : sessions)
      if (r.unit.session_id == x.id) unit_label = format_weekday_date_nl(x.starts_at);
    registrations.push_back({{"state", state_label(r)},
                             {"unit", unit_label},
                             {"manage", mailer.manage_path(r.id)},
                             {"offered", r.state == "offered"}});
  }
  return registrations;
}

}  // namespace

// The series page. A guest sees the registration form only on its own page
// (`guest_form`): the form needs a session for its CSRF token, and the series
// page itself stays cookie-free and cacheable for anonymous visitors.
web::Response series_page(App& app, web::Request& req, const Error* error, int status,
                          bool guest_form) {
  auto loaded = load_visible(app, req);
  if (!loaded) return app.error_page(&req, 404);
  if (guest_form || error) app.ensure_session(req);
  const Series& s = loaded->series;
  const std::int64_t now = app.clock().now();
  const bool manager = may_manage(req.user, s);
  std::vector<Question> questions;
  std::vector<Registration> mine;
  std::string places;
  app.db().run([&](soci::session& sql) {
    questions = TrainingStore::questions_of(sql, s.id);
    if (req.user)
      for (const auto& r : TrainingStore::of_person(sql, req.user->id, req.user->email))
        if (r.unit.series_id == s.id && (r.active() || r.state == "cancelled")) mine.push_back(r);
    if (s.registration_unit == "series") places = places_text(sql, Unit{s.id, std::nullopt});
  });
  const bool holds_place = std::any_of(
      mine.begin(), mine.end(), [](const Registration& r) { return r.state == "registered"; });
  const auto session_groups = session_groups_model(loaded->sessions, holds_place || manager, now);
  const bool has_past = std::any_of(loaded->sessions.begin(), loaded->sessions.end(),
                                    [&](const Session& x) { return x.starts_at <= now; });
  const auto terms = catalog::terms(app.db(), "theme");
  nlohmann::json themes = nlohmann::json::array();
  for (const auto& t : s.themes) themes.push_back(theme_label(terms, t));
  const nlohmann::json registrations = registrations_model(app, mine, loaded->sessions);
  const bool active =
      std::any_of(mine.begin(), mine.end(), [](const Registration& r) { return r.active(); });
  const std::string closed_reason = RegistrationService::closed_reason(s, loaded->sessions, now);
  // Free places mean nothing once registration closed.
  if (!closed_reason.empty()) places.clear();
  const bool late =
      closed_reason.empty() && has_past && s.late_join && s.registration_unit == "series";
  const bool open = closed_reason.empty() && (!active || s.registration_unit == "session");
  nlohmann::json model = {
      {"series",
       {{"slug", s.slug},
        {"title", s.title},
        {"description_html", view::render_markdown(s.description)},
        {"audience", s.audience},
        {"organiser", s.organiser},
        {"region", s.region},
        {"contact", s.contact},
        {"themes", themes},
        {"has_themes", !themes.empty()},
        {"is_draft", s.status == "draft"},
        {"is_cancelled", s.status == "cancelled"},
        {"is_demo", s.is_demo},
        {"per_session", s.registration_unit == "session"},
        {"deadline", s.registration_deadline ? format_date_nl(*s.registration_deadline - 1) : ""},
        {"places", places}}},
      {"session_groups", session_groups},
      {"has_sessions", !session_groups.empty()},
      {"late_join_note", late},
      {"registrations", registrations},
      {"has_registrations", !registrations.empty()},
      {"open", open},
      {"show_form", open && (req.user || guest_form || error)},
      {"guest_link", open && !req.user && !guest_form && !error},
      {"closed_reason", closed_reason},
      {"manager", manager},
      {"form",
       registration_form_model(app, req, *loaded, questions, error ? &req.form : nullptr, error)},
      {"feed", "/vorming/" + s.slug + "/agenda.ics"},
      {"public_feed", has_public_feed(s)}};
  if (error) model.update(App::form_errors(*error));
  auto res = app.render_page(req, "trainings/series", s.title, model, status);
  res.cache_until = next_change(s, loaded->sessions, now);
  return res;
}

namespace {

web::Response series_page_get(App& app, web::Request& req) { return series_page(app, req); }

// A guest's registration form on a page of its own (the series page stays cookie-free).
web::Response guest_form_get(App& app, web::Request& req) {
  return series_page(app, req, nullptr, 200, true);
}

}  // namespace

void install_series_page(App& app) {
  // Visibility of the series is an object rule: series_page answers 404.
  app.page("/vorming/{slug}", app.bind(series_page_get), {.cache_for_anonymous = true});
  app.router().get("/vorming/{slug}/inschrijven", app.bind(guest_form_get));
}

}  // namespace schakel::trainings::pages
