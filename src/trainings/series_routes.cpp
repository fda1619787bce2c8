// HTTP handlers of the training series: the calendar, series pages, the forms
// of organisers, registration (signed in or as a guest with a confirmation
// link), the participant's own page and the organiser's list with the waitlist.
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
#include "trainings/series_service.hpp"
#include "trainings/store.hpp"
#include "view/markdown.hpp"
#include "web/visibility.hpp"

namespace schakel::trainings {

namespace {

// The answer to a guest's confirmation link that is unknown, used or expired.
constexpr const char* link_gone =
    "Deze link werkt niet meer. Hij is al gebruikt of ouder dan 48 uur. Schrijf je opnieuw in "
    "op de pagina van de vorming.";

// Municipality names by NIS code: reference data, read once per process.
const std::map<std::string, std::string>& municipality_names(store::Database& db) {
  return reference::municipality_names(db);
}

std::string municipality_name(App& app, const std::string& nis) {
  const auto& names = municipality_names(app.db());
  auto it = names.find(nis);
  return it == names.end() ? nis : it->second;
}

nlohmann::json choice_list(const std::vector<Choice>& list, const std::string& selected,
                           const std::string& empty_label = {}) {
  nlohmann::json out = nlohmann::json::array();
  if (!empty_label.empty())
    out.push_back({{"value", ""}, {"label", empty_label}, {"selected", selected.empty()}});
  for (const auto& c : list)
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

nlohmann::json municipality_choices(App& app, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""},
                 {"label", "Kies je gemeente (niet verplicht)"},
                 {"selected", selected.empty()}});
  std::vector<std::pair<std::string, std::string>> by_name;
  for (const auto& [nis, name] : municipality_names(app.db())) by_name.emplace_back(name, nis);
  std::sort(by_name.begin(), by_name.end());
  for (const auto& [name, nis] : by_name)
    out.push_back({{"value", nis}, {"label", name}, {"selected", nis == selected}});
  return out;
}

nlohmann::json sector_choices(const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""},
                 {"label", "Kies je sector (niet verplicht)"},
                 {"selected", selected.empty()}});
  for (const auto& c : accounts::sectors())
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

std::string theme_label(const std::vector<catalog::Term>& terms, const std::string& slug) {
  for (const auto& t : terms)
    if (t.slug == slug) return t.label;
  return slug;
}

// What a session shows: the online link only to people holding a place.
nlohmann::json session_row(const Session& s, bool show_link, std::int64_t now) {
  return {{"id", s.id},
          {"title", s.title},
          {"date", format_weekday_date_nl(s.starts_at)},
          {"time", format_time_nl(s.starts_at) + "–" + format_time_nl(s.ends_at)},
          {"module", label_of(modules(), s.module)},
          {"format", label_of(formats(), s.format)},
          {"in_person", s.format == "in_person"},
          {"address", s.address},
          {"room", s.room},
          {"online_url", show_link ? s.online_url : ""},
          {"trainers", s.trainers},
          {"capacity", s.capacity},
          {"cancelled", s.status == "cancelled"},
          {"past", s.ends_at <= now}};
}

// "Nog 3 plaatsen", "Volzet: je komt op de wachtlijst" for a unit.
std::string places_text(soci::session& sql, const Unit& unit) {
  const int capacity = TrainingStore::capacity(sql, unit);
  const int taken = TrainingStore::holding(sql, unit);
  const bool queue = TrainingStore::first_waitlisted(sql, unit).has_value();
  if (capacity == 0) return "Geen plaatsen";
  if (taken >= capacity || queue) return "Volzet: je komt op de wachtlijst";
  const int left = capacity - taken;
  return left == 1 ? "Nog 1 plaats" : "Nog " + std::to_string(left) + " plaatsen";
}

