// Attendance pages: the list of a session (organiser, or a trainer with a
// signed link), the QR code for check-in and the check-in itself, the reports
// and the exports of registrations and attendance. Thin handlers; the rules are
// in AttendanceService.
#include <algorithm>
#include <tuple>
#include <variant>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "core/client_key.hpp"
#include "core/signed_token.hpp"
#include "core/text.hpp"
#include "store/rate_limits.hpp"
#include "store/signing_key.hpp"
#include "trainings/attendance_service.hpp"
#include "trainings/permissions.hpp"
#include "trainings/routes.hpp"
#include "trainings/store.hpp"
#include "view/qr.hpp"
#include "web/access.hpp"
#include "web/form.hpp"

namespace schakel::trainings {

namespace {

constexpr std::int64_t trainer_link_days = 7;           // after the session's end
constexpr std::int64_t checkin_code_seconds = 20 * 60;  // one QR code
constexpr std::int64_t checkin_after_end = 3600;        // no check-in later than this
constexpr int qr_refresh_seconds = 240;                 // the QR page reloads itself
const store::RateRule failed_checkins_per_ip{30, 900};

std::string session_path(const Series& series, const Session& session) {
  return "/vorming/" + series.slug + "/sessies/" + std::to_string(session.id);
}

std::string when(const Session& s) {
  return format_date_nl(s.starts_at) + ", " + format_time_nl(s.starts_at) + "–" +
         format_time_nl(s.ends_at);
}

nlohmann::json session_model(const Series& series, const Session& session) {
  return {{"series_title", series.title},
          {"series_slug", series.slug},
          {"session_id", session.id},
          {"module", label_of(modules(), session.module)},
          {"title", session.title},
          {"when", when(session)},
          {"cancelled", session.status == "cancelled"},
          {"path", session_path(series, session)}};
}

// Who opens a session's attendance pages: its organiser, or a trainer with the
// signed link of that session.
struct ListAccess {
  Series series;
  Session session;
  bool organiser = false;
  std::string token;  // the trainer's link token, "" for the organiser
};

// Finds the series and session of the path and checks who asks; the response
// when the page is not theirs.
std::variant<ListAccess, web::Response> open_session(App& app, web::Request& req,
                                                     const std::string& token) {
  std::optional<Series> series;
  std::optional<Session> session;
  const auto id = parse_id(req.param("id"));
  app.db().run([&](soci::session& sql) {
    series = TrainingStore::find_series_by_slug(sql, req.param("slug"));
    if (series && id) session = TrainingStore::find_session(sql, *id);
  });
  if (!series || !session || session->series_id != series->id)
    return app.error_page(&req, 404, "Deze sessie bestaat niet.");
  if (may_manage(req.user, *series)) return ListAccess{*series, *session, true, ""};
  if (!token.empty()) {
    const auto subject =
        verify_token(store::signing_key(app.db()), "attendance", token, app.clock().now());
    if (subject && *subject == std::to_string(session->id))
      return ListAccess{*series, *session, false, token};
    return app.error_page(&req, 403,
                          "Deze link naar de aanwezigheidslijst is niet (meer) geldig. Vraag de "
                          "organisator om een nieuwe link.");
  }
  if (!req.user) return app.sign_in_first(req);
  return app.deny(req, "attendance", "training_session:" + std::to_string(session->id),
                  may_view(req.user, *series) ? 403 : 404);
}

// The series of the path for its organiser; the response for anyone else.
std::variant<Series, web::Response> open_series(App& app, web::Request& req,
                                                const std::string& action) {
  auto series = app.db().run([&](soci::session& sql) {
    return TrainingStore::find_series_by_slug(sql, req.param("slug"));
  });
  if (!series) return app.error_page(&req, 404, "Deze reeks bestaat niet.");
  if (may_manage(req.user, *series)) return *series;
  if (!req.user) return app.sign_in_first(req);
  return app.deny(req, action, "training_series:" + std::to_string(series->id),
                  may_view(req.user, *series) ? 403 : 404);
}

std::string with_token(const std::string& path, const ListAccess& access) {
  return access.token.empty() ? path : path + "?token=" + web::percent_encode(access.token);
}

web::Response list_page(App& app, web::Request& req, const ListAccess& access,
                        const SessionList& list) {
  nlohmann::json model = session_model(access.series, access.session);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : list.rows)
    rows.push_back({{"id", row.registration.id},
                    {"name", row.registration.name},
                    {"municipality", row.municipality},
                    {"present", row.present()},
                    {"marked", row.mark.has_value()},
                    {"by_qr", row.mark && row.mark->method == "qr" && row.present()}});
  model["rows"] = rows;
  model["has_rows"] = !list.rows.empty();
  model["present"] = list.present;
  model["total"] = list.rows.size();
  model["token"] = access.token;
  model["organiser"] = access.organiser;
  model["qr_href"] = with_token(session_path(access.series, access.session) + "/qr", access);
  model["action"] = session_path(access.series, access.session) + "/aanwezigheid";
  model["script_url"] = app.assets().url_for("js/attendance.js");
  if (access.organiser) {
    model["report_href"] = "/vorming/" + access.series.slug + "/aanwezigheid";
    const std::int64_t expires = access.session.ends_at + trainer_link_days * 86400;
    if (expires > app.clock().now()) {
      model["trainer_link"] = app.base_url() + session_path(access.series, access.session) +
                              "/aanwezigheid?token=" +
                              sign_token(store::signing_key(app.db()), "attendance",
                                         std::to_string(access.session.id), expires);
      model["trainer_link_until"] = format_date_nl(expires);
    }
  }
  return app.render_page(req, "trainings/attendance_list", "Aanwezigheid " + access.series.title,
                         model);
}

bool wants_json(const web::Request& req) {
  return req.headers.get("Accept").find("application/json") != std::string_view::npos;
}

web::Response list_get(App& app, web::Request& req) {
  auto opened = open_session(app, req, req.query_params.get("token"));
  if (auto* res = std::get_if<web::Response>(&opened)) return std::move(*res);
  const auto& access = std::get<ListAccess>(opened);
  app.ensure_session(req);  // a trainer without an account needs it for the form
  auto list =
      AttendanceService(app.db(), app.clock()).session_list(access.series.id, access.session.id);
  if (!list) return app.failure_page(req, list.error());
  return list_page(app, req, access, list.value());
}

web::Response mark_post(App& app, web::Request& req) {
  auto opened = open_session(app, req, req.form.get("token"));
  if (auto* res = std::get_if<web::Response>(&opened)) return std::move(*res);
  const auto& access = std::get<ListAccess>(opened);
  const auto registration = parse_id(req.form.get("registration"));
  const std::string present = req.form.get("present");
  const bool json = wants_json(req);
  if (!registration || (present != "1" && present != "0")) {
    const std::string message = "Kies een deelnemer van de lijst en aanwezig of afwezig.";
    if (json) return App::json_error(400, message, "registration");
    return app.error_page(&req, 400, message);
  }
  std::optional<std::int64_t> by;
  if (access.organiser) by = req.user->id;
  auto marked =
      AttendanceService(app.db(), app.clock())
          .mark(access.series.id, access.session.id, {{*registration, present == "1"}}, by);
  if (!marked) {
    const auto& error = marked.error();
    // 400, not 422: a participant not on the list is a malformed request (the
    // page offers only its own rows), not a form to fill in again.
    if (error.failure == Failure::invalid) {
      if (json) return App::json_error(400, error.fields.front().message, "registration");
      return app.error_page(&req, 400, error.fields.front().message);
    }
    if (json) return App::json_failure(error);
    return app.failure_page(req, error);
  }
  const auto& list = marked.value();
  auto row = std::find_if(list.rows.begin(), list.rows.end(),
                          [&](const ListRow& r) { return r.registration.id == *registration; });
  const std::string message =
      row->registration.name + (row->present() ? " is aanwezig." : " is afwezig.");
  if (json) {
    nlohmann::json body = {{"present", list.present},
                           {"total", list.rows.size()},
                           {"is_present", row->present()},
                           {"message", message}};
    return web::Response::json(body.dump());
  }
  app.ensure_session(req).add_flash("success", "Opgeslagen: " + message);
  return web::Response::redirect(
      with_token(session_path(access.series, access.session) + "/aanwezigheid", access) +
      "#deelnemer-" + std::to_string(*registration));
}

web::Response qr_page(App& app, web::Request& req) {
  auto opened = open_session(app, req, req.query_params.get("token"));
  if (auto* res = std::get_if<web::Response>(&opened)) return std::move(*res);
  const auto& access = std::get<ListAccess>(opened);
  nlohmann::json model = session_model(access.series, access.session);
  model["list_href"] =
      with_token(session_path(access.series, access.session) + "/aanwezigheid", access);
  const std::int64_t now = app.clock().now();
  const std::int64_t last = access.session.ends_at + checkin_after_end;
  const bool open = access.session.status != "cancelled" && now < last;
  model["open"] = open;
  model["refresh_minutes"] = qr_refresh_seconds / 60;
  if (open) {
    const std::int64_t expires = std::min(now + checkin_code_seconds, last);
    const std::string url = app.base_url() + "/vorming/inchecken?token=" +
                            sign_token(store::signing_key(app.db()), "checkin",
                                       std::to_string(access.session.id), expires);
    model["qr"] = view::qr_svg(url, "QR-code om in te checken voor " + access.series.title);
    model["url"] = url;
    model["valid_until"] = format_time_nl(expires);
  }
  auto res =
      app.render_page(req, "trainings/attendance_qr", "Inchecken " + access.series.title, model);
  if (open) res.headers.set("Refresh", std::to_string(qr_refresh_seconds));
  return res;
}

// The check-in token's session, or the page that refuses it: 410 for a genuine
// code that expired, 403 for anything else.
std::variant<std::int64_t, web::Response> checkin_session(App& app, const web::Request& req,
                                                          const std::string& token) {
  const std::string key = store::signing_key(app.db());
  if (auto subject = verify_token(key, "checkin", token, app.clock().now()))
    if (auto id = parse_id(*subject)) return *id;
  const bool expired = verify_token(key, "checkin", token, 0).has_value();
  return app.error_page(&req, expired ? 410 : 403,
                        expired
                            ? "Deze QR-code is verlopen. Scan de code die nu getoond wordt."
                            : "Deze QR-code is niet geldig. Scan de code die nu getoond wordt.");
}

web::Response checkin_form(App& app, web::Request& req, const std::string& token,
                           const std::string& email, const std::string& error, int status) {
  app.ensure_session(req);
  nlohmann::json model = {{"token", token}, {"email", email}, {"signed_in", req.user.has_value()}};
  if (!error.empty()) {
    model["error"] = error;
    model["has_errors"] = true;
  }
  return app.render_page(req, "trainings/attendance_checkin", "Inchecken", model, status);
}

web::Response checked_in(App& app, web::Request& req, const CheckIn& done) {
  nlohmann::json model = session_model(done.series, done.session);
  model["name"] = done.registration.name;
  model["already"] = done.already;
  return app.render_page(req, "trainings/attendance_checked_in", "Ingecheckt", model);
}

web::Response checkin_get(App& app, web::Request& req) {
  const std::string token = req.query_params.get("token");
  auto found = checkin_session(app, req, token);
  if (auto* res = std::get_if<web::Response>(&found)) return std::move(*res);
  if (req.user) {
    auto done = AttendanceService(app.db(), app.clock())
                    .check_in(std::get<std::int64_t>(found), req.user->id, req.user->email);
    if (done) return checked_in(app, req, done.value());
    if (done.error().failure != Failure::invalid) return app.failure_page(req, done.error());
  }
  return checkin_form(app, req, token, "", "", 200);
}

web::Response checkin_post(App& app, web::Request& req) {
  const std::string token = req.form.get("token");
  auto found = checkin_session(app, req, token);
  if (auto* res = std::get_if<web::Response>(&found)) return std::move(*res);
  const std::string email = req.form.get("email");
  if (email.empty() || email.size() > 254 || email.find('@') == std::string::npos)
    return checkin_form(app, req, token, email.substr(0, 254),
                        "Vul het e-mailadres in waarmee je je inschreef.", 422);
  store::RateLimiter limiter(app.db(), app.clock());
  const auto slot =
      limiter.reserve("checkin:ip:" + client_key(req.remote_ip), failed_checkins_per_ip);
  if (slot.wait > 0)
    return app.error_page(&req, 429,
                          "Te veel pogingen. Probeer het over enkele minuten opnieuw of meld je "
                          "bij de trainer.");
  auto done = AttendanceService(app.db(), app.clock())
                  .check_in(std::get<std::int64_t>(found), std::nullopt, email);
  if (!done) {
    if (done.error().failure != Failure::invalid) {
      limiter.release(slot.id);
      return app.failure_page(req, done.error());
    }
    return checkin_form(app, req, token, email, done.error().fields.front().message, 422);
  }
  limiter.release(slot.id);  // only failed attempts count
  return checked_in(app, req, done.value());
}

// The two tables of totals: per municipality and per sector.
// The two tables of totals: per municipality and per sector. `anchor` makes
// their heading ids unique on the page.
nlohmann::json totals(const std::string& anchor, const std::vector<Total>& by_municipality,
                      const std::vector<Total>& by_sector) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& [key, heading, column, list] :
       {std::tuple{"gemeente", "Per gemeente", "Gemeente", &by_municipality},
        std::tuple{"sector", "Per sector", "Sector", &by_sector}}) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& t : *list)
      rows.push_back({{"label", t.label},
                      {"registered", t.registered},
                      {"attended", t.attended},
                      {"no_shows", t.no_shows}});
    tables.push_back(
        {{"anchor", anchor + "-" + key}, {"heading", heading}, {"column", column}, {"rows", rows}});
  }
  return tables;
}

