// The pages of needs and gaps: the list with its filters, the form that groups
// signals into a new need, a need's page with its timeline, and its edit form
// (fields, status, and which signals it groups). Thin handlers: the rules are
// in NeedService.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/need_service.hpp"
#include "signals/records.hpp"
#include "signals/records_rules.hpp"
#include "signals/records_view.hpp"
#include "signals/signal_service.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

constexpr const char* supra_local = "bovenlokaal";

NeedService needs_of(App& app) { return NeedService(app.db(), app.clock()); }

std::vector<std::int64_t> ids_of(const std::vector<std::string>& texts) {
  std::vector<std::int64_t> out;
  for (const auto& t : texts) out.push_back(parse_id(t).value_or(0));
  return out;
}

Need need_from_form(const web::Request& req, std::int64_t id) {
  Need n;
  n.id = id;
  n.title = req.form.get("title");
  n.description = req.form.get("description");
  n.kind = req.form.get("kind");
  const auto nis = req.form.get("nis_code");
  if (nis != supra_local) n.nis_code = nis;
  n.themes = req.form.get_all("themes");
  n.status = req.form.get("status").empty() ? "open" : req.form.get("status");
  n.status_reason = req.form.get("status_reason");
  n.signal_ids = ids_of(req.form.get_all("signaal"));
  return n;
}

std::string where_label(App& app, const Need& n) {
  return n.nis_code ? reference::municipality_name(app.db(), *n.nis_code)
                    : std::string("Bovenlokaal");
}

// The form of a new need (`is_new`) or of need `n`, with `error`'s messages.
// `offered` are the signals shown as checkboxes; those in n.signal_ids are checked.
web::Response form_page(App& app, const web::Request& req, const Need& n, bool is_new,
                        const Error* error = nullptr) {
  const auto viewer_signals = [&] {
    std::vector<Signal> out;
    SignalService signals(app.db(), app.clock());
    for (const auto id : n.signal_ids)
      if (auto s = signals.get(req.user, id)) out.push_back(s.value());
    return out;
  }();
  nlohmann::json signals = nlohmann::json::array();
  for (const auto& s : viewer_signals) {
    auto m = signal_model(app.db(), s);
    m["checked"] = true;
    signals.push_back(m);
  }
  const std::string nis = n.nis_code.value_or(supra_local);
  nlohmann::json places = municipality_options(app.db(), req.user, nis);
  places.insert(places.begin(), {{"value", supra_local},
                                 {"label", "Bovenlokaal (over gemeenten heen)"},
                                 {"selected", !n.nis_code.has_value()}});
  nlohmann::json model = {
      {"is_new", is_new},
      {"id", n.id},
      {"action", is_new ? "/noden/nieuw" : "/noden/" + std::to_string(n.id) + "/bewerken"},
      {"values",
       {{"title", n.title}, {"description", n.description}, {"status_reason", n.status_reason}}},
      {"kinds", choice_options(need_kinds(), n.kind)},
      {"places", places},
      {"themes", theme_options(app.db(), n.themes)},
      {"statuses", choice_options(need_statuses(), n.status)},
      {"signals", signals},
      {"has_signals", !signals.empty()}};
  set_tabs(model, req.user, "noden");
  int status = 200;
  if (error) {
    add_errors(model, *error);
    status = App::status_for(error->failure);
  }
  return app.render_page(req, "signals/need_form", is_new ? "Nood benoemen" : "Nood aanpassen",
                         model, status);
}

web::Response needs_get(App& app, web::Request& req) {
  NeedFilter filter{req.query_params.get("gemeente"), req.query_params.get("thema"),
                    req.query_params.get("status")};
  auto listed = needs_of(app).list(req.user, filter);
  if (!listed) return app.failure_page(req, listed.error());
  const auto& list = listed.value();
  nlohmann::json places = nlohmann::json::array();
  places.push_back({{"value", "alle"},
                    {"label", "Heel het netwerk"},
                    {"selected", list.filter.gemeente == "alle"}});
  places.push_back({{"value", supra_local},
                    {"label", "Bovenlokaal"},
                    {"selected", list.filter.gemeente == supra_local}});
  for (auto& o : all_municipality_options(app.db(), list.filter.gemeente)) places.push_back(o);
  std::vector<Choice> statuses = {{"openstaand", "Open of wordt aangepakt"}};
  for (const auto& c : need_statuses()) statuses.push_back(c);
  statuses.push_back({"alle", "Alle"});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& n : list.needs)
    rows.push_back({{"id", n.id},
                    {"title", n.title},
                    {"kind", label_of(need_kinds(), n.kind)},
                    {"where", where_label(app, n)},
                    {"themes", theme_labels(app.db(), n.themes)},
                    {"status", label_of(need_statuses(), n.status)},
                    {"signals", n.signal_ids.size()}});
  nlohmann::json model = {{"places", places},
                          {"themes", theme_filter_options(app.db(), list.filter.thema)},
                          {"statuses", choice_options(statuses, list.filter.status)},
                          {"needs", rows},
                          {"has_needs", !rows.empty()},
                          {"count", list.count},
                          {"count_is_one", list.count == 1}};
  set_tabs(model, req.user, "noden");
  return app.render_page(req, "signals/need_list", "Noden en hiaten", model);
}

