// /acties: the list with its filters, the action page, and the forms to create
// and edit an action (thin handlers; the rules are in ActionService).
#include <algorithm>

#include "app/app.hpp"
#include "catalog/terms.hpp"
#include "core/text.hpp"
#include "reference/municipalities.hpp"
#include "signals/action_pages.hpp"
#include "signals/action_rules.hpp"
#include "signals/action_store.hpp"
#include "signals/actions.hpp"
#include "signals/goals.hpp"
#include "web/access.hpp"

namespace schakel::signals {

namespace {

using web::Access;

std::map<std::string, std::string> theme_labels(App& app) {
  std::map<std::string, std::string> out;
  for (const auto& t : catalog::terms(app.db(), "theme")) out[t.slug] = t.label;
  return out;
}

std::string owner_text(App& app, const Action& a) {
  if (a.owner_kind == "municipality" && a.owner_nis_code)
    return reference::municipality_name(app.db(), *a.owner_nis_code);
  if (a.owner_kind == "partner") return a.owner_partner;
  if (a.owner_user_id)
    return app.db().run(
        [&](soci::session& sql) { return ActionStore::user_name(sql, *a.owner_user_id); });
  return "";
}

nlohmann::json listed_json(App& app, const ListedAction& l,
                           const std::map<std::string, std::string>& themes) {
  std::string places, topics;
  for (const auto& nis : l.municipalities)
    places += (places.empty() ? "" : ", ") + reference::municipality_name(app.db(), nis);
  for (const auto& t : l.themes)
    topics += (topics.empty() ? "" : ", ") + (themes.contains(t) ? themes.at(t) : t);
  return {{"id", l.action.id},
          {"title", l.action.title},
          {"owner", owner_text(app, l.action)},
          {"progress", l.progress},
          {"standing", standing_label(l.standing)},
          {"standing_slug", standing_slug(l.standing)},
          {"is_part", l.action.parent_id.has_value()},
          {"is_public", l.action.is_public},
          {"period", l.action.starts_on + " tot " + l.action.ends_on.value_or("open einde")},
          {"places_text", places},
          {"themes_text", topics}};
}

nlohmann::json options(const std::vector<std::pair<std::string, std::string>>& list,
                       const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : list)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

std::vector<std::pair<std::string, std::string>> flemish(App& app) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& m : reference::municipalities_in_region(app.db(), "Vlaanderen"))
    out.emplace_back(m.nis_code, m.name_nl);
  return out;
}

ActionFilter filter_of(const web::Request& req) {
  ActionFilter f;
  const auto& q = req.query_params;
  if (!q.get("gemeente").empty()) f.gemeente = q.get("gemeente");
  f.thema = q.get("thema");
  f.doel = q.get("doel");
  if (!q.get("stand").empty()) f.stand = q.get("stand");
  return f;
}

// Long because: the list's filter form needs its four choice lists.
web::Response list_get(App& app, web::Request& req) {
  auto service = action_service(app);
  const ActionFilter f = filter_of(req);
  auto list = service.list(req.user, f);
  if (!list) return app.failure_page(req, list.error());
  const auto themes = theme_labels(app);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& l : list.value()) rows.push_back(listed_json(app, l, themes));
  std::vector<std::pair<std::string, std::string>> places = {{"alle", "Alle gemeenten"}};
  for (auto& p : flemish(app)) places.push_back(p);
  std::vector<std::pair<std::string, std::string>> topics = {{"", "Alle thema's"}};
  for (const auto& [slug, label] : themes) topics.emplace_back(slug, label);
  std::vector<std::pair<std::string, std::string>> goals = {{"", "Alle doelen"}};
  for (const auto& g : GoalStore(app.db()).all())
    goals.emplace_back(std::to_string(g.number), std::to_string(g.number) + ". " + g.title);
  const std::vector<std::pair<std::string, std::string>> stands = {{"alle", "Alle"},
                                                                   {"gepland", "Gepland"},
                                                                   {"lopend", "Loopt"},
                                                                   {"voorbij", "Over de einddatum"},
                                                                   {"afgerond", "Afgerond"}};
  nlohmann::json model = tabs_model(req);
  model.update({{"rows", rows},
                {"count", rows.size()},
                {"count_is_one", rows.size() == 1},
                {"has_rows", !rows.empty()},
                {"may_create", service.may_create(req.user)},
                {"places", options(places, f.gemeente)},
                {"topics", options(topics, f.thema)},
                {"goals", options(goals, f.doel)},
                {"stands", options(stands, f.stand)}});
  return app.render_page(req, "signals/action_list", "Acties", model);
}

ActionInput input_from(const web::Request& req) {
  const auto& f = req.form;
  ActionInput in;
  in.title = f.get("title");
  in.description = f.get("description");
  in.owner_kind = f.get("owner_kind");
  in.owner_user_id = f.get("owner_user_id");
  in.owner_nis_code = f.get("owner_nis_code");
  in.owner_partner = f.get("owner_partner");
  in.starts_on = f.get("starts_on");
  in.ends_on = f.get("ends_on");
  in.status_id = f.get("status_id");
  in.progress = f.get("progress");
  in.parent_id = f.get("parent_id");
  in.is_public = f.get("is_public") == "1";
  in.need_ids = f.get_all("need_ids");
  in.goal_numbers = f.get_all("goal_numbers");
  return in;
}

