// The organiser's pages of a training series: the series and session forms and the
// list of participants with the waitlist.
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

// The form of a new series; a SPOC's own municipality comes preselected.
web::Response new_series_get(App& app, web::Request& req) {
  // Object rule beyond the role: a SPOC must speak for a municipality.
  if (!may_create_any(req.user)) return app.deny(req, "create_training", "trainings");
  SeriesInput blank;
  if (!req.user->spoc_of.empty() && req.user->role != Role::coordinator)
    blank.owner_nis_code = req.user->spoc_of.front();
  return app.render_page(req, "trainings/series_form", "Nieuwe vormingsreeks",
                         series_form_model(app, req, blank, "/vorming/nieuw", true));
}

web::Response new_series_post(App& app, web::Request& req) {
  if (!may_create_any(req.user)) return app.deny(req, "create_training", "trainings");
  const SeriesInput in = series_input(req.form);
  auto created = SeriesService(app.db(), app.clock()).create(*req.user, in);
  if (!created)
    return app.failure_page(req, created.error(), [&](int status) {
      auto model = series_form_model(app, req, in, "/vorming/nieuw", true);
      model.update(App::form_errors(created.error()));
      return app.render_page(req, "trainings/series_form", "Nieuwe vormingsreeks", model, status);
    });
  req.session->add_flash("success", "De reeks is bewaard. Voeg nu de sessies toe.");
  return web::Response::redirect("/vorming/" + created.value().slug);
}

web::Response edit_series_get(App& app, web::Request& req) {
  std::optional<web::Response> denied;
  auto l = load_managed(app, req, denied);
  if (!l) return *denied;
  auto questions = app.db().run(
      [&](soci::session& sql) { return TrainingStore::questions_of(sql, l->series.id); });
  return app.render_page(req, "trainings/series_form", "Reeks bewerken",
                         series_form_model(app, req, input_of(l->series, questions),
                                           "/vorming/" + l->series.slug + "/bewerken", false));
}

web::Response edit_series_post(App& app, web::Request& req) {
  std::optional<web::Response> denied;
  auto l = load_managed(app, req, denied);
  if (!l) return *denied;
  const SeriesInput in = series_input(req.form);
  Mailer mailer(app);
  auto updated =
      SeriesService(app.db(), app.clock(), mailer.notifier()).update(*req.user, l->series.id, in);
  if (!updated)
    return app.failure_page(req, updated.error(), [&](int status) {
      auto model =
          series_form_model(app, req, in, "/vorming/" + l->series.slug + "/bewerken", false);
      model.update(App::form_errors(updated.error()));
      return app.render_page(req, "trainings/series_form", "Reeks bewerken", model, status);
    });
  req.session->add_flash("success", "De reeks is bewaard.");
  return web::Response::redirect("/vorming/" + l->series.slug);
}

web::Response new_session_get(App& app, web::Request& req) {
  std::optional<web::Response> denied;
  auto l = load_managed(app, req, denied);
  if (!l) return *denied;
  return app.render_page(req, "trainings/session_form", "Nieuwe sessie",
                         session_form_model(l->series, SessionInput{},
                                            "/vorming/" + l->series.slug + "/sessies/nieuw", true));
}

web::Response new_session_post(App& app, web::Request& req) {
  std::optional<web::Response> denied;
  auto l = load_managed(app, req, denied);
  if (!l) return *denied;
  const SessionInput in = session_input(req.form);
  auto added = SeriesService(app.db(), app.clock()).add_session(*req.user, l->series.id, in);
  if (!added)
    return app.failure_page(req, added.error(), [&](int status) {
      auto model =
          session_form_model(l->series, in, "/vorming/" + l->series.slug + "/sessies/nieuw", true);
      model.update(App::form_errors(added.error()));
      return app.render_page(req, "trainings/session_form", "Nieuwe sessie", model, status);
    });
  req.session->add_flash("success", "De sessie is toegevoegd.");
  return web::Response::redirect("/vorming/" + l->series.slug);
}

web::Response edit_session_get(App& app, web::Request& req) {
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
}

web::Response edit_session_post(App& app, web::Request& req) {
  std::optional<web::Response> denied;
  auto l = load_managed(app, req, denied);
  if (!l) return *denied;
  auto id = parse_id(req.param("id"));
  if (!id) return app.error_page(&req, 404);
  const SessionInput in = session_input(req.form);
  Mailer mailer(app);
  auto updated = SeriesService(app.db(), app.clock(), mailer.notifier())
                     .update_session(*req.user, l->series.id, *id, in);
  if (!updated)
    return app.failure_page(req, updated.error(), [&](int status) {
      auto model = session_form_model(
          l->series, in, "/vorming/" + l->series.slug + "/sessies/" + req.param("id") + "/bewerken",
          false);
      model.update(App::form_errors(updated.error()));
      return app.render_page(req, "trainings/session_form", "Sessie bewerken", model, status);
    });
  req.session->add_flash("success",
                         updated.value().status == "cancelled"
                             ? "De sessie is geannuleerd. De deelnemers krijgen een mail."
                             : "De sessie is bewaard.");
  return web::Response::redirect("/vorming/" + l->series.slug);
}

// The organiser gives a waitlisted person of the series a place.
web::Response promote_post(App& app, web::Request& req) {
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
  req.session->add_flash("success", done.value().name + " heeft nu een plaats en krijgt een mail.");
  return web::Response::redirect("/vorming/" + l->series.slug + "/deelnemers");
}

}  // namespace

void install_organiser_routes(App& app) {
  using web::Access;
  auto& r = app.router();
  // Creating: coordinators and SPOCs (a SPOC of no municipality is refused in the handler).
  const Access creators = Access::only({Role::spoc, Role::coordinator});
  r.get("/vorming/nieuw", app.bind(new_series_get), {.access = creators});
  r.post("/vorming/nieuw", app.bind(new_series_post), {.access = creators});
  // The routes of one series declare no requirement: load_managed answers 404 for an
  // unknown series before asking to sign in, and the organiser is an object rule.
  r.get("/vorming/{slug}/bewerken", app.bind(edit_series_get));
  r.post("/vorming/{slug}/bewerken", app.bind(edit_series_post));
  r.get("/vorming/{slug}/sessies/nieuw", app.bind(new_session_get));
  r.post("/vorming/{slug}/sessies/nieuw", app.bind(new_session_post));
  r.get("/vorming/{slug}/sessies/{id}/bewerken", app.bind(edit_session_get));
  r.post("/vorming/{slug}/sessies/{id}/bewerken", app.bind(edit_session_post));
  r.get("/vorming/{slug}/deelnemers", app.bind(participants_page));
  r.post("/vorming/{slug}/deelnemers/{id}/plaats-geven", app.bind(promote_post));
}

}  // namespace schakel::trainings::pages
