// A municipality's distributions in a round (SPOC or coordinator) and the
// coordinator's totals of a round with charts and an XLSX export.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "campaigns/routes.hpp"
#include "campaigns/service.hpp"
#include "core/text.hpp"
#include "view/charts.hpp"
#include "view/table_export.hpp"
#include "web/access.hpp"

namespace schakel::campaigns {

namespace {

using web::Access;

CampaignService service_of(App& app) { return CampaignService(app.db(), app.clock()); }

nlohmann::json choices(const std::vector<Choice>& list, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : list)
    out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

// The list of a municipality's distributions in a round with the add form;
// `error` (of the add form, or of a removal) shows above it.
web::Response distributions_page(App& app, const web::Request& req, const Round& round,
                                 const reference::Municipality& m, const Error* error = nullptr) {
  auto list = service_of(app).distributions(req.user, round.id, m.nis_code);
  if (!list) return failure(app, req, list.error(), m.nis_code);
  nlohmann::json rows = nlohmann::json::array();
  std::int64_t total = 0;
  for (const auto& d : list.value()) {
    total += d.cards;
    rows.push_back({{"id", d.id},
                    {"cards", d.cards},
                    {"theme_label", label_of(postcard_themes(), d.theme)},
                    {"place_label", label_of(place_types(), d.place_type)}});
  }
  const bool sent = error && req.method == "POST";
  nlohmann::json model = {
      {"round_id", round.id},
      {"round_name", round.name},
      {"nis_code", m.nis_code},
      {"name", m.name_nl},
      {"rows", rows},
      {"total", total},
      {"count", rows.size()},
      {"has_rows", !rows.empty()},
      {"themes", choices(postcard_themes(), sent ? req.form.get("theme") : "")},
      {"places", choices(place_types(), sent ? req.form.get("place_type") : "")},
      {"values", {{"cards", sent ? req.form.get("cards") : ""}}}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "campaigns/distributions", "Verdeling van kaarten", model,
                         error ? App::status_for(error->failure) : 200);
}

// The form that corrects one distribution, with the values sent when `error` is given.
web::Response distribution_page(App& app, const web::Request& req, const Round& round,
                                const reference::Municipality& m, const Distribution& d,
                                const Error* error = nullptr) {
  const std::string theme = error ? req.form.get("theme") : d.theme;
  const std::string place = error ? req.form.get("place_type") : d.place_type;
  nlohmann::json model = {
      {"round_id", round.id},
      {"round_name", round.name},
      {"nis_code", m.nis_code},
      {"name", m.name_nl},
      {"id", d.id},
      {"themes", choices(postcard_themes(), theme)},
      {"places", choices(place_types(), place)},
      {"values", {{"cards", error ? req.form.get("cards") : std::to_string(d.cards)}}}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "campaigns/distribution", "Verdeling aanpassen", model,
                         error ? App::status_for(error->failure) : 200);
}

// The round and municipality of the path, or the answer when either is wrong.
std::variant<std::pair<Round, reference::Municipality>, web::Response> context_of(
    App& app, web::Request& req) {
  auto service = service_of(app);
  const auto id = web::id_param(req, "id");
  auto round = service.round(id);
  if (!round) return app.failure_page(req, round.error());
  auto m = service.municipality_for(req.user, req.param("nis"));
  if (!m) return failure(app, req, m.error(), req.param("nis"));
  return std::pair{round.value(), m.value()};
}

web::Response distributions_get(App& app, web::Request& req) {
  auto ctx = context_of(app, req);
  if (auto* res = std::get_if<web::Response>(&ctx)) return std::move(*res);
  const auto& [round, m] = std::get<0>(ctx);
  return distributions_page(app, req, round, m);
}

web::Response back_to_list(const Round& round, const reference::Municipality& m) {
  return web::Response::redirect("/campagnes/rondes/" + std::to_string(round.id) + "/gemeenten/" +
                                 m.nis_code);
}

web::Response distribution_add(App& app, web::Request& req) {
  auto ctx = context_of(app, req);
  if (auto* res = std::get_if<web::Response>(&ctx)) return std::move(*res);
  const auto& [round, m] = std::get<0>(ctx);
  Distribution d{0, round.id, m.nis_code, req.form.get("theme"), req.form.get("place_type"), 0};
  auto added = service_of(app).add_distribution(req.user, d, req.form.get("cards"));
  if (!added)
    return failure(app, req, added.error(), m.nis_code,
                   [&](int) { return distributions_page(app, req, round, m, &added.error()); });
  return back_to_list(round, m);
}

web::Response distribution_get(App& app, web::Request& req) {
  auto ctx = context_of(app, req);
  if (auto* res = std::get_if<web::Response>(&ctx)) return std::move(*res);
  const auto& [round, m] = std::get<0>(ctx);
  auto list = service_of(app).distributions(req.user, round.id, m.nis_code);
  if (!list) return failure(app, req, list.error(), m.nis_code);
  const auto id = web::id_param(req, "did");
  for (const auto& d : list.value())
    if (d.id == id) return distribution_page(app, req, round, m, d);
  return app.error_page(&req, 404, "Deze regel bestaat niet (meer).");
}

web::Response distribution_correct(App& app, web::Request& req) {
  auto ctx = context_of(app, req);
  if (auto* res = std::get_if<web::Response>(&ctx)) return std::move(*res);
  const auto& [round, m] = std::get<0>(ctx);
  const auto id = web::id_param(req, "did");
  Distribution d{id, round.id, m.nis_code, req.form.get("theme"), req.form.get("place_type"), 0};
  auto done = service_of(app).correct_distribution(req.user, d, req.form.get("cards"));
  if (!done)
    return failure(app, req, done.error(), m.nis_code,
                   [&](int) { return distribution_page(app, req, round, m, d, &done.error()); });
  return back_to_list(round, m);
}

web::Response distribution_delete(App& app, web::Request& req) {
  auto ctx = context_of(app, req);
  if (auto* res = std::get_if<web::Response>(&ctx)) return std::move(*res);
  const auto& [round, m] = std::get<0>(ctx);
  auto done = service_of(app).delete_distribution(req.user, round.id, m.nis_code,
                                                  web::id_param(req, "did"));
  if (!done)
    return failure(app, req, done.error(), m.nis_code,
                   [&](int) { return distributions_page(app, req, round, m, &done.error()); });
  return back_to_list(round, m);
}

std::string municipality_label(App& app, const std::string& nis) {
  return reference::municipality_name(app.db(), nis);
}

nlohmann::json dimension(const std::string& id, const std::string& title,
                         const std::string& group_label, const std::vector<Total>& totals,
                         const std::function<std::string(const std::string&)>& label) {
  std::vector<view::Bar> bars;
  nlohmann::json groups = nlohmann::json::array();
  double max = 1;
  for (const auto& t : totals) {
    bars.push_back({label(t.key), static_cast<double>(t.count), std::to_string(t.count)});
    groups.push_back({{"label", label(t.key)}, {"count", t.count}});
    max = std::max(max, static_cast<double>(t.count));
  }
  return {{"id", id},
          {"title", title},
          {"group_label", group_label},
          {"svg", view::bar_chart_svg(title, bars, max)},
          {"groups", groups}};
}

web::Response totals_get(App& app, web::Request& req) {
  auto t = service_of(app).totals(web::id_param(req, "id"));
  if (!t) return app.failure_page(req, t.error());
  const auto& totals = t.value();
  nlohmann::json dimensions = nlohmann::json::array();
  if (totals.cards > 0) {
    auto theme = [](const std::string& k) { return label_of(postcard_themes(), k); };
    auto place = [](const std::string& k) { return label_of(place_types(), k); };
    auto town = [&](const std::string& k) { return municipality_label(app, k); };
    dimensions.push_back(dimension("thema", "Kaarten per thema", "Thema", totals.by_theme, theme));
    dimensions.push_back(
        dimension("gemeente", "Kaarten per gemeente", "Gemeente", totals.by_municipality, town));
    dimensions.push_back(dimension("plaats", "Kaarten per soort plaats", "Soort plaats",
                                   totals.by_place_type, place));
  }
  nlohmann::json scans = nlohmann::json::array();
  for (const auto& s : totals.scans)
    scans.push_back({{"municipality", municipality_label(app, s.nis_code)},
                     {"theme_label", label_of(postcard_themes(), s.theme)},
                     {"scans", s.scans}});
  auto period = brussels_to_utc(totals.round.starts_on, "12:00");
  auto until = brussels_to_utc(totals.round.ends_on, "12:00");
  nlohmann::json model = {{"round_id", totals.round.id},
                          {"round_name", totals.round.name},
                          {"period", (period ? format_date_nl(*period) : "") + " tot en met " +
                                         (until ? format_date_nl(*until) : "")},
                          {"cards", totals.cards},
                          {"scans_total", totals.scans_total},
                          {"dimensions", dimensions},
                          {"scans", scans}};
  return app.render_page(req, "campaigns/totals", "Totalen van een verdeelronde", model);
}

// The XLSX of a round: the detail (municipality, theme, place type, cards) and
// the scans per municipality and theme in the round's period.
web::Response totals_xlsx(App& app, web::Request& req) {
  auto t = service_of(app).totals(web::id_param(req, "id"));
  if (!t) return app.failure_page(req, t.error());
  const auto& totals = t.value();
  view::Table cards{"Verdeling", {"Gemeente", "NIS-code", "Thema", "Soort plaats", "Kaarten"}, {}};
  for (const auto& d : totals.rows)
    cards.rows.push_back({municipality_label(app, d.nis_code), d.nis_code,
                          label_of(postcard_themes(), d.theme),
                          label_of(place_types(), d.place_type), static_cast<double>(d.cards)});
  view::Table scans{"Scans", {"Gemeente", "NIS-code", "Thema", "Scans"}, {}};
  for (const auto& s : totals.scans)
    scans.rows.push_back({municipality_label(app, s.nis_code), s.nis_code,
                          label_of(postcard_themes(), s.theme), static_cast<double>(s.scans)});
  audit::record(
      app.db(),
      audit::Entry{0, app.clock().now(), req.user->id, req.user->email, "export",
                   "distribution_round:" + std::to_string(totals.round.id), "xlsx", req.remote_ip});
  return download(view::to_xlsx({cards, scans}),
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  "postkaarten-ronde-" + std::to_string(totals.round.id) + ".xlsx");
}

}  // namespace

void install_round_routes(App& app) {
  auto& r = app.router();
  const Access network = Access::only({Role::spoc, Role::coordinator});
  const Access coordinator = Access::only({Role::coordinator});
  const std::string list = "/campagnes/rondes/{id}/gemeenten/{nis}";
  r.get(list, app.bind(distributions_get), {.access = network});
  r.post(list, app.bind(distribution_add), {.access = network});
  r.get(list + "/{did}", app.bind(distribution_get), {.access = network});
  r.post(list + "/{did}", app.bind(distribution_correct), {.access = network});
  r.post(list + "/{did}/verwijderen", app.bind(distribution_delete), {.access = network});
  r.get("/campagnes/rondes/{id}/totalen", app.bind(totals_get), {.access = coordinator});
  r.get("/campagnes/rondes/{id}/totalen.xlsx", app.bind(totals_xlsx),
        {.runs_long = true, .access = coordinator});
}

}  // namespace schakel::campaigns
