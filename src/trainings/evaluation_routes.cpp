// Evaluations of training series: the form behind the link in the mail, the
// organiser's results with one reminder, the coordinator's impact report, their
// exports, and the job that invites participants once their series (or session)
// has ended. Thin handlers; the rules are in EvaluationService.
#include <algorithm>
#include <map>
#include <variant>

#include <nlohmann/json.hpp>

#include "accounts/types.hpp"
#include "app/app.hpp"
#include "audit/audit.hpp"
#include "catalog/terms.hpp"
#include "core/clock.hpp"
#include "store/signing_key.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/permissions.hpp"
#include "trainings/routes.hpp"
#include "trainings/store.hpp"
#include "view/charts.hpp"
#include "view/table_export.hpp"
#include "web/access.hpp"

namespace schakel::trainings {

namespace {

const char* const interval_help =
    "Het 95%-interval geeft aan waar de echte gemiddelde verandering zeer waarschijnlijk ligt. "
    "Ligt het hele interval boven nul, dan voelen deelnemers zich na de vorming duidelijk zekerder "
    "dan ervoor. Bevat het interval nul, dan kunnen we (nog) niet zeggen dat er iets veranderde.";

EvaluationService service_of(App& app) {
  return EvaluationService(app.db(), app.clock(), store::signing_key(app.db()));
}

std::string session_label(const Session& s) {
  return (s.title.empty() ? std::string() : s.title + ", ") + format_date_nl(s.starts_at);
}

std::string session_label_of(App& app, std::optional<std::int64_t> session_id) {
  if (!session_id) return "";
  auto s = app.db().run(
      [&](soci::session& sql) { return TrainingStore::find_session(sql, *session_id); });
  return s ? session_label(*s) : "";
}

std::string percent(int part, int whole) {
  if (whole == 0) return "";
  return format_decimal(100.0 * part / whole, 0) + "%";
}

// ---- The evaluation form ----

nlohmann::json scale_model(const std::string& name, const std::string& legend,
                           const std::string& hint, const web::Form* form, const Error* error) {
  const std::string chosen = form ? form->get(name) : "";
  nlohmann::json options = nlohmann::json::array();
  for (int v = 1; v <= 5; ++v)
    options.push_back({{"value", v}, {"checked", chosen == std::to_string(v)}});
  const std::string message = error ? error->message_for(name) : "";
  return {{"name", name},
          {"legend", legend},
          {"hint", hint},
          {"options", options},
          {"error", message.empty() ? nlohmann::json(false) : nlohmann::json(message)}};
}

web::Response form_page(App& app, const web::Request& req, const EvaluationTarget& target,
                        const std::string& token, const web::Form* form, const Error* error) {
  nlohmann::json model = error ? App::form_errors(*error) : nlohmann::json::object();
  model["series_title"] = target.series.title;
  model["session_label"] = target.session ? session_label(*target.session) : "";
  model["token"] = token;
  model["scales"] = {scale_model("satisfaction", "Hoe tevreden ben je over de vorming?",
                                 "1 = helemaal niet tevreden, 5 = heel tevreden", form, error),
                     scale_model("usefulness", "Hoe nuttig is de vorming voor je werk?",
                                 "1 = helemaal niet nuttig, 5 = heel nuttig", form, error)};
  nlohmann::json options = nlohmann::json::array();
  const auto chosen = form ? form->get_all("will_use") : std::vector<std::string>{};
  for (const auto& o : use_options())
    options.push_back(
        {{"value", o.value},
         {"label", o.label},
         {"checked", std::find(chosen.begin(), chosen.end(), o.value) != chosen.end()}});
  model["use_options"] = options;
  model["free_text"] = form ? form->get("free_text") : "";
  std::vector<int> confidence;
  if (form)
    for (std::size_t i = 0; i < confidence_questions().size(); ++i) {
      const std::string v = form->get("confidence_" + std::to_string(i));
      confidence.push_back(v.size() <= 2 && !v.empty() &&
                                   v.find_first_not_of("0123456789") == std::string::npos
                               ? std::stoi(v)
                               : 0);
    }
  model["confidence_fields"] = render_confidence_fields(app, confidence, error, true);
  return app.render_page(req, "trainings/evaluation_form", "Evaluatie: " + target.series.title,
                         model, error ? 422 : 200);
}

// ---- The organiser's results ----

std::optional<Series> managed_series(App& app, const web::Request& req) {
  const std::string slug = req.param("slug");
  return app.db().run(
      [&](soci::session& sql) { return TrainingStore::find_series_by_slug(sql, slug); });
}

nlohmann::json distribution(const std::string& id, const std::string& title, const Summary& s) {
  nlohmann::json rows = nlohmann::json::array();
  std::vector<view::Bar> bars;
  double max = 1;
  for (std::size_t i = 0; i < s.counts.size(); ++i) {
    const int count = s.counts[i];
    const std::string value = std::to_string(i + 1);
    const std::string share = s.n ? percent(count, s.n) : "";
    rows.push_back({{"value", value}, {"count", count}, {"percent", share.empty() ? "–" : share}});
    bars.push_back({value, static_cast<double>(count),
                    std::to_string(count) + (share.empty() ? "" : " (" + share + ")")});
    max = std::max(max, static_cast<double>(count));
  }
  return {{"id", id},
          {"title", title},
          {"n", s.n},
          {"mean", format_optional(s.mean)},
          {"sd", format_optional(s.sd)},
          {"rows", rows},
          {"svg", view::bar_chart_svg(title + ": aantal antwoorden per score", bars, max)}};
}

web::Response results_page(App& app, const web::Request& req, const Series& series) {
  const SeriesResults r = service_of(app).results(series);
  nlohmann::json model = {{"series_title", series.title}, {"slug", series.slug}};
  model["answered"] = r.answered;
  model["expected"] = r.expected;
  model["percent"] = percent(r.answered, r.expected);
  nlohmann::json pending = nlohmann::json::array();
  for (const auto& p : r.pending)
    pending.push_back({{"name", p.due.registration.name},
                       {"email", p.due.registration.email},
                       {"session_label",
                        p.due.session_id ? session_label_of(app, p.due.session_id) : "hele reeks"},
                       {"reminded", p.reminded_at ? "verstuurd op " + format_date_nl(*p.reminded_at)
                                                  : "nog niet"}});
  model["pending"] = pending;
  model["has_pending"] = !pending.empty();
  model["scales"] = {distribution("tevredenheid", "Tevredenheid", r.satisfaction),
                     distribution("nut", "Nut voor het werk", r.usefulness)};
  nlohmann::json confidence = nlohmann::json::array();
  std::vector<view::BeforeAfter> chart;
  for (const auto& c : r.confidence) {
    confidence.push_back({{"question", c.question},
                          {"before", format_optional(c.before.mean)},
                          {"n_before", c.before.n},
                          {"after", format_optional(c.after.mean)},
                          {"n_after", c.after.n},
                          {"pairs", c.change.pairs},
                          {"difference", format_optional(c.change.mean_difference)},
                          {"interval", format_interval(c.change)}});
    chart.push_back({c.question, c.before.mean, c.after.mean, format_optional(c.before.mean),
                     format_optional(c.after.mean)});
  }
  model["confidence"] = confidence;
  model["confidence_svg"] =
      view::before_after_svg("Gemiddeld vertrouwen vooraf en achteraf (1 tot 10)", chart, 10);
  model["interval_help"] = interval_help;
  nlohmann::json will_use = nlohmann::json::array();
  std::vector<view::Bar> bars;
  double max = 1;
  for (const auto& o : r.will_use) {
    will_use.push_back({{"label", o.option.label}, {"count", o.count}});
    bars.push_back({o.option.label, static_cast<double>(o.count), std::to_string(o.count)});
    max = std::max(max, static_cast<double>(o.count));
  }
  model["will_use"] = will_use;
  model["will_use_svg"] = view::bar_chart_svg("Wat deelnemers gaan gebruiken", bars, max);
  model["free_texts"] = r.free_texts;
  model["has_free_texts"] = !r.free_texts.empty();
  return app.render_page(req, "trainings/evaluation_results", "Evaluatie: " + series.title, model);
}

// The anonymous answers of one series, one row per evaluation with the
// participant's confidence before and after (no names, no pair keys).
view::Table answers_table(App& app, const Series& series) {
  const SeriesResults r = service_of(app).results(series);
  view::Table t;
  t.name = "Evaluaties";
  t.header = {"Reeks", "Sessie",         "Dag",      "Sector", "Tevredenheid",
              "Nut",   "Gaat gebruiken", "Opmerking"};
  const auto& questions = confidence_questions();
  for (std::size_t i = 0; i < questions.size(); ++i)
    t.header.push_back("Vertrouwen vooraf " + std::to_string(i + 1));
  for (std::size_t i = 0; i < questions.size(); ++i)
    t.header.push_back("Vertrouwen achteraf " + std::to_string(i + 1));
  for (const auto& e : r.rows) {
    std::string uses;
    for (const auto& u : e.will_use) {
      if (!uses.empty()) uses += ", ";
      uses += label_of(use_options(), u);
    }
    std::vector<view::Cell> row = {series.title,
                                   e.session_id ? session_label_of(app, e.session_id) : "",
                                   format_date_nl(e.submitted_on),
                                   e.sector,
                                   static_cast<double>(e.satisfaction),
                                   static_cast<double>(e.usefulness),
                                   uses,
                                   e.free_text};
    for (const char* phase : {"before", "after"})
      for (std::size_t i = 0; i < questions.size(); ++i) {
        view::Cell cell = std::string();
        for (const auto& c : r.confidence_rows)
          if (c.pair_key == e.pair_key && c.phase == phase && c.question == static_cast<int>(i))
            cell = static_cast<double>(c.value);
        row.push_back(cell);
      }
    t.rows.push_back(std::move(row));
  }
  return t;
}

// ---- The impact report ----

struct DimensionInfo {
  const char* dimension;
  const char* id;
  const char* title;
  const char* group_label;
};
const DimensionInfo dimensions[] = {{"all", "alles", "Alle reeksen samen", "Groep"},
                                    {"theme", "thema", "Per thema", "Thema"},
                                    {"format", "vorm", "Per vorm", "Vorm"},
                                    {"sector", "sector", "Per sector van de deelnemers", "Sector"},
                                    {"year", "jaar", "Per jaar", "Jaar"}};

std::string group_label(const ImpactGroup& g, const std::map<std::string, std::string>& themes) {
  if (g.dimension == "all") return "Alle reeksen";
  if (g.dimension == "theme") {
    auto it = themes.find(g.value);
    return it == themes.end() ? g.value : it->second;
  }
  if (g.dimension == "format")
    return g.value == "mixed" ? "Gemengd (sessies in meer dan één vorm)"
                              : label_of(formats(), g.value);
  if (g.dimension == "sector") {
    if (g.value.empty()) return "Niet opgegeven";
    for (const auto& s : accounts::sectors())
      if (s.value == g.value) return s.label;
    return g.value;
  }
  return g.value;
}

std::map<std::string, std::string> theme_labels(App& app) {
  std::map<std::string, std::string> out;
  for (const auto& t : catalog::terms(app.db(), "theme")) out[t.slug] = t.label;
  return out;
}

web::Response impact_page(App& app, const web::Request& req) {
  const auto groups = service_of(app).impact();
  const auto themes = theme_labels(app);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : dimensions) {
    nlohmann::json rows = nlohmann::json::array();
    std::vector<view::Bar> bars;
    for (const auto& g : groups) {
      if (g.dimension != d.dimension) continue;
      const std::string label = group_label(g, themes);
      rows.push_back({{"label", label},
                      {"series", g.series},
                      {"participants", g.participants},
                      {"responses", g.responses},
                      {"satisfaction", format_optional(g.satisfaction.mean)},
                      {"usefulness", format_optional(g.usefulness.mean)},
                      {"pairs", g.confidence.pairs},
                      {"difference", format_optional(g.confidence.mean_difference)},
                      {"interval", format_interval(g.confidence)}});
      const double diff = g.confidence.mean_difference.value_or(0);
      bars.push_back(
          {label, std::max(0.0, diff),
           g.confidence.mean_difference
               ? format_decimal(diff) + " (" + std::to_string(g.confidence.pairs) + " paren)"
               : "geen paren"});
    }
    if (rows.empty()) continue;
    list.push_back(
        {{"id", d.id},
         {"title", d.title},
         {"group_label", d.group_label},
         {"groups", rows},
         {"svg", view::bar_chart_svg(std::string(d.title) +
                                         ": gemiddelde verandering in vertrouwen, in punten op "
                                         "een schaal van 1 tot 10 (een daling krijgt geen balk)",
                                     bars, 9)}});
  }
  nlohmann::json model = {{"dimensions", list}, {"interval_help", interval_help}};
  return app.render_page(req, "trainings/impact", "Impact van de vormingen", model);
}

view::Table impact_table(App& app) {
  const auto groups = service_of(app).impact();
  const auto themes = theme_labels(app);
  view::Table t;
  t.name = "Impact";
  t.header = {"Indeling",     "Groep",       "Reeksen",
              "Deelnemers",   "Antwoorden",  "Tevredenheid",
              "Nut",          "Paren",       "Verandering vertrouwen",
              "Interval van", "Interval tot"};
  const auto number = [](const std::optional<double>& v) -> view::Cell {
    if (!v) return std::string();
    return *v;
  };
  for (const auto& g : groups) {
    std::string dimension;
    for (const auto& d : dimensions)
      if (g.dimension == d.dimension) dimension = d.group_label;
    t.rows.push_back({dimension, group_label(g, themes), static_cast<double>(g.series),
                      static_cast<double>(g.participants), static_cast<double>(g.responses),
                      number(g.satisfaction.mean), number(g.usefulness.mean),
                      static_cast<double>(g.confidence.pairs), number(g.confidence.mean_difference),
                      number(reported_bound(g.confidence, g.confidence.ci_low)),
                      number(reported_bound(g.confidence, g.confidence.ci_high))});
  }
  return t;
}

web::Response download(const std::string& body, const std::string& type,
                       const std::string& file_name) {
  web::Response res;
  res.body = body;
  res.headers.set("Content-Type", type);
  res.headers.set("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

web::Response export_table(App& app, const web::Request& req, const view::Table& table,
                           const std::string& object, const std::string& base_name, bool xlsx) {
  audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                       "export", object, xlsx ? "xlsx" : "csv", req.remote_ip});
  if (xlsx)
    return download(view::to_xlsx({table}),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    base_name + ".xlsx");
  return download(view::to_csv(table), "text/csv; charset=utf-8", base_name + ".csv");
}

// ---- Mails ----

mail::Mail evaluation_mail(App& app, const std::string& name, const DueEvaluation& d,
                           const std::string& token) {
  std::string title;
  app.db().run([&](soci::session& sql) {
    if (auto s = TrainingStore::find_series(sql, d.registration.unit.series_id)) title = s->title;
  });
  return app.compose_mail(d.registration.email, "trainings/" + name,
                          {{"name", d.registration.name},
                           {"series_title", title},
                           {"session_label", session_label_of(app, d.session_id)},
                           {"link", "/vorming/evaluatie?token=" + token}});
}

}  // namespace

