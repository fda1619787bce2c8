// The action page and its sub-forms: milestones (add, reached, remove), outputs
// (add, remove) and indicators (add, new value, remove).
#include "app/app.hpp"
#include "campaigns/types.hpp"
#include "catalog/resource_refs.hpp"
#include "core/clock.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/action_pages.hpp"
#include "signals/action_refs.hpp"
#include "signals/action_rules.hpp"
#include "signals/action_store.hpp"
#include "signals/goals.hpp"
#include "trainings/series_refs.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

using web::Access;

std::string output_href(soci::session& sql, const Output& o) {
  if (o.kind == "link") return o.target;
  if (o.kind == "campaign") return "/campagnes/postkaarten";
  const auto id = parse_id(o.target).value_or(0);
  if (o.kind == "resource")
    if (auto r = catalog::resource_ref(sql, id)) return "/kennisbank/" + r->slug;
  if (o.kind == "series")
    if (auto s = trainings::series_ref(sql, id)) return "/vorming/" + s->slug;
  return "";
}

nlohmann::json action_json(App& app, const ActionDetail& d) {
  const Action& a = d.listed.action;
  nlohmann::json milestones = nlohmann::json::array(), outputs = nlohmann::json::array(),
                 indicators = nlohmann::json::array(), needs = nlohmann::json::array(),
                 goals = nlohmann::json::array(), parts = nlohmann::json::array(),
                 timeline = nlohmann::json::array();
  for (const auto& m : a.milestones)
    milestones.push_back({{"id", m.id},
                          {"title", m.title},
                          {"due_on", m.due_on},
                          {"done", m.done_on.has_value()},
                          {"done_on", m.done_on.value_or("")}});
  app.db().run([&](soci::session& sql) {
    for (const auto& o : a.outputs)
      outputs.push_back({{"id", o.id},
                         {"label", o.label},
                         {"kind_label", output_kind_label(o.kind)},
                         {"href", output_href(sql, o)}});
  });
  for (const auto& i : a.indicators)
    indicators.push_back({{"id", i.id},
                          {"name", i.name},
                          {"value", format_number(i.value)},
                          {"value_input", format_number(i.value)},
                          {"has_target", i.target.has_value()},
                          {"target", i.target ? format_number(*i.target) : ""},
                          {"unit", i.unit}});
  for (const auto& n : d.needs)
    needs.push_back({{"id", n.id},
                     {"title", n.title},
                     {"place", n.nis_code ? reference::municipality_name(app.db(), *n.nis_code)
                                          : std::string("bovenlokaal")}});
  const auto all_goals = GoalStore(app.db()).all();
  for (const auto& g : all_goals)
    if (std::find(a.goal_numbers.begin(), a.goal_numbers.end(), g.number) != a.goal_numbers.end())
      goals.push_back({{"number", g.number}, {"title", g.title}});
  for (const auto& p : d.parts)
    parts.push_back({{"id", p.action.id},
                     {"title", p.action.title},
                     {"progress", p.progress},
                     {"standing", standing_label(p.standing)}});
  for (const auto& e : d.timeline)
    timeline.push_back({{"date", format_date_nl(e.at)}, {"summary", e.summary}});
  std::string owner;
  if (a.owner_kind == "municipality" && a.owner_nis_code)
    owner = reference::municipality_name(app.db(), *a.owner_nis_code);
  else if (a.owner_kind == "partner")
    owner = a.owner_partner;
  else if (a.owner_user_id)
    owner = app.db().run(
        [&](soci::session& sql) { return ActionStore::user_name(sql, *a.owner_user_id); });
  nlohmann::json out = {{"id", a.id},
                        {"title", a.title},
                        {"description", a.description},
                        {"owner", owner},
                        {"status_label", d.status_label},
                        {"progress", d.listed.progress},
                        {"own_progress", a.progress.has_value()},
                        {"standing", standing_label(d.listed.standing)},
                        {"starts_on", a.starts_on},
                        {"ends_on", a.ends_on.value_or("")},
                        {"is_public", a.is_public},
                        {"milestones", milestones},
                        {"has_milestones", !milestones.empty()},
                        {"outputs", outputs},
                        {"has_outputs", !outputs.empty()},
                        {"indicators", indicators},
                        {"has_indicators", !indicators.empty()},
                        {"needs", needs},
                        {"has_needs", !needs.empty()},
                        {"goals", goals},
                        {"parts", parts},
                        {"has_parts", !parts.empty()},
                        {"timeline", timeline},
                        {"may_edit", d.may_edit}};
  if (d.parent) out["parent"] = {{"id", d.parent->id}, {"title", d.parent->title}};
  return out;
}

nlohmann::json output_choices(App& app, const std::string& kind, const std::string& series,
                              const std::string& campaign) {
  nlohmann::json kinds = nlohmann::json::array(), serieses = nlohmann::json::array(),
                 campaigns_list = nlohmann::json::array();
  for (const char* k : {"series", "resource", "campaign", "link"})
    kinds.push_back({{"value", k}, {"label", output_kind_label(k)}, {"selected", kind == k}});
  const auto refs = app.db().run([](soci::session& sql) { return trainings::series_refs(sql); });
  for (const auto& s : refs)
    serieses.push_back(
        {{"value", s.id}, {"label", s.title}, {"selected", std::to_string(s.id) == series}});
  for (const auto& c : campaigns::postcard_themes())
    campaigns_list.push_back({{"value", c.value},
                              {"label", "Postkaarten " + c.label},
                              {"selected", c.value == campaign}});
  return {
      {"output_kinds", kinds}, {"output_series", serieses}, {"output_campaigns", campaigns_list}};
}

}  // namespace

