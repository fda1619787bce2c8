#include <nlohmann/json.hpp>

#include "accounts/service.hpp"
#include "admin/admin.hpp"
#include "admin/mask.hpp"
#include "app/app.hpp"
#include "audit/audit.hpp"
#include "core/text.hpp"

namespace schakel::admin {

web::Access access_for(Action action) {
  if (action == Action::view_audit) return web::Access::only({Role::coordinator, Role::admin});
  return web::Access::only({Role::admin});
}

bool may(const std::optional<web::Principal>& user, Action action) {
  return access_for(action).admits(user);
}

namespace {

std::optional<std::int64_t> parse_date(const std::string& text) {
  // "YYYY-MM-DD" (from <input type="date">) as 00:00 UTC of that day.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(text.substr(8, 2));
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

// The audit filter from the query string; errors by field.
Result<audit::Filter> audit_filter(const web::Request& req) {
  audit::Filter f;
  FieldErrors errors;
  f.action = req.query_params.get("actie").substr(0, 100);
  const std::string actor = req.query_params.get("actor");
  if (!actor.empty()) {
    f.actor_id = parse_id(actor);
    if (!f.actor_id) errors.push_back({"actor", "Geef het nummer van een gebruiker."});
  }
  f.object_prefix = req.query_params.get("object").substr(0, 100);
  for (const auto& [key, target] :
       {std::pair<const char*, std::optional<std::int64_t>*>{"van", &f.from},
        std::pair<const char*, std::optional<std::int64_t>*>{"tot", &f.until}}) {
    const std::string value = req.query_params.get(key);
    if (value.empty()) continue;
    auto date = parse_date(value);
    if (!date)
      errors.push_back({key, "Gebruik een datum als 2026-11-28."});
    else
      *target = std::string(key) == "tot" ? *date + 86400 : *date;
  }
  const std::string page = req.query_params.get("pagina");
  int page_number = 1;
  if (!page.empty()) {
    if (page.size() > 6 || page.find_first_not_of("0123456789") != std::string::npos || page == "0")
      errors.push_back({"pagina", "Ongeldig paginanummer."});
    else
      page_number = std::stoi(page);
  }
  f.limit = 50;
  f.offset = (page_number - 1) * 50;
  if (!errors.empty()) return Error{Failure::invalid, errors};
  return f;
}

// --- Handlers (install() declares who may call each) --------------------------------

web::Response dashboard(App& app, web::Request& req) {
  return app.render_page(req, "admin/dashboard", "Beheer", nlohmann::json::object());
}

web::Response outbox(App& app, web::Request& req) {
  nlohmann::json list = nlohmann::json::array();
  static const std::map<std::string, std::string> labels = {{"pending", "wacht"},
                                                            {"sending", "wordt verstuurd"},
                                                            {"sent", "verstuurd"},
                                                            {"failed", "mislukt"},
                                                            {"uncertain", "onzeker"}};
  for (const auto& e : app.outbox().recent(200)) {
    auto label = labels.find(e.status);
    list.push_back({{"id", e.id},
                    {"recipient", e.recipient},
                    {"subject", e.subject},
                    {"status", label == labels.end() ? e.status : label->second},
                    {"can_resend", e.status == "failed" || e.status == "uncertain"},
                    {"attempts", e.attempts},
                    {"created", format_utc(e.created_at)},
                    {"error", e.last_error}});
  }
  return app.render_page(req, "admin/mails", "Verstuurde mails",
                         {{"mails", list},
                          {"smtp", !app.outbox().settings().smtp_url.empty()},
                          {"demo", app.config().allow_demo_accounts}});
}

web::Response one_mail(App& app, web::Request& req) {
  auto m = app.outbox().find(id_param(req, "id"));
  if (!m) return app.error_page(&req, 404);
  audit::record(app.db(),
                audit::Entry{0, app.clock().now(), req.user->id, req.user->email, "viewed_mail",
                             "mail:" + req.param("id"), "", req.remote_ip});
  // Live links let whoever reads them in; only the demo (whose accounts are
  // public anyway) shows them, so its mails can be clicked through.
  const bool demo = app.config().allow_demo_accounts;
  return app.render_page(req, "admin/mail", m->subject,
                         {{"to", m->to},
                          {"subject", m->subject},
                          {"text", demo ? m->text : mask_secrets(m->text)},
                          {"masked", !demo}});
}

web::Response resend_mail(App& app, web::Request& req) {
  auto outcome = app.outbox().resend(id_param(req, "id"));
  if (!outcome) return app.failure_page(req, outcome.error());
  audit::record(app.db(),
                audit::Entry{0, app.clock().now(), req.user->id, req.user->email, "mail_resent",
                             "mail:" + req.param("id"), "", req.remote_ip});
  app.jobs().poke();
  req.session->add_flash("success", "Het bericht staat opnieuw in de wachtrij.");
  return web::Response::redirect("/beheer/mails");
}

web::Response users(App& app, web::Request& req) {
  accounts::AccountService accounts(app.db(), app.clock());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& u : accounts.all_users())
    list.push_back({{"id", u.id},
                    {"name", u.display_name},
                    {"email", u.email},
                    {"role", std::string(role_name(u.role))},
                    {"role_label", std::string(role_label(u.role))},
                    {"status", u.status == "pending" ? "niet bevestigd" : "actief"},
                    {"totp", u.totp_enabled},
                    {"editable", u.role != Role::coordinator && u.id != req.user->id}});
  return app.render_page(req, "admin/users", "Gebruikers", {{"users", list}});
}

web::Response change_role(App& app, web::Request& req) {
  accounts::AccountService service(app.db(), app.clock());
  auto outcome = service.change_role(req.user->id, id_param(req, "id"), req.form.get("role"),
                                     accounts::Origin{req.remote_ip});
  if (!outcome) {
    if (outcome.error().failure == Failure::not_found)
      return app.failure_page(req, outcome.error());
    // The form is a row of the users list: its error goes back there as a
    // message (a redirect), not as a form page of its own.
    req.session->add_flash("error", outcome.error().fields.front().message);
    return web::Response::redirect("/beheer/gebruikers");
  }
  req.session->add_flash("success", "De rol is gewijzigd.");
  return web::Response::redirect("/beheer/gebruikers");
}

// The audit page with a filter it cannot read: 400 (a malformed query, not a
// failed change), with the fields the user typed and their errors.
web::Response audit_filter_again(App& app, web::Request& req, const Error& error) {
  auto errors = App::form_errors(error);
  return app.render_page(req, "admin/audit", "Auditlog",
                         {{"entries", nlohmann::json::array()},
                          {"errors", errors["errors"]},
                          {"error_summary", errors["error_summary"]},
                          {"has_errors", true},
                          {"actions", nlohmann::json::array()},
                          {"values",
                           {{"actor", req.query_params.get("actor").substr(0, 100)},
                            {"object", req.query_params.get("object").substr(0, 100)},
                            {"van", req.query_params.get("van").substr(0, 20)},
                            {"tot", req.query_params.get("tot").substr(0, 20)}}}},
                         400);
}

web::Response audit_log(App& app, web::Request& req) {
  auto filter = audit_filter(req);
  if (!filter) return audit_filter_again(app, req, filter.error());
  const auto& f = filter.value();
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : audit::find(app.db(), f))
    entries.push_back(
        {{"time", format_utc(e.at)},
         {"actor",
          e.actor_id ? e.actor_label + " (#" + std::to_string(*e.actor_id) + ")" : "anoniem"},
         {"action", e.action},
         {"object", e.object},
         {"detail", e.detail},
         {"ip", e.ip}});
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : audit::actions(app.db()))
    actions.push_back({{"value", a}, {"selected", a == f.action}});
  const int page = f.offset / 50 + 1;
  return app.render_page(req, "admin/audit", "Auditlog",
                         {{"entries", entries},
                          {"actions", actions},
                          {"values",
                           {{"actor", req.query_params.get("actor")},
                            {"object", f.object_prefix},
                            {"van", req.query_params.get("van")},
                            {"tot", req.query_params.get("tot")}}},
                          {"page", page},
                          {"has_next", entries.size() == 50},
                          {"next_page", page + 1},
                          {"prev_page", page > 1 ? page - 1 : 1},
                          {"has_prev", page > 1},
                          {"csv_query", req.query},
                          {"errors", nlohmann::json::object()}});
}