std::string render_confidence_fields(const App& app, const std::vector<int>& values,
                                     const Error* errors, bool required) {
  return app.renderer().render("trainings/evaluation_confidence_fields",
                               confidence_fields_model(values, errors, required));
}

std::string evaluation_link(App& app, const Registration& r,
                            std::optional<std::int64_t> session_id) {
  return app.base_url() + "/vorming/evaluatie?token=" + service_of(app).token_for(r.id, session_id);
}

namespace {

web::Response evaluation_form(App& app, web::Request& req) {
  const std::string token = req.query_params.get("token");
  auto target = service_of(app).open(token);
  if (!target) return app.failure_page(req, target.error());
  return form_page(app, req, target.value(), token, nullptr, nullptr);
}

web::Response evaluation_post(App& app, web::Request& req) {
  const std::string token = req.query_params.get("token");
  auto service = service_of(app);
  auto target = service.open(token);
  if (!target) return app.failure_page(req, target.error());
  auto input = parse_evaluation(req.form);
  if (!input) return form_page(app, req, target.value(), token, &req.form, &input.error());
  auto done = service.submit(token, input.value());
  if (!done) return app.failure_page(req, done.error());
  return app.render_page(req, "trainings/evaluation_done", "Bedankt voor je evaluatie",
                         {{"series_title", done.value().series.title}});
}

// The series of {slug} for its organiser (routes declare signed_in); else 404 or
// an audited 403 naming `action`.
std::variant<Series, web::Response> organised_series(App& app, web::Request& req,
                                                     const std::string& action) {
  auto series = managed_series(app, req);
  if (!series) return app.error_page(&req, 404);
  if (!may_manage(req.user, *series))
    return app.deny(req, action, "training_series:" + std::to_string(series->id));
  return *series;
}

web::Response results_get(App& app, web::Request& req) {
  auto found = organised_series(app, req, "view_evaluation");
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  return results_page(app, req, std::get<Series>(found));
}

web::Response remind_post(App& app, web::Request& req) {
  auto found = organised_series(app, req, "remind_evaluation");
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  const Series& series = std::get<Series>(found);
  const int sent = service_of(app).send_reminders(
      series, [&app](const DueEvaluation& d, const std::string& token) {
        return evaluation_mail(app, "mail_evaluation_reminder", d, token);
      });
  app.ensure_session(req).add_flash(
      sent > 0 ? "success" : "info",
      sent == 0   ? "Er is niemand meer om te herinneren: wie nog niet antwoordde, kreeg al een "
                    "herinnering."
      : sent == 1 ? "Er is 1 herinnering verstuurd."
                  : "Er zijn " + std::to_string(sent) + " herinneringen verstuurd.");
  return web::Response::redirect("/vorming/" + series.slug + "/evaluatie");
}

web::Response answers_export(App& app, web::Request& req, bool xlsx) {
  auto found = organised_series(app, req, "export_evaluation");
  if (auto* answer = std::get_if<web::Response>(&found)) return std::move(*answer);
  const Series& series = std::get<Series>(found);
  return export_table(app, req, answers_table(app, series),
                      "training_series:" + std::to_string(series.id), "evaluatie-" + series.slug,
                      xlsx);
}

web::Response impact_export(App& app, web::Request& req, bool xlsx) {
  return export_table(app, req, impact_table(app), "training_impact", "impact-vormingen", xlsx);
}

web::Response impact_get(App& app, web::Request& req) { return impact_page(app, req); }

}  // namespace