std::string state_label(const Registration& r) {
  if (r.state == "registered") return "Ingeschreven";
  if (r.state == "waitlisted") return "Op de wachtlijst";
  if (r.state == "offered")
    return "Plaats vrij: aanvaard vóór " + format_weekday_date_nl(r.offer_expires_at.value_or(0)) +
           " " + format_time_nl(r.offer_expires_at.value_or(0));
  if (r.state == "cancelled") return "Geannuleerd";
  if (r.state == "expired") return "Aanbod verlopen";
  return r.state;
}

struct Loaded {
  Series series;
  std::vector<Session> sessions;
};

// The series of the path's {slug} as `req`'s user may see it, or nullopt (404).
std::optional<Loaded> load_visible(App& app, const web::Request& req) {
  return app.db().run([&](soci::session& sql) -> std::optional<Loaded> {
    auto s = TrainingStore::find_series_by_slug(sql, req.param("slug"));
    if (!s || !may_view(req.user, *s)) return std::nullopt;
    return Loaded{*s, TrainingStore::sessions_of(sql, s->id)};
  });
}

// The first moment after `now` at which a page about `series` reads differently
// by the clock alone: a session starts or ends, or the registration deadline
// passes. nullopt when no such moment is left.
std::optional<std::int64_t> next_change(const Series& series, const std::vector<Session>& sessions,
                                        std::int64_t now) {
  std::optional<std::int64_t> next;
  auto consider = [&](std::int64_t t) {
    if (t > now && (!next || t < *next)) next = t;
  };
  for (const auto& x : sessions) {
    consider(x.starts_at);
    consider(x.ends_at);
  }
  if (series.registration_deadline) consider(*series.registration_deadline + 1);
  return next;
}

// ---------------------------------------------------------------- calendar

struct CalendarFilter {
  std::string theme, format, region, month;
};