nlohmann::json report_model(const SeriesReport& report) {
  nlohmann::json sessions = nlohmann::json::array();
  for (const auto& s : report.sessions)
    sessions.push_back({{"module", label_of(modules(), s.module)},
                        {"title", s.title},
                        {"date", format_date_nl(s.starts_at)},
                        {"cancelled", s.status == "cancelled"}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : report.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (auto cell : row.cells) {
      static const char* const symbols[] = {"✓", "✗", "·", "—", "—"};
      static const char* const kinds[] = {"present", "absent", "pending", "none", "cancelled"};
      const auto i = static_cast<std::size_t>(cell);
      cells.push_back({{"symbol", symbols[i]}, {"kind", kinds[i]}, {"text", cell_text(cell)}});
    }
    rows.push_back({{"name", row.name},
                    {"municipality", row.municipality},
                    {"sector", row.sector},
                    {"cells", cells},
                    {"attended", row.attended}});
  }
  nlohmann::json no_shows = nlohmann::json::array();
  for (const auto& n : report.no_shows)
    no_shows.push_back({{"name", n.name},
                        {"session", label_of(modules(), n.session.module)},
                        {"date", format_date_nl(n.session.starts_at)}});
  const std::string base = "/vorming/" + report.series.slug;
  return {{"title", report.series.title},
          {"slug", report.series.slug},
          {"id", report.series.id},
          {"href", base},
          {"report_href", base + "/aanwezigheid"},
          {"export_attendance_xlsx", base + "/aanwezigheid.xlsx"},
          {"export_attendance_csv", base + "/aanwezigheid.csv"},
          {"export_registrations_xlsx", base + "/inschrijvingen.xlsx"},
          {"export_registrations_csv", base + "/inschrijvingen.csv"},
          {"sessions", sessions},
          {"has_sessions", !report.sessions.empty()},
          {"rows", rows},
          {"has_rows", !report.rows.empty()},
          {"no_shows", no_shows},
          {"has_no_shows", !report.no_shows.empty()},
          {"totals", totals("reeks-" + std::to_string(report.series.id), report.by_municipality,
                            report.by_sector)}};
}

web::Response report_all(App& app, web::Request& req) {
  const bool coordinator = may_view_network_reports(req.user);
  // Object rule beyond the role: a SPOC must speak for a municipality.
  if (!may_create_any(req.user)) return app.deny(req, "attendance_report", "training_series");
  std::vector<std::int64_t> ids;
  for (const auto& s :
       app.db().run([](soci::session& sql) { return TrainingStore::all_series(sql); }))
    if (s.status != "draft" && may_manage(req.user, s)) ids.push_back(s.id);
  const auto reports = AttendanceService(app.db(), app.clock()).reports(ids);
  nlohmann::json series = nlohmann::json::array();
  for (const auto& report : reports) series.push_back(report_model(report));
  nlohmann::json model = {
      {"series", series},
      {"has_series", !series.empty()},
      {"several", series.size() > 1},
      {"coordinator", coordinator},
      {"all", true},
      {"all_totals", totals("alle", add_up(reports, &SeriesReport::by_municipality),
                            add_up(reports, &SeriesReport::by_sector))}};
  return app.render_page(req, "trainings/attendance_report", "Aanwezigheid bij vormingen", model);
}

web::Response report_series(App& app, web::Request& req) {
  auto opened = open_series(app, req, "attendance_report");
  if (auto* res = std::get_if<web::Response>(&opened)) return std::move(*res);
  const auto& series = std::get<Series>(opened);
  auto reports = AttendanceService(app.db(), app.clock()).reports({series.id});
  nlohmann::json list = nlohmann::json::array();
  for (const auto& report : reports) list.push_back(report_model(report));
  nlohmann::json model = {{"series", list},
                          {"has_series", true},
                          {"all", false},
                          {"series_title", series.title},
                          {"series_href", "/vorming/" + series.slug}};
  return app.render_page(req, "trainings/attendance_report", "Aanwezigheid " + series.title, model);
}

// A file name of letters, digits and dashes only.
std::string safe_name(const std::string& text) {
  std::string out;
  for (char c : text)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
      out += c;
  return out.empty() ? "reeks" : out.substr(0, 80);
}

// A spreadsheet of the series: `what` is "inschrijvingen" or "aanwezigheid", `format`
// "xlsx" or "csv". Audited.
web::Response export_file(App& app, web::Request& req, const std::string& what,
                          const std::string& format) {
  auto opened = open_series(app, req, "export");
  if (auto* res = std::get_if<web::Response>(&opened)) return std::move(*res);
  const auto& series = std::get<Series>(opened);
  AttendanceService service(app.db(), app.clock());
  const view::Table table = what == "inschrijvingen" ? service.registrations_table(series.id)
                                                     : service.attendance_table(series.id);
  web::Response res;
  if (format == "xlsx") {
    res.body = view::to_xlsx({table});
    res.headers.set("Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  } else {
    res.body = view::to_csv(table);
    res.headers.set("Content-Type", "text/csv; charset=utf-8");
  }
  res.headers.set("Content-Disposition", "attachment; filename=\"" + what + "-" +
                                             safe_name(series.slug) + "." + format + "\"");
  res.headers.set("Cache-Control", "no-store");
  audit::record(app.db(),
                audit::Entry{0, app.clock().now(), req.user->id, req.user->email, "export",
                             "training_series:" + std::to_string(series.id),
                             (what == "inschrijvingen" ? "registrations " : "attendance ") +
                                 format + ", " + std::to_string(table.rows.size()) + " rows",
                             req.remote_ip});
  return res;
}

}  // namespace

void install_attendance_routes(App& app) {
  using web::Access;
  auto& r = app.router();
  // A session's list, its QR code and the series' report and exports declare no
  // requirement: open_session/open_series answer 404 for an unknown series before
  // asking to sign in, and a trainer's signed link opens the list without an account.
  app.page("/vorming/{slug}/sessies/{id}/aanwezigheid", app.bind(list_get));
  r.post("/vorming/{slug}/sessies/{id}/aanwezigheid", app.bind(mark_post));
  app.page("/vorming/{slug}/sessies/{id}/qr", app.bind(qr_page));
  // Checking in: anyone with a valid code (signed in or by e-mail address).
  app.page("/vorming/inchecken", app.bind(checkin_get));
  r.post("/vorming/inchecken", app.bind(checkin_post));
  // The report of all series a SPOC or the coordinator organises.
  app.page("/vorming/aanwezigheid", app.bind(report_all),
           {.access = Access::only({Role::spoc, Role::coordinator})});
  app.page("/vorming/{slug}/aanwezigheid", app.bind(report_series));
  for (const char* what : {"inschrijvingen", "aanwezigheid"})
    for (const char* format : {"xlsx", "csv"})
      r.get(std::string("/vorming/{slug}/") + what + "." + format,
            [&app, what = std::string(what), format = std::string(format)](web::Request& req) {
              return export_file(app, req, what, format);
            });
}

}  // namespace schakel::trainings