// The export of the filtered log (at most 10,000 rows), itself audited. A bad
// filter answers 400 as plain text: there is no page to show it on.
web::Response audit_csv(App& app, web::Request& req) {
  auto filter = audit_filter(req);
  if (!filter) return web::Response::text(filter.error().fields.front().message, 400);
  auto f = filter.value();
  f.limit = 10000;
  f.offset = 0;
  auto res = web::Response::text(audit::to_csv(audit::find(app.db(), f)));
  res.headers.set("Content-Type", "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"schakel-auditlog.csv\"");
  audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                       "audit_exported", "audit", "", req.remote_ip});
  return res;
}

}  // namespace

void install(App& app) {
  auto& r = app.router();
  // A handler of this file, bound to the app.
  auto for_action = [](Action action) { return web::RouteOptions{.access = access_for(action)}; };

  r.get("/beheer", app.bind(dashboard), for_action(Action::view_dashboard));
  r.get("/beheer/mails", app.bind(outbox), for_action(Action::view_mail));
  r.get("/beheer/mails/{id}", app.bind(one_mail), for_action(Action::view_mail));
  r.post("/beheer/mails/{id}/opnieuw", app.bind(resend_mail), for_action(Action::resend_mail));
  r.get("/beheer/gebruikers", app.bind(users), for_action(Action::manage_users));
  r.post("/beheer/gebruikers/{id}/rol", app.bind(change_role), for_action(Action::manage_users));
  r.get("/beheer/audit", app.bind(audit_log), for_action(Action::view_audit));
  r.get("/beheer/audit.csv", app.bind(audit_csv),
        {.runs_long = true, .access = access_for(Action::view_audit)});
}

}  // namespace schakel::admin
