// The coordinator's overview (/signalen/overzicht): the coverage matrix whose
// counts link to the filtered lists, the roll-ups as charts with tables, the
// lists of problems, and the same as an XLSX workbook.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "signals/goal_routes.hpp"
#include "signals/overview_service.hpp"
#include "signals/public_model.hpp"
#include "view/charts.hpp"
#include "view/table_export.hpp"
#include "web/access.hpp"
#include "web/form.hpp"

namespace schakel::signals {

namespace {

std::string label_in(const std::map<std::string, std::string>& labels, const std::string& key) {
  const auto found = labels.find(key);
  return found == labels.end() ? key : found->second;
}

std::string row_label(const Overview& o, const std::string& key) {
  return key == supra_local_key ? "Bovenlokaal" : label_in(o.municipality_labels, key);
}

std::string need_status_label(const std::string& status) {
  if (status == "open") return "Open";
  if (status == "in_progress") return "Wordt aangepakt";
  if (status == "addressed") return "Aangepakt";
  return "Niet aangepakt";
}

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The filtered lists a cell links to (feature-common13.md, "Filter parameters").
std::string query(const std::string& row, const std::string& theme) {
  return "gemeente=" + web::percent_encode(row) + "&thema=" + web::percent_encode(theme);
}

nlohmann::json matrix_model(const Overview& o) {
  nlohmann::json themes = nlohmann::json::array(), rows = nlohmann::json::array();
  for (const auto& t : o.matrix.themes) themes.push_back({{"label", label_in(o.theme_labels, t)}});
  for (const MatrixRow& row : o.matrix.rows) {
    const bool supra = row.key == supra_local_key;
    nlohmann::json cells = nlohmann::json::array();
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const MatrixCell& c = row.cells[i];
      const std::string q = query(row.key, o.matrix.themes[i]);
      nlohmann::json cell = {{"theme", label_in(o.theme_labels, o.matrix.themes[i])},
                             {"needs", plural(c.needs, "open nood", "open noden")},
                             {"needs_href", "/noden?" + q + "&status=openstaand"},
                             {"local", !supra}};
      if (!supra) {
        cell["signals"] = plural(c.signals, "signaal", "signalen");
        cell["signals_href"] = "/signalen?" + q + "&status=open";
        cell["actions"] = plural(c.actions, "lopende actie", "lopende acties");
        cell["actions_href"] = "/acties?" + q + "&stand=lopend";
      }
      cells.push_back(cell);
    }
    rows.push_back({{"label", row_label(o, row.key)}, {"cells", cells}});
  }
  return {{"themes", themes}, {"rows", rows}, {"has_themes", !o.matrix.themes.empty()}};
}

// One roll-up as a chart and a table: {id, title, group_label, svg, groups [{label, actions,
// progress}]}.
nlohmann::json roll_up_model(const std::string& id, const std::string& title,
                             const std::string& group_label,
                             const std::vector<std::pair<std::string, RollUp>>& groups) {
  std::vector<view::Bar> bars;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [label, r] : groups) {
    bars.push_back(
        {label, static_cast<double>(r.progress),
         std::to_string(r.progress) + "% (" + plural(r.actions, "actie", "acties") + ")"});
    rows.push_back({{"label", label}, {"actions", r.actions}, {"progress", r.progress}});
  }
  return {{"id", id},
          {"title", title},
          {"group_label", group_label},
          {"svg", groups.empty() ? "" : view::bar_chart_svg(title, bars, 100)},
          {"has_groups", !groups.empty()},
          {"groups", rows}};
}

// The three roll-ups, each as (label, roll-up) pairs in the order shown.
struct LabelledRollUps {
  std::vector<std::pair<std::string, RollUp>> by_goal, by_theme, by_municipality;
};
LabelledRollUps labelled(const Overview& o) {
  LabelledRollUps out;
  for (const Goal& g : o.goals) {
    const auto r = o.roll_ups.by_goal.find(std::to_string(g.number));
    out.by_goal.push_back({"Doelstelling " + std::to_string(g.number) + ": " + g.title,
                           r == o.roll_ups.by_goal.end() ? RollUp{} : r->second});
  }
  for (const auto& [slug, r] : o.roll_ups.by_theme)
    out.by_theme.push_back({label_in(o.theme_labels, slug), r});
  for (const auto& [nis, r] : o.roll_ups.by_municipality)
    out.by_municipality.push_back({label_in(o.municipality_labels, nis), r});
  return out;
}

nlohmann::json action_rows(const Overview& o, const std::vector<Action>& actions) {
  nlohmann::json out = nlohmann::json::array();
  for (const Action& a : actions) out.push_back(action_model(a, o.progress, o.data, o.today));
  return out;
}