web::Response calendar_page(App& app, web::Request& req) {
  const std::int64_t now = app.clock().now();
  CalendarFilter f{req.query_params.get("thema"), req.query_params.get("vorm"),
                   req.query_params.get("regio"), req.query_params.get("maand")};
  const auto themes = catalog::terms(app.db(), "theme");
  nlohmann::json cards = nlohmann::json::array();
  std::set<std::string> regions, months;
  bool filter_error = false;
  std::optional<std::int64_t> until;  // when a card may read differently
  if (!f.format.empty() && label_of(formats(), f.format) == f.format) filter_error = true;
  if (!f.month.empty() && month_label_nl(f.month).empty()) filter_error = true;
  app.db().run([&](soci::session& sql) {
    std::vector<std::pair<std::int64_t, nlohmann::json>> found;
    for (const auto& s : TrainingStore::all_series(sql)) {
      if (s.status != "published" || !may_view(req.user, s)) continue;
      const auto sessions = TrainingStore::sessions_of(sql, s.id);
      if (auto t = next_change(s, sessions, now); t && (!until || *t < *until)) until = t;
      std::vector<Session> upcoming;
      for (const auto& x : sessions)
        if (x.ends_at > now && x.status == "planned") upcoming.push_back(x);
      if (upcoming.empty()) continue;
      if (!s.region.empty()) regions.insert(s.region);
      for (const auto& x : upcoming) months.insert(format_month_key(x.starts_at));
      if (!f.theme.empty() &&
          std::find(s.themes.begin(), s.themes.end(), f.theme) == s.themes.end())
        continue;
      if (!f.region.empty() && s.region != f.region) continue;
      if (!f.format.empty() && std::none_of(upcoming.begin(), upcoming.end(),
                                            [&](auto& x) { return x.format == f.format; }))
        continue;
      if (!f.month.empty() && std::none_of(upcoming.begin(), upcoming.end(), [&](auto& x) {
            return format_month_key(x.starts_at) == f.month;
          }))
        continue;
      std::set<std::string> format_labels, module_labels;
      for (const auto& x : upcoming) {
        format_labels.insert(label_of(formats(), x.format));
        module_labels.insert(label_of(modules(), x.module));
      }
      nlohmann::json theme_names = nlohmann::json::array();
      for (const auto& t : s.themes) theme_names.push_back(theme_label(themes, t));
      const Unit unit{s.id, std::nullopt};
      const std::string closed = RegistrationService::closed_reason(s, sessions, now);
      std::string places = !closed.empty()                   ? "Inschrijvingen afgesloten"
                           : s.registration_unit == "series" ? places_text(sql, unit)
                                                             : "Inschrijven per sessie";
      auto joined = [](const std::set<std::string>& set) {
        std::string out;
        for (const auto& v : set) out += (out.empty() ? "" : ", ") + v;
        return out;
      };
      found.emplace_back(
          upcoming.front().starts_at,
          nlohmann::json{{"slug", s.slug},
                         {"title", s.title},
                         {"organiser", s.organiser},
                         {"region", s.region},
                         {"next", format_weekday_date_nl(upcoming.front().starts_at)},
                         {"sessions", upcoming.size()},
                         {"formats", joined(format_labels)},
                         {"modules", joined(module_labels)},
                         {"themes", theme_names},
                         {"has_themes", !theme_names.empty()},
                         {"places", places}});
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [_, card] : found) cards.push_back(std::move(card));
  });
  nlohmann::json theme_choices = nlohmann::json::array();
  theme_choices.push_back(
      {{"value", ""}, {"label", "Alle thema's"}, {"selected", f.theme.empty()}});
  for (const auto& t : themes)
    theme_choices.push_back(
        {{"value", t.slug}, {"label", t.label}, {"selected", t.slug == f.theme}});
  nlohmann::json region_choices = nlohmann::json::array();
  region_choices.push_back(
      {{"value", ""}, {"label", "Alle regio's"}, {"selected", f.region.empty()}});
  for (const auto& r : regions)
    region_choices.push_back({{"value", r}, {"label", r}, {"selected", r == f.region}});
  nlohmann::json month_choices = nlohmann::json::array();
  month_choices.push_back(
      {{"value", ""}, {"label", "Alle maanden"}, {"selected", f.month.empty()}});
  for (const auto& m : months)
    month_choices.push_back(
        {{"value", m}, {"label", month_label_nl(m)}, {"selected", m == f.month}});
  const bool filtered =
      !f.theme.empty() || !f.format.empty() || !f.region.empty() || !f.month.empty();
  nlohmann::json model = {{"series", cards},
                          {"count", cards.size()},
                          {"has_series", !cards.empty()},
                          {"filtered", filtered},
                          {"themes", theme_choices},
                          {"formats", choice_list(formats(), f.format, "Alle vormen")},
                          {"regions", region_choices},
                          {"months", month_choices},
                          {"can_create", may_create_any(req.user)},
                          {"can_report", req.user && (req.user->role == Role::coordinator ||
                                                      req.user->role == Role::spoc)},
                          {"is_coordinator", may_view_network_reports(req.user)},
                          {"signed_in", req.user.has_value()},
                          {"feeds", nlohmann::json::array()}};
  if (filter_error) {
    model["filter_error"] = "Kies een filter uit de lijst.";
    return app.render_page(req, "trainings/calendar", "Vormingen", model, 400);
  }
  auto res = app.render_page(req, "trainings/calendar", "Vormingen", model);
  res.cache_until = until;
  return res;
}

// ------------------------------------------------------------- series page

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

