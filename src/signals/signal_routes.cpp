// The pages of signals: the list with its filters and grouping checkboxes, the
// quick form, a signal's page, its edit form, closing, reopening and grouping
// it in an existing need. Thin handlers: the rules are in SignalService.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/types.hpp"
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

SignalService signals_of(App& app) { return SignalService(app.db(), app.clock()); }

// The signal a form sent (its id from the path when `id` > 0).
Signal signal_from_form(const web::Request& req, std::int64_t id) {
  Signal s;
  s.id = id;
  s.description = req.form.get("description");
  s.nis_code = req.form.get("nis_code");
  s.themes = req.form.get_all("themes");
  s.observed_on = req.form.get("observed_on");
  s.target_group = req.form.get("target_group");
  s.sector = req.form.get("sector");
  s.track = req.form.get("track");
  s.source = req.form.get("source");
  s.frequency = req.form.get("frequency").empty() ? "once" : req.form.get("frequency");
  s.urgent = !req.form.get("urgent").empty();
  s.own_municipality_only = !req.form.get("own_municipality_only").empty();
  return s;
}

// The quick form (new) or the edit form of `s`, with the errors of `error`.
web::Response form_page(App& app, const web::Request& req, const Signal& s, bool is_new,
                        const Error* error = nullptr) {
  nlohmann::json tracks = choice_options(catalog::tracks(), s.track);
  tracks.insert(tracks.begin(),
                {{"value", ""}, {"label", "Geen of weet ik niet"}, {"selected", s.track.empty()}});
  const bool optional_filled = !s.target_group.empty() || !s.sector.empty() || !s.track.empty() ||
                               !s.source.empty() || s.frequency != "once" || s.urgent ||
                               s.own_municipality_only;
  nlohmann::json model = {
      {"is_new", is_new},
      {"id", s.id},
      {"action", is_new ? "/signalen/nieuw" : "/signalen/" + std::to_string(s.id) + "/bewerken"},
      {"values",
       {{"description", s.description},
        {"observed_on", s.observed_on},
        {"target_group", s.target_group},
        {"sector", s.sector},
        {"source", s.source}}},
      {"today", today(app.clock().now())},
      {"municipalities", municipality_options(app.db(), req.user, s.nis_code)},
      {"themes", theme_options(app.db(), s.themes)},
      {"tracks", tracks},
      {"frequencies", choice_options(frequencies(), s.frequency)},
      {"urgent", s.urgent},
      {"own_municipality_only", s.own_municipality_only},
      {"details_open", optional_filled}};
  set_tabs(model, req.user, "signalen");
  int status = 200;
  if (error) {
    add_errors(model, *error);
    status = App::status_for(error->failure);
    for (const char* f : {"target_group", "sector", "track", "source", "frequency"})
      if (!error->message_for(f).empty()) model["details_open"] = true;
  }
  return app.render_page(req, "signals/signal_form",
                         is_new ? "Signaal melden" : "Signaal aanpassen", model, status);
}

web::Response signals_get(App& app, web::Request& req) {
  SignalFilter filter{req.query_params.get("gemeente"), req.query_params.get("thema"),
                      req.query_params.get("status")};
  auto listed = signals_of(app).list(req.user, filter);
  if (!listed) return app.failure_page(req, listed.error());
  const auto& list = listed.value();
  const bool spoc = web::has_role(req.user, Role::spoc);
  nlohmann::json places = nlohmann::json::array();
  if (spoc)
    places.push_back({{"value", "mijn"},
                      {"label", "Mijn gemeente(n)"},
                      {"selected", list.filter.gemeente == "mijn"}});
  places.push_back({{"value", "alle"},
                    {"label", "Heel het netwerk"},
                    {"selected", list.filter.gemeente == "alle"}});
  for (auto& o : all_municipality_options(app.db(), list.filter.gemeente)) places.push_back(o);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : list.signals) rows.push_back(signal_model(app.db(), s));
  nlohmann::json model = {
      {"spoc", spoc},
      {"mine", list.filter.gemeente == "mijn"},
      {"places", places},
      {"themes", theme_filter_options(app.db(), list.filter.thema)},
      {"statuses", choice_options({{"open", "Open"}, {"gesloten", "Gesloten"}, {"alle", "Alle"}},
                                  list.filter.status)},
      {"signals", rows},
      {"has_signals", !rows.empty()},
      {"count", list.count},
      {"count_is_one", list.count == 1},
      {"shown", rows.size()},
      {"cut", static_cast<std::int64_t>(rows.size()) < list.count}};
  set_tabs(model, req.user, "signalen");
  return app.render_page(req, "signals/signal_list", "Signalen", model);
}

web::Response signal_new_get(App& app, web::Request& req) {
  Signal s;
  s.observed_on = today(app.clock().now());
  if (web::has_role(req.user, Role::spoc) && !req.user->spoc_of.empty())
    s.nis_code = req.user->spoc_of.front();
  return form_page(app, req, s, true);
}