web::Response need_new_get(App& app, web::Request& req) {
  auto draft = needs_of(app).draft(req.user, ids_of(req.query_params.get_all("signaal")));
  if (!draft) return app.failure_page(req, draft.error());
  return form_page(app, req, draft.value(), true);
}

web::Response need_new_post(App& app, web::Request& req) {
  const Need n = need_from_form(req, 0);
  auto created = needs_of(app).create(req.user, n);
  if (!created)
    return records_failure(app, req, created.error(), "municipality:" + n.nis_code.value_or(""),
                           [&](int) { return form_page(app, req, n, true, &created.error()); });
  return web::Response::redirect("/noden/" + std::to_string(created.value().id));
}

web::Response need_get(App& app, web::Request& req) {
  auto found = needs_of(app).story(req.user, web::id_param(req, "id"));
  if (!found) return app.failure_page(req, found.error());
  const auto& story = found.value();
  const auto& n = story.need;
  nlohmann::json signals = nlohmann::json::array();
  for (const auto& s : story.signals) signals.push_back(signal_model(app.db(), s));
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : story.lines)
    lines.push_back({{"date", format_date_nl(l.at)},
                     {"summary", l.summary},
                     {"is_signal", l.kind == "signal"},
                     {"is_action", l.kind == "action"},
                     {"href", l.kind == "signal"   ? "/signalen/" + std::to_string(l.subject_id)
                              : l.kind == "action" ? "/acties/" + std::to_string(l.subject_id)
                                                   : ""}});
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& [id, title] : story.actions) actions.push_back({{"id", id}, {"title", title}});
  nlohmann::json model = {{"id", n.id},
                          {"title", n.title},
                          {"description", n.description},
                          {"kind", label_of(need_kinds(), n.kind)},
                          {"where", where_label(app, n)},
                          {"themes", theme_labels(app.db(), n.themes)},
                          {"status", label_of(need_statuses(), n.status)},
                          {"status_reason", n.status_reason},
                          {"not_addressed", n.status == "not_addressed"},
                          {"may_edit", NeedService::may_edit(req.user, n)},
                          {"signals", signals},
                          {"has_signals", !signals.empty()},
                          {"actions", actions},
                          {"has_actions", !actions.empty()},
                          {"lines", lines}};
  set_tabs(model, req.user, "noden");
  return app.render_page(req, "signals/need_show", n.title, model);
}

web::Response need_edit_get(App& app, web::Request& req) {
  auto found = needs_of(app).get(req.user, web::id_param(req, "id"));
  if (!found) return app.failure_page(req, found.error());
  if (!NeedService::may_edit(req.user, found.value()))
    return app.deny(req, "signals_records", "need:" + std::to_string(found.value().id));
  return form_page(app, req, found.value(), false);
}

web::Response need_edit_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const Need n = need_from_form(req, id);
  auto saved = needs_of(app).update(req.user, n);
  if (!saved)
    return records_failure(app, req, saved.error(), "need:" + std::to_string(id),
                           [&](int) { return form_page(app, req, n, false, &saved.error()); });
  return web::Response::redirect("/noden/" + std::to_string(id));
}

}  // namespace

void install_need_routes(App& app) {
  auto& r = app.router();
  const auto network = web::Access::network();
  r.get("/noden", app.bind(needs_get), {.access = network});
  r.get("/noden/nieuw", app.bind(need_new_get), {.access = network});
  r.post("/noden/nieuw", app.bind(need_new_post), {.access = network});
  r.get("/noden/{id}", app.bind(need_get), {.access = network});
  r.get("/noden/{id}/bewerken", app.bind(need_edit_get), {.access = network});
  r.post("/noden/{id}/bewerken", app.bind(need_edit_post), {.access = network});
}

}  // namespace schakel::signals