// The series page. A guest sees the registration form only on its own page
// (`guest_form`): the form needs a session for its CSRF token, and the series
// page itself stays cookie-free and cacheable for anonymous visitors.
web::Response series_page(App& app, web::Request& req, const Error* error = nullptr,
                          int status = 200, bool guest_form = false) {
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
  // Upcoming and past sessions apart: a session is past once it began.
  nlohmann::json upcoming_sessions = nlohmann::json::array(),
                 past_sessions = nlohmann::json::array();
  for (const auto& x : loaded->sessions)
    (x.starts_at > now ? upcoming_sessions : past_sessions)
        .push_back(session_row(x, holds_place || manager, now));
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
  const auto terms = catalog::terms(app.db(), "theme");
  nlohmann::json themes = nlohmann::json::array();
  for (const auto& t : s.themes) themes.push_back(theme_label(terms, t));
  Mailer mailer(app);
  nlohmann::json registrations = nlohmann::json::array();
  bool active = false;
  for (const auto& r : mine) {
    if (r.active()) active = true;
    if (!r.active()) continue;
    std::string unit_label = "de hele reeks";
    for (const auto& x : loaded->sessions)
      if (r.unit.session_id == x.id) unit_label = format_weekday_date_nl(x.starts_at);
    registrations.push_back({{"state", state_label(r)},
                             {"unit", unit_label},
                             {"manage", mailer.manage_path(r.id)},
                             {"offered", r.state == "offered"}});
  }
  const std::string closed_reason = RegistrationService::closed_reason(s, loaded->sessions, now);
  // Free places mean nothing once registration closed.
  if (!closed_reason.empty()) places.clear();
  const bool late = closed_reason.empty() && !past_sessions.empty() && s.late_join &&
                    s.registration_unit == "series";
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

// The answers to the questions in `form`, checked: at most 1000 characters each.
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
    if (!done) {
      if (done.error().failure == Failure::invalid || done.error().failure == Failure::conflict)
        return series_page(app, req, &done.error(),
                           done.error().failure == Failure::conflict ? 409 : 422);
      return app.failure_page(req, done.error());
    }
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
  if (!requested) {
    const Failure failure = requested.error().failure;
    if (failure == Failure::invalid) return series_page(app, req, &requested.error(), 422);
    if (failure == Failure::busy) return series_page(app, req, &requested.error(), 429);
    return app.failure_page(req, requested.error());
  }
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
  if (!*registered) {
    const Error& error = registered->error();
    if (error.failure == Failure::conflict)
      return app.error_page(&req, 409, error.fields.front().message);
    if (error.failure == Failure::invalid)
      return app.error_page(&req, 422, error.fields.front().message);
    return app.failure_page(req, error);
  }
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

web::Response manage_get(App& app, web::Request& req, const Error* error = nullptr) {
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
  return app.render_page(req, "trainings/manage", "Mijn inschrijving", model, error ? 422 : 200);
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
  if (!done) {
    if (done.error().failure == Failure::invalid) return manage_get(app, req, &done.error());
    return app.failure_page(req, done.error());
  }
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
  if (!req.user) return app.sign_in_first(req);
  Mailer mailer(app);
  const std::int64_t now = app.clock().now();
  nlohmann::json current = nlohmann::json::array(), past = nlohmann::json::array();
  std::vector<std::int64_t> eligible_ids;
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
  // Certificates: a link for every registration that earned one.
  CertificateService certificates(app.db(), app.clock());
  for (auto* list : {&current, &past})
    for (auto& item : *list) {
      const std::int64_t id = item["id"].get<std::int64_t>();
      if (std::find(eligible_ids.begin(), eligible_ids.end(), id) == eligible_ids.end()) continue;
      auto e = certificates.eligibility(id);
      if (e && e.value().eligible)
        item["certificate"] = "/vorming/" + item["slug"].get<std::string>() +
                              "/attest?inschrijving=" + std::to_string(id);
    }
  return app.render_page(req, "trainings/my", "Mijn vormingen",
                         {{"current", current},
                          {"past", past},
                          {"has_current", !current.empty()},
                          {"has_past", !past.empty()}});
}

// ------------------------------------------------------------ organiser forms

SeriesInput series_input(const web::Form& f) {
  SeriesInput in;
  in.title = f.get("title");
  in.description = f.get("description");
  in.audience = f.get("audience");
  in.organiser = f.get("organiser");
  in.owner_nis_code = f.get("owner_nis_code");
  in.region = f.get("region");
  in.contact = f.get("contact");
  in.visibility = f.get("visibility");
  in.registration_unit = f.get("registration_unit");
  in.deadline = f.get("deadline");
  in.hold_hours = f.get("hold_hours");
  in.status = f.get("status");
  in.certificate_rule = f.get("certificate_rule");
  in.certificate_min_sessions = f.get("certificate_min_sessions");
  in.evaluation_unit = f.get("evaluation_unit");
  in.late_join = f.get("late_join");
  in.questions = f.get("questions");
  in.themes = f.get_all("themes");
  return in;
}

nlohmann::json series_form_model(App& app, const web::Request& req, const SeriesInput& in,
                                 const std::string& action, bool is_new) {
  nlohmann::json themes = nlohmann::json::array();
  for (const auto& t : catalog::terms(app.db(), "theme"))
    themes.push_back(
        {{"value", t.slug},
         {"label", t.label},
         {"checked", std::find(in.themes.begin(), in.themes.end(), t.slug) != in.themes.end()}});
  nlohmann::json owners = nlohmann::json::array();
  if (req.user && req.user->role == Role::coordinator)
    owners.push_back({{"value", ""},
                      {"label", "Geen gemeente (het netwerk of een partner)"},
                      {"selected", in.owner_nis_code.empty()}});
  std::vector<std::string> codes = req.user ? req.user->spoc_of : std::vector<std::string>{};
  if (!in.owner_nis_code.empty() &&
      std::find(codes.begin(), codes.end(), in.owner_nis_code) == codes.end())
    codes.push_back(in.owner_nis_code);
  for (const auto& nis : codes)
    owners.push_back({{"value", nis},
                      {"label", municipality_name(app, nis)},
                      {"selected", nis == in.owner_nis_code}});
  nlohmann::json visibilities = nlohmann::json::array();
  for (auto level :
       {web::Visibility::public_, web::Visibility::professionals, web::Visibility::network})
    visibilities.push_back({{"value", web::to_string(level)},
                            {"label", web::visibility_label(level)},
                            {"selected", in.visibility == web::to_string(level)}});
  const std::vector<Choice> statuses = {{"draft", "Ontwerp (nog niet zichtbaar)"},
                                        {"published", "Gepubliceerd"},
                                        {"cancelled", "Geannuleerd"}};
  std::vector<Choice> status_list = statuses;
  if (is_new) status_list.pop_back();
  return {{"action", action},
          {"is_new", is_new},
          {"values",
           {{"title", in.title},
            {"description", in.description},
            {"audience", in.audience},
            {"organiser", in.organiser},
            {"region", in.region},
            {"contact", in.contact},
            {"deadline", in.deadline},
            {"hold_hours", in.hold_hours},
            {"late_join", in.late_join == "1"},
            {"certificate_min_sessions", in.certificate_min_sessions},
            {"questions", in.questions}}},
          {"themes", themes},
          {"owners", owners},
          {"visibilities", visibilities},
          {"statuses", choice_list(status_list, in.status)},
          {"units", choice_list({{"series", "Voor de hele reeks"}, {"session", "Per sessie"}},
                                in.registration_unit)},
          {"certificate_rules",
           choice_list({{"all", "Alle sessies gevolgd"}, {"min", "Een minimum aantal sessies"}},
                       in.certificate_rule)},
          {"evaluation_units",
           choice_list({{"series", "Na de laatste sessie"}, {"session", "Na elke sessie"}},
                       in.evaluation_unit)},
          {"errors", nlohmann::json::object()}};
}

SessionInput session_input(const web::Form& f) {
  SessionInput in;
  in.title = f.get("title");
  in.module = f.get("module");
  in.format = f.get("format");
  in.address = f.get("address");
  in.room = f.get("room");
  in.online_url = f.get("online_url");
  in.date = f.get("date");
  in.start = f.get("start");
  in.end = f.get("end");
  in.capacity = f.get("capacity");
  in.trainers = f.get("trainers");
  in.status = f.has("status") ? f.get("status") : "planned";
  return in;
}

nlohmann::json session_form_model(const Series& series, const SessionInput& in,
                                  const std::string& action, bool is_new) {
  return {
      {"action", action},
      {"is_new", is_new},
      {"series_title", series.title},
      {"slug", series.slug},
      {"values",
       {{"title", in.title},
        {"address", in.address},
        {"room", in.room},
        {"online_url", in.online_url},
        {"date", in.date},
        {"start", in.start},
        {"end", in.end},
        {"capacity", in.capacity},
        {"trainers", in.trainers}}},
      {"modules", choice_list(modules(), in.module)},
      {"formats", choice_list(formats(), in.format)},
      {"statuses", choice_list({{"planned", "Gepland"}, {"cancelled", "Geannuleerd"}}, in.status)},
      {"errors", nlohmann::json::object()}};
}

// The series of {slug} for its organiser; sets `denied` when it exists but the
// user may not manage it.
std::optional<Loaded> load_managed(App& app, web::Request& req,
                                   std::optional<web::Response>& denied) {
  auto loaded = app.db().run([&](soci::session& sql) -> std::optional<Loaded> {
    auto s = TrainingStore::find_series_by_slug(sql, req.param("slug"));
    if (!s) return std::nullopt;
    return Loaded{*s, TrainingStore::sessions_of(sql, s->id)};
  });
  if (!loaded) {
    denied = app.error_page(&req, 404);
    return std::nullopt;
  }
  if (!req.user) {
    denied = app.sign_in_first(req);
    return std::nullopt;
  }
  if (!may_manage(req.user, loaded->series)) {
    denied =
        app.deny(req, "manage_training", "training_series:" + std::to_string(loaded->series.id));
    return std::nullopt;
  }
  return loaded;
}

web::Response participants_page(App& app, web::Request& req) {
  std::optional<web::Response> denied;
  auto loaded = load_managed(app, req, denied);
  if (!loaded) return *denied;
  const Series& s = loaded->series;
  std::vector<Registration> all;
  std::vector<Question> questions;
  std::vector<Answer> answers;
  app.db().run([&](soci::session& sql) {
    all = TrainingStore::of_series(sql, s.id);
    questions = TrainingStore::questions_of(sql, s.id);
    answers = TrainingStore::answers_of_series(sql, s.id);
  });
  RegistrationService service(app.db(), app.clock());
  // One group per unit: the series, or each session.
  std::vector<std::pair<std::optional<std::int64_t>, std::string>> units;
  if (s.registration_unit == "series")
    units.emplace_back(std::nullopt, "De hele reeks");
  else
    for (const auto& x : loaded->sessions)
      units.emplace_back(
          x.id, format_weekday_date_nl(x.starts_at) + " – " + label_of(modules(), x.module));
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& unit_entry : units) {
    // (Not a structured binding: clang 14 cannot capture one in a lambda.)
    const std::optional<std::int64_t> session_id = unit_entry.first;
    const std::string& label = unit_entry.second;
    nlohmann::json places = nlohmann::json::array(), queue = nlohmann::json::array(),
                   ended = nlohmann::json::array();
    int capacity = 0, holding = 0;
    app.db().run([&](soci::session& sql) {
      capacity = TrainingStore::capacity(sql, Unit{s.id, session_id});
      holding = TrainingStore::holding(sql, Unit{s.id, session_id});
    });
    for (const auto& r : all) {
      if (r.unit.session_id != session_id) continue;
      nlohmann::json answer_list = nlohmann::json::array();
      for (const auto& q : questions)
        for (const auto& a : answers)
          if (a.registration_id == r.id && a.question_id == q.id)
            answer_list.push_back({{"question", q.label}, {"answer", a.answer}});
      nlohmann::json row = {
          {"id", r.id},
          {"name", r.name},
          {"email", r.email},
          {"municipality", r.nis_code.empty() ? "" : municipality_name(app, r.nis_code)},
          {"state", state_label(r)},
          {"answers", answer_list},
          {"position", service.waitlist_position(r)},
          {"since", format_date_nl(r.created_at)}};
      if (r.state == "registered" || r.state == "offered")
        places.push_back(row);
      else if (r.state == "waitlisted")
        queue.push_back(row);
      else
        ended.push_back(row);
    }
    groups.push_back({{"label", label},
                      {"capacity", capacity},
                      {"holding", holding},
                      {"free", capacity > holding},
                      {"places", places},
                      {"queue", queue},
                      {"ended", ended},
                      {"has_places", !places.empty()},
                      {"has_queue", !queue.empty()},
                      {"has_ended", !ended.empty()}});
  }
  return app.render_page(req, "trainings/participants", "Deelnemers van " + s.title,
                         {{"title", s.title},
                          {"slug", s.slug},
                          {"groups", groups},
                          {"has_questions", !questions.empty()},
                          {"answers_deleted", s.answers_deleted_at.has_value()}});
}

}  // namespace