web::Response signal_new_post(App& app, web::Request& req) {
  const Signal s = signal_from_form(req, 0);
  auto created = signals_of(app).create(req.user, s);
  if (!created)
    return records_failure(app, req, created.error(), "municipality:" + s.nis_code,
                           [&](int) { return form_page(app, req, s, true, &created.error()); });
  return web::Response::redirect("/signalen/" + std::to_string(created.value().id));
}

web::Response signal_get(App& app, web::Request& req) {
  auto found = signals_of(app).get(req.user, web::id_param(req, "id"));
  if (!found) return app.failure_page(req, found.error());
  const auto& s = found.value();
  NeedService needs(app.db(), app.clock());
  nlohmann::json grouped = nlohmann::json::array();
  auto need_ids =
      app.db().run([&](soci::session& sql) { return SignalStore::need_ids(sql, s.id); });
  for (const auto id : need_ids)
    if (auto n = needs.get(req.user, id))
      grouped.push_back({{"id", id}, {"title", n.value().title}});
  nlohmann::json linkable = nlohmann::json::array();
  for (const auto& n : needs.editable_needs(req.user))
    if (std::find(need_ids.begin(), need_ids.end(), n.id) == need_ids.end())
      linkable.push_back({{"value", n.id}, {"label", n.title}});
  nlohmann::json lines = nlohmann::json::array();
  if (auto entries = signals_of(app).timeline(req.user, s.id))
    for (const auto& e : entries.value())
      lines.push_back({{"date", format_date_nl(e.at)}, {"summary", e.summary}});
  nlohmann::json model = {{"signal", signal_model(app.db(), s)},
                          {"lines", lines},
                          {"may_edit", SignalService::may_edit(req.user, s)},
                          {"needs", grouped},
                          {"has_needs", !grouped.empty()},
                          {"linkable", linkable},
                          {"has_linkable", !linkable.empty()}};
  set_tabs(model, req.user, "signalen");
  return app.render_page(req, "signals/signal_show", "Signaal", model);
}

web::Response signal_edit_get(App& app, web::Request& req) {
  auto found = signals_of(app).get(req.user, web::id_param(req, "id"));
  if (!found) return app.failure_page(req, found.error());
  if (!SignalService::may_edit(req.user, found.value()))
    return app.deny(req, "signals_signal", "municipality:" + found.value().nis_code);
  return form_page(app, req, found.value(), false);
}

web::Response signal_edit_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const Signal s = signal_from_form(req, id);
  auto saved = signals_of(app).update(req.user, s);
  if (!saved)
    return records_failure(app, req, saved.error(), "signal:" + std::to_string(id),
                           [&](int) { return form_page(app, req, s, false, &saved.error()); });
  return web::Response::redirect("/signalen/" + std::to_string(id));
}

web::Response signal_close_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = signals_of(app).close(req.user, id);
  if (!done) return records_failure(app, req, done.error(), "signal:" + std::to_string(id));
  return web::Response::redirect("/signalen/" + std::to_string(id));
}

web::Response signal_reopen_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = signals_of(app).reopen(req.user, id);
  if (!done) return records_failure(app, req, done.error(), "signal:" + std::to_string(id));
  return web::Response::redirect("/signalen/" + std::to_string(id));
}

web::Response signal_link_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const auto need_id = parse_id(req.form.get("need_id")).value_or(0);
  auto done = NeedService(app.db(), app.clock()).link_signal(req.user, need_id, id);
  if (!done) return records_failure(app, req, done.error(), "need:" + std::to_string(need_id));
  return web::Response::redirect("/noden/" + std::to_string(need_id));
}

}  // namespace

web::Response records_failure(App& app, const web::Request& req, const Error& error,
                              const std::string& object,
                              const std::function<web::Response(int)>& form_again) {
  if (error.failure == Failure::forbidden) return app.deny(req, "signals_records", object);
  return app.failure_page(req, error, form_again);
}

void install_signal_routes(App& app) {
  auto& r = app.router();
  const auto network = web::Access::network();
  r.get("/signalen", app.bind(signals_get), {.access = network});
  r.get("/signalen/nieuw", app.bind(signal_new_get), {.access = network});
  r.post("/signalen/nieuw", app.bind(signal_new_post), {.access = network});
  r.get("/signalen/{id}", app.bind(signal_get), {.access = network});
  r.get("/signalen/{id}/bewerken", app.bind(signal_edit_get), {.access = network});
  r.post("/signalen/{id}/bewerken", app.bind(signal_edit_post), {.access = network});
  r.post("/signalen/{id}/afsluiten", app.bind(signal_close_post), {.access = network});
  r.post("/signalen/{id}/heropenen", app.bind(signal_reopen_post), {.access = network});
  r.post("/signalen/{id}/koppelen", app.bind(signal_link_post), {.access = network});
}

}  // namespace schakel::signals