bool holds(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Long because: the form has a choice list for each of its links.
web::Response form_page(App& app, const web::Request& req, const ActionInput& in, std::int64_t id,
                        const Error* error) {
  auto service = action_service(app);
  const auto choices = service.choices();
  nlohmann::json statuses = nlohmann::json::array(), needs = nlohmann::json::array(),
                 goals = nlohmann::json::array(), parents = nlohmann::json::array(),
                 people = nlohmann::json::array();
  for (const auto& s : choices.statuses)
    statuses.push_back({{"value", s.id},
                        {"label", s.label + " (" + std::to_string(s.progress) + "%)"},
                        {"selected", std::to_string(s.id) == in.status_id}});
  for (const auto& n : choices.needs)
    needs.push_back({{"id", n.id},
                     {"title", n.title},
                     {"place", n.nis_code ? reference::municipality_name(app.db(), *n.nis_code)
                                          : std::string("bovenlokaal")},
                     {"checked", holds(in.need_ids, std::to_string(n.id))}});
  for (const auto& g : GoalStore(app.db()).all())
    goals.push_back({{"number", g.number},
                     {"title", g.title},
                     {"checked", holds(in.goal_numbers, std::to_string(g.number))}});
  parents.push_back({{"value", ""},
                     {"label", "Geen: een zelfstandige actie"},
                     {"selected", in.parent_id.empty()}});
  for (const auto& a : choices.actions)
    if (a.id != id)
      parents.push_back({{"value", a.id},
                         {"label", a.title},
                         {"selected", std::to_string(a.id) == in.parent_id}});
  const auto persons = app.db().run([](soci::session& sql) { return ActionStore::people(sql); });
  people.push_back({{"value", ""}, {"label", "Kies een persoon"}, {"selected", false}});
  for (const auto& [uid, name] : persons)
    people.push_back(
        {{"value", uid}, {"label", name}, {"selected", std::to_string(uid) == in.owner_user_id}});
  nlohmann::json model = tabs_model(req);
  model.update({{"id", id},
                {"is_new", id == 0},
                {"action_path", id == 0 ? std::string("/acties/nieuw")
                                        : "/acties/" + std::to_string(id) + "/bewerken"},
                {"values",
                 {{"title", in.title},
                  {"description", in.description},
                  {"owner_partner", in.owner_partner},
                  {"starts_on", in.starts_on},
                  {"ends_on", in.ends_on},
                  {"progress", in.progress}}},
                {"owner_person", in.owner_kind == "person"},
                {"owner_municipality", in.owner_kind == "municipality"},
                {"owner_partner_kind", in.owner_kind == "partner"},
                {"is_public", in.is_public},
                {"municipalities", options(flemish(app), in.owner_nis_code)},
                {"people", people},
                {"statuses", statuses},
                {"needs", needs},
                {"has_needs", !needs.empty()},
                {"goals", goals},
                {"parents", parents}});
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "signals/action_form", id == 0 ? "Nieuwe actie" : "Actie aanpassen",
                         model, error ? App::status_for(error->failure) : 200);
}

web::Response new_get(App& app, web::Request& req) {
  ActionInput in;
  in.starts_on = action_service(app).today();
  const auto statuses = action_service(app).statuses();
  if (!statuses.empty()) in.status_id = std::to_string(statuses.front().id);
  return form_page(app, req, in, 0, nullptr);
}

web::Response new_post(App& app, web::Request& req) {
  const ActionInput in = input_from(req);
  auto made = action_service(app).create(req.user, in);
  if (!made)
    return app.failure_page(req, made.error(),
                            [&](int) { return form_page(app, req, in, 0, &made.error()); });
  app.ensure_session(req).add_flash("success", "De actie is bewaard.");
  return web::Response::redirect("/acties/" + std::to_string(made.value().id));
}

web::Response detail_get(App& app, web::Request& req) {
  return action_page(app, req, web::id_param(req, "id"));
}

web::Response edit_get(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  auto d = action_service(app).detail(req.user, id);
  if (!d) return app.failure_page(req, d.error());
  if (!d.value().may_edit) return app.deny(req, "edit", "action:" + std::to_string(id));
  return form_page(app, req, input_of(d.value().listed.action), id, nullptr);
}

web::Response edit_post(App& app, web::Request& req) {
  const auto id = web::id_param(req, "id");
  const ActionInput in = input_from(req);
  auto done = action_service(app).update(req.user, id, in);
  if (!done) {
    if (done.error().failure == Failure::forbidden)
      return app.deny(req, "edit", "action:" + std::to_string(id));
    return app.failure_page(req, done.error(),
                            [&](int) { return form_page(app, req, in, id, &done.error()); });
  }
  app.ensure_session(req).add_flash("success", "De actie is aangepast.");
  return web::Response::redirect("/acties/" + std::to_string(id));
}

}  // namespace

ActionService action_service(App& app) { return ActionService(app.db(), app.clock()); }

nlohmann::json tabs_model(const web::Request& req) {
  return {{"signals_tab_acties", true},
          {"signals_tabs_coordinator", is_network_coordinator(req.user)}};
}

void install_actions(App& app) {
  auto& r = app.router();
  const Access network = Access::network();
  const Access coordinator = Access::only({Role::coordinator, Role::admin});
  r.get("/acties", app.bind(list_get), {.access = network});
  r.get("/acties/nieuw", app.bind(new_get), {.access = coordinator});
  r.post("/acties/nieuw", app.bind(new_post), {.access = coordinator});
  r.get("/acties/{id}", app.bind(detail_get), {.access = network});
  r.get("/acties/{id}/bewerken", app.bind(edit_get), {.access = network});
  r.post("/acties/{id}/bewerken", app.bind(edit_post), {.access = network});
  install_action_part_routes(app);
  install_action_status_routes(app);
  install_action_csv_routes(app);
  install_action_demo(app);
}

}  // namespace schakel::signals