web::Response action_page(App& app, const web::Request& req, std::int64_t id, const Error* error) {
  auto d = action_service(app).detail(req.user, id);
  if (!d) return app.failure_page(req, d.error());
  nlohmann::json model = tabs_model(req);
  model["action"] = action_json(app, d.value());
  model["action_id"] = id;
  nlohmann::json origins = nlohmann::json::array();
  for (const auto& o : action_origins(app.db(), id))
    origins.push_back({{"label", o.label}, {"href", o.href}});
  model["origins"] = origins;
  const bool sent = error && req.method == "POST";
  auto sent_value = [&](const char* name) { return sent ? req.form.get(name) : std::string(); };
  model["values"] = {{"milestone_title", sent_value("milestone_title")},
                     {"milestone_due_on", sent_value("milestone_due_on")},
                     {"output_target", sent_value("output_target")},
                     {"output_label", sent_value("output_label")},
                     {"indicator_name", sent_value("indicator_name")},
                     {"indicator_value", sent_value("indicator_value")},
                     {"indicator_target", sent_value("indicator_target")},
                     {"indicator_unit", sent_value("indicator_unit")}};
  model.update(output_choices(app, sent_value("output_kind"), sent_value("output_series"),
                              sent_value("output_campaign")));
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "signals/action_page", d.value().listed.action.title, model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response action_failure(App& app, const web::Request& req, std::int64_t id,
                             const Error& error) {
  if (error.failure == Failure::forbidden)
    return app.deny(req, "edit", "action:" + std::to_string(id));
  return app.failure_page(req, error, [&](int) { return action_page(app, req, id, &error); });
}

namespace {

web::Response back(App& app, web::Request& req, std::int64_t id, const std::string& message,
                   const std::string& anchor) {
  app.ensure_session(req).add_flash("success", message);
  return web::Response::redirect("/acties/" + std::to_string(id) + "#" + anchor);
}

web::Response milestone_add(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = action_service(app).add_milestone(req.user, id, req.form.get("milestone_title"),
                                                req.form.get("milestone_due_on"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De mijlpaal is toegevoegd.", "mijlpalen");
}

web::Response milestone_mark(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const bool reached = req.form.get("done") != "0";
  auto done = action_service(app).mark_milestone(req.user, id, web::id_param(req, "mid"), reached);
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, reached ? "De mijlpaal is bereikt." : "De mijlpaal staat weer open.",
              "mijlpalen");
}

web::Response milestone_remove(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = action_service(app).remove_milestone(req.user, id, web::id_param(req, "mid"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De mijlpaal is verwijderd.", "mijlpalen");
}

web::Response output_add(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const std::string kind = req.form.get("output_kind");
  const std::string target = kind == "series"     ? req.form.get("output_series")
                             : kind == "campaign" ? req.form.get("output_campaign")
                                                  : req.form.get("output_target");
  auto done =
      action_service(app).add_output(req.user, id, kind, target, req.form.get("output_label"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De output is toegevoegd.", "outputs");
}

web::Response output_remove(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = action_service(app).remove_output(req.user, id, web::id_param(req, "oid"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De output is verwijderd.", "outputs");
}

web::Response indicator_add(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = action_service(app).add_indicator(
      req.user, id, req.form.get("indicator_name"), req.form.get("indicator_value"),
      req.form.get("indicator_target"), req.form.get("indicator_unit"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De indicator is toegevoegd.", "indicatoren");
}

web::Response indicator_update(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = action_service(app).update_indicator(req.user, id, web::id_param(req, "iid"),
                                                   req.form.get("indicator_value"),
                                                   req.form.get("indicator_target"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De waarde is aangepast.", "indicatoren");
}

web::Response indicator_remove(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto done = action_service(app).remove_indicator(req.user, id, web::id_param(req, "iid"));
  if (!done) return action_failure(app, req, id, done.error());
  return back(app, req, id, "De indicator is verwijderd.", "indicatoren");
}

}  // namespace

void install_action_part_routes(App& app) {
  auto& r = app.router();
  const Access network = Access::network();
  r.post("/acties/{id}/mijlpalen", app.bind(milestone_add), {.access = network});
  r.post("/acties/{id}/mijlpalen/{mid}/bereikt", app.bind(milestone_mark), {.access = network});
  r.post("/acties/{id}/mijlpalen/{mid}/verwijderen", app.bind(milestone_remove),
         {.access = network});
  r.post("/acties/{id}/outputs", app.bind(output_add), {.access = network});
  r.post("/acties/{id}/outputs/{oid}/verwijderen", app.bind(output_remove), {.access = network});
  r.post("/acties/{id}/indicatoren", app.bind(indicator_add), {.access = network});
  r.post("/acties/{id}/indicatoren/{iid}", app.bind(indicator_update), {.access = network});
  r.post("/acties/{id}/indicatoren/{iid}/verwijderen", app.bind(indicator_remove),
         {.access = network});
}

}  // namespace schakel::signals