web::Response overview_page(App& app, web::Request& req) {
  auto found = OverviewService(app.db(), app.clock()).overview(req.user);
  if (!found) return app.failure_page(req, found.error());
  const Overview& o = found.value();
  const LabelledRollUps r = labelled(o);
  nlohmann::json needs = nlohmann::json::array();
  for (const Need& n : o.needs_without_action)
    needs.push_back({{"id", n.id},
                     {"title", n.title},
                     {"where", n.nis_code ? label_in(o.municipality_labels, *n.nis_code)
                                          : std::string("Bovenlokaal")},
                     {"status_label", need_status_label(n.status)}});
  nlohmann::json model = {
      {"signals_tabs_coordinator", true},
      {"signals_tab_overzicht", true},
      {"today", date_nl(o.today)},
      {"matrix", matrix_model(o)},
      {"roll_ups",
       {roll_up_model("doel", "Voortgang per doelstelling", "Doelstelling", r.by_goal),
        roll_up_model("thema", "Voortgang per thema", "Thema", r.by_theme),
        roll_up_model("gemeente", "Voortgang per gemeente", "Gemeente", r.by_municipality)}},
      {"needs_without_action", needs},
      {"actions_without_need", action_rows(o, o.actions_without_need)},
      {"overdue", action_rows(o, o.overdue)}};
  model["has_needs_without_action"] = !o.needs_without_action.empty();
  model["has_actions_without_need"] = !o.actions_without_need.empty();
  model["has_overdue"] = !o.overdue.empty();
  return app.render_page(req, "signals/overview", "Overzicht van signalen, noden en acties", model);
}

view::Table roll_up_table(const std::string& name, const std::string& group_label,
                          const std::vector<std::pair<std::string, RollUp>>& groups) {
  view::Table t{name, {group_label, "Acties", "Voortgang (%)"}, {}};
  for (const auto& [label, r] : groups)
    t.rows.push_back({label, static_cast<double>(r.actions), static_cast<double>(r.progress)});
  return t;
}

view::Table actions_table(const Overview& o, const std::string& name,
                          const std::vector<Action>& actions) {
  view::Table t{name, {"Id", "Actie", "Einddatum", "Stand", "Voortgang (%)"}, {}};
  for (const Action& a : actions) {
    const int p = o.progress.count(a.id) ? o.progress.at(a.id) : 0;
    t.rows.push_back({static_cast<double>(a.id), a.title, a.ends_on.value_or(""),
                      standing_label(standing(a, p, o.today)), static_cast<double>(p)});
  }
  return t;
}

// Long because: one sheet per part of the page, each with its own columns.
web::Response overview_xlsx(App& app, web::Request& req) {
  auto found = OverviewService(app.db(), app.clock()).overview(req.user);
  if (!found) return app.failure_page(req, found.error());
  const Overview& o = found.value();
  view::Table matrix{
      "Matrix",
      {"Gemeente", "NIS-code", "Thema", "Open signalen", "Open noden", "Lopende acties"},
      {}};
  for (const MatrixRow& row : o.matrix.rows)
    for (std::size_t i = 0; i < row.cells.size(); ++i)
      matrix.rows.push_back(
          {row_label(o, row.key), row.key == supra_local_key ? "" : row.key,
           label_in(o.theme_labels, o.matrix.themes[i]), static_cast<double>(row.cells[i].signals),
           static_cast<double>(row.cells[i].needs), static_cast<double>(row.cells[i].actions)});
  const LabelledRollUps r = labelled(o);
  view::Table needs{"Noden zonder actie", {"Id", "Nood", "Gemeente", "Status"}, {}};
  for (const Need& n : o.needs_without_action)
    needs.rows.push_back(
        {static_cast<double>(n.id), n.title,
         n.nis_code ? label_in(o.municipality_labels, *n.nis_code) : std::string("Bovenlokaal"),
         need_status_label(n.status)});
  const std::vector<view::Table> sheets = {
      matrix,
      roll_up_table("Voortgang per doelstelling", "Doelstelling", r.by_goal),
      roll_up_table("Voortgang per thema", "Thema", r.by_theme),
      roll_up_table("Voortgang per gemeente", "Gemeente", r.by_municipality),
      needs,
      actions_table(o, "Acties zonder nood", o.actions_without_need),
      actions_table(o, "Over de einddatum", o.overdue)};
  audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                       "export", "signals_overview", "xlsx", req.remote_ip});
  web::Response res;
  res.body = view::to_xlsx(sheets);
  res.headers.set("Content-Type",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.headers.set("Content-Disposition",
                  "attachment; filename=\"overzicht-signalen-" + o.today + ".xlsx\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void install_overview_routes(App& app) {
  const web::Access coordinator = web::Access::only({Role::coordinator, Role::admin});
  app.router().get("/signalen/overzicht", app.bind(overview_page), {.access = coordinator});
  app.router().get("/signalen/overzicht.xlsx", app.bind(overview_xlsx),
                   {.runs_long = true, .access = coordinator});
}

}  // namespace schakel::signals