void install_evaluation_routes(App& app) {
  app.jobs().add(jobs::Job{"trainings.evaluation_invites", 900, 300, [&app] {
                             service_of(app).send_invitations(
                                 [&app](const DueEvaluation& d, const std::string& token) {
                                   return evaluation_mail(app, "mail_evaluation_invite", d, token);
                                 });
                           }});

  using web::Access;
  auto& r = app.router();
  // The participant's form: the signed token in the link is the proof (a
  // cross-site page cannot know it), so a guest without a session can answer:
  // no CSRF cookie needed.
  r.get("/vorming/evaluatie", app.bind(evaluation_form));
  r.post("/vorming/evaluatie", app.bind(evaluation_post), {.csrf_exempt = true});
  // The organiser's results: whose series is an object rule (organised_series).
  r.get("/vorming/{slug}/evaluatie", app.bind(results_get), {.access = Access::signed_in()});
  r.post("/vorming/{slug}/evaluatie/herinneren", app.bind(remind_post),
         {.access = Access::signed_in()});
  // The network's impact figures: the coordinator.
  const Access coordinator = Access::only({Role::coordinator});
  app.router().get("/vorming/impact", app.bind(impact_get), {.access = coordinator});
  for (const bool xlsx : {true, false}) {
    const std::string ext = xlsx ? "xlsx" : "csv";
    r.get("/vorming/{slug}/evaluatie." + ext,
          [&app, xlsx](web::Request& req) { return answers_export(app, req, xlsx); },
          {.runs_long = true, .access = Access::signed_in()});
    r.get("/vorming/impact." + ext,
          [&app, xlsx](web::Request& req) { return impact_export(app, req, xlsx); },
          {.runs_long = true, .access = coordinator});
  }
}

}  // namespace schakel::trainings
