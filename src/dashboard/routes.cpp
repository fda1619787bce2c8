// The coordinator's dashboard:
//   GET /coordinatie[?jaar=YYYY]                 the lines and the figures of a year
//   GET /coordinatie/jaarverslag/{year}.pdf     the yearly report as PDF
//   GET /coordinatie/jaarverslag/{year}.xlsx    the same figures as a workbook
// (the router matches "{year}.pdf" as one segment; the handler splits it).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "core/clock.hpp"
#include "dashboard/report_pdf.hpp"
#include "dashboard/routes.hpp"
#include "dashboard/service.hpp"
#include "view/charts.hpp"
#include "view/table_export.hpp"
#include "web/access.hpp"

namespace schakel::dashboard {

namespace {

nlohmann::json lines_model(const std::vector<LineGroup>& groups) {
  nlohmann::json out = nlohmann::json::array();
  for (const LineGroup& g : groups) {
    nlohmann::json lines = nlohmann::json::array();
    for (const AttentionLine& l : g.lines)
      lines.push_back({{"text", l.text},
                       {"href", l.href},
                       {"count", l.count},
                       {"urgent", l.level == "urgent"},
                       {"warning", l.level == "warning"}});
    out.push_back({{"heading", g.heading}, {"lines", lines}});
  }
  return out;
}

// The chart of one goal: bars scaled to its largest count (a percentage to 100).
std::string goal_chart(const GoalFigures& g) {
  std::vector<view::Bar> bars;
  double largest = 1;
  for (const Figure& f : g.figures)
    if (f.unit.empty()) largest = std::max(largest, static_cast<double>(f.value));
  for (const Figure& f : g.figures) {
    const double value = f.unit == "%" ? f.value * largest / 100.0 : f.value;
    bars.push_back({f.label, value, figure_text(f)});
  }
  return view::bar_chart_svg("Doelstelling " + std::to_string(g.number) + ": " + g.title, bars,
                             largest);
}

nlohmann::json goals_model(const YearReport& report) {
  nlohmann::json out = nlohmann::json::array();
  for (const GoalFigures& g : report.goals) {
    nlohmann::json figures = nlohmann::json::array();
    for (const Figure& f : g.figures)
      figures.push_back({{"label", f.label}, {"value", figure_text(f)}});
    out.push_back({{"number", g.number},
                   {"title", g.title},
                   {"source", g.source},
                   {"svg", goal_chart(g)},
                   {"figures", figures}});
  }
  return out;
}

nlohmann::json year_choices(int shown, int current) {
  nlohmann::json out = nlohmann::json::array();
  bool listed = false;
  for (int y = current; y >= current - 5; --y) {
    out.push_back({{"value", y}, {"selected", y == shown}});
    listed = listed || y == shown;
  }
  if (!listed) out.push_back({{"value", shown}, {"selected", true}});
  return out;
}

web::Response dashboard_page(App& app, web::Request& req) {
  DashboardService service(app);
  const std::string asked = req.query_params.get("jaar");
  const Result<int> year = asked.empty() ? Result<int>(service.this_year()) : parse_year(asked);
  if (!year) return app.failure_page(req, year.error());
  auto groups = service.lines(req.user);
  if (!groups) return app.failure_page(req, groups.error());
  auto report = service.report(req.user, year.value());
  if (!report) return app.failure_page(req, report.error());
  const std::string y = std::to_string(year.value());
  nlohmann::json model = {{"groups", lines_model(groups.value())},
                          {"all_clear", groups.value().empty()},
                          {"year", year.value()},
                          {"years", year_choices(year.value(), service.this_year())},
                          {"goals", goals_model(report.value())},
                          {"pdf_href", "/coordinatie/jaarverslag/" + y + ".pdf"},
                          {"xlsx_href", "/coordinatie/jaarverslag/" + y + ".xlsx"}};
  return app.render_page(req, "dashboard/dashboard", "Coördinatie", model);
}

view::Table figures_table(const YearReport& report) {
  view::Table t{"Jaarverslag " + std::to_string(report.year),
                {"Doelstelling", "Titel", "Bron", "Cijfer", "Waarde", "Eenheid"},
                {}};
  for (const GoalFigures& g : report.goals)
    for (const Figure& f : g.figures)
      t.rows.push_back({static_cast<double>(g.number), g.title, g.source, f.label,
                        static_cast<double>(f.value), f.unit});
  return t;
}

web::Response download(const std::string& body, const std::string& type, const std::string& name) {
  web::Response res;
  res.body = body;
  res.headers.set("Content-Type", type);
  res.headers.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

// GET /coordinatie/jaarverslag/{file}: "{year}.pdf" or "{year}.xlsx".
web::Response year_report(App& app, web::Request& req) {
  const std::string file = req.param("file");
  const auto dot = file.rfind('.');
  const std::string format = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (format != "pdf" && format != "xlsx")
    return app.failure_page(req, Error::of(Failure::not_found));
  const Result<int> year = parse_year(file.substr(0, dot));
  if (!year) return app.failure_page(req, year.error());
  auto report = DashboardService(app).report(req.user, year.value());
  if (!report) return app.failure_page(req, report.error());
  audit::record(app.db(),
                audit::Entry{0, app.clock().now(), req.user->id, req.user->email, "export",
                             "year_report:" + std::to_string(year.value()), format, req.remote_ip});
  const std::string name = "jaarverslag-" + std::to_string(year.value()) + "." + format;
  if (format == "pdf")
    return download(render_year_report_pdf(report.value(), format_date_nl(app.clock().now())),
                    "application/pdf", name);
  return download(view::to_xlsx({figures_table(report.value())}),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}

}  // namespace

void install_routes(App& app) {
  const web::Access coordinator = web::Access::only({Role::coordinator, Role::admin});
  app.router().get("/coordinatie", app.bind(dashboard_page), {.access = coordinator});
  app.router().get("/coordinatie/jaarverslag/{file}", app.bind(year_report),
                   {.access = coordinator});
}

}  // namespace schakel::dashboard