void install_series_routes(App& app) {
  auto& r = app.router();
  app.page(
      "/vorming", [&app](web::Request& req) { return calendar_page(app, req); },
      PageOptions{.cache_for_anonymous = true});
  app.page(
      "/vorming/{slug}", [&app](web::Request& req) { return series_page(app, req); },
      PageOptions{.cache_for_anonymous = true});
  r.get("/vorming/{slug}/inschrijven",
        [&app](web::Request& req) { return series_page(app, req, nullptr, 200, true); });
  r.post("/vorming/{slug}/inschrijven",
         [&app](web::Request& req) { return register_post(app, req); });
  r.get("/vorming/bevestigen", [&app](web::Request& req) { return confirm_get(app, req); });
  r.post("/vorming/bevestigen", [&app](web::Request& req) { return confirm_post(app, req); });
  r.get("/vorming/inschrijving", [&app](web::Request& req) { return manage_get(app, req); });
  r.post("/vorming/inschrijving/naam", [&app](web::Request& req) { return name_post(app, req); });
  r.get("/vorming/inschrijving/annuleren",
        [&app](web::Request& req) { return cancel_get(app, req); });
  r.post("/vorming/inschrijving/annuleren",
         [&app](web::Request& req) { return manage_post(app, req, false); });
  r.post("/vorming/inschrijving/aanvaarden",
         [&app](web::Request& req) { return manage_post(app, req, true); });
  r.get("/vorming/mijn", [&app](web::Request& req) { return my_page(app, req); });

  r.get("/vorming/nieuw", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may_create_any(req.user)) return app.deny(req, "create_training", "trainings");
    SeriesInput blank;
    if (!req.user->spoc_of.empty() && req.user->role != Role::coordinator)
      blank.owner_nis_code = req.user->spoc_of.front();
    return app.render_page(req, "trainings/series_form", "Nieuwe vormingsreeks",
                           series_form_model(app, req, blank, "/vorming/nieuw", true));
  });
  r.post("/vorming/nieuw", [&app](web::Request& req) {
    if (!req.user) return app.sign_in_first(req);
    if (!may_create_any(req.user)) return app.deny(req, "create_training", "trainings");
    const SeriesInput in = series_input(req.form);
    auto created = SeriesService(app.db(), app.clock()).create(*req.user, in);
    if (!created) {
      if (created.error().failure != Failure::invalid)
        return app.failure_page(req, created.error());
      auto model = series_form_model(app, req, in, "/vorming/nieuw", true);
      model.update(App::form_errors(created.error()));
      return app.render_page(req, "trainings/series_form", "Nieuwe vormingsreeks", model, 422);
    }
    req.session->add_flash("success", "De reeks is bewaard. Voeg nu de sessies toe.");
    return web::Response::redirect("/vorming/" + created.value().slug);
  });
  r.get("/vorming/{slug}/bewerken", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    auto questions = app.db().run(
        [&](soci::session& sql) { return TrainingStore::questions_of(sql, l->series.id); });
    return app.render_page(req, "trainings/series_form", "Reeks bewerken",
                           series_form_model(app, req, input_of(l->series, questions),
                                             "/vorming/" + l->series.slug + "/bewerken", false));
  });
  r.post("/vorming/{slug}/bewerken", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    const SeriesInput in = series_input(req.form);
    Mailer mailer(app);
    auto updated =
        SeriesService(app.db(), app.clock(), mailer.notifier()).update(*req.user, l->series.id, in);
    if (!updated) {
      if (updated.error().failure != Failure::invalid)
        return app.failure_page(req, updated.error());
      auto model =
          series_form_model(app, req, in, "/vorming/" + l->series.slug + "/bewerken", false);
      model.update(App::form_errors(updated.error()));
      return app.render_page(req, "trainings/series_form", "Reeks bewerken", model, 422);
    }
    req.session->add_flash("success", "De reeks is bewaard.");
    return web::Response::redirect("/vorming/" + l->series.slug);
  });
  r.get("/vorming/{slug}/sessies/nieuw", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    return app.render_page(
        req, "trainings/session_form", "Nieuwe sessie",
        session_form_model(l->series, SessionInput{},
                           "/vorming/" + l->series.slug + "/sessies/nieuw", true));
  });
  r.post("/vorming/{slug}/sessies/nieuw", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    const SessionInput in = session_input(req.form);
    auto added = SeriesService(app.db(), app.clock()).add_session(*req.user, l->series.id, in);
    if (!added) {
      if (added.error().failure != Failure::invalid) return app.failure_page(req, added.error());
      auto model =
          session_form_model(l->series, in, "/vorming/" + l->series.slug + "/sessies/nieuw", true);
      model.update(App::form_errors(added.error()));
      return app.render_page(req, "trainings/session_form", "Nieuwe sessie", model, 422);
    }
    req.session->add_flash("success", "De sessie is toegevoegd.");
    return web::Response::redirect("/vorming/" + l->series.slug);
  });
  r.get("/vorming/{slug}/sessies/{id}/bewerken", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    auto id = parse_id(req.param("id"));
    for (const auto& x : l->sessions)
      if (id && x.id == *id)
        return app.render_page(
            req, "trainings/session_form", "Sessie bewerken",
            session_form_model(
                l->series, input_of(x),
                "/vorming/" + l->series.slug + "/sessies/" + req.param("id") + "/bewerken", false));
    return app.error_page(&req, 404);
  });
  r.post("/vorming/{slug}/sessies/{id}/bewerken", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    auto id = parse_id(req.param("id"));
    if (!id) return app.error_page(&req, 404);
    const SessionInput in = session_input(req.form);
    Mailer mailer(app);
    auto updated = SeriesService(app.db(), app.clock(), mailer.notifier())
                       .update_session(*req.user, l->series.id, *id, in);
    if (!updated) {
      if (updated.error().failure != Failure::invalid)
        return app.failure_page(req, updated.error());
      auto model = session_form_model(
          l->series, in, "/vorming/" + l->series.slug + "/sessies/" + req.param("id") + "/bewerken",
          false);
      model.update(App::form_errors(updated.error()));
      return app.render_page(req, "trainings/session_form", "Sessie bewerken", model, 422);
    }
    req.session->add_flash("success",
                           updated.value().status == "cancelled"
                               ? "De sessie is geannuleerd. De deelnemers krijgen een mail."
                               : "De sessie is bewaard.");
    return web::Response::redirect("/vorming/" + l->series.slug);
  });
  r.get("/vorming/{slug}/deelnemers",
        [&app](web::Request& req) { return participants_page(app, req); });
  r.post("/vorming/{slug}/deelnemers/{id}/plaats-geven", [&app](web::Request& req) {
    std::optional<web::Response> denied;
    auto l = load_managed(app, req, denied);
    if (!l) return *denied;
    auto id = parse_id(req.param("id"));
    auto reg = id ? app.db().run([&](soci::session& sql) {
      return TrainingStore::find_registration(sql, *id);
    })
                  : std::nullopt;
    if (!reg || reg->unit.series_id != l->series.id) return app.error_page(&req, 404);
    Mailer mailer(app);
    auto done = RegistrationService(app.db(), app.clock(), mailer.notifier()).promote(reg->id);
    if (!done) return app.failure_page(req, done.error());
    req.session->add_flash("success",
                           done.value().name + " heeft nu een plaats en krijgt een mail.");
    return web::Response::redirect("/vorming/" + l->series.slug + "/deelnemers");
  });
}

}  // namespace schakel::trainings
