// The campaign page (/campagnes/postkaarten), the coordinator's postcard editor,
// a municipality's help lines, the printable PDFs and the public QR target.
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "campaigns/routes.hpp"
#include "campaigns/service.hpp"
#include "reference/place_code.hpp"
#include "web/access.hpp"

namespace schakel::campaigns {

namespace {

using web::Access;

CampaignService service_of(App& app) { return CampaignService(app.db(), app.clock()); }

std::string period_of(const Round& r) {
  auto day = [](const std::string& d) {
    auto t = brussels_to_utc(d, "12:00");
    return t ? format_date_nl(*t) : d;
  };
  return day(r.starts_on) + " tot en met " + day(r.ends_on);
}

nlohmann::json help_lines_json(const std::vector<HelpLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < lines.size(); ++i)
    out.push_back(
        {{"label", lines[i].label}, {"phone", lines[i].phone}, {"last", i + 1 == lines.size()}});
  return out;
}

// Long because: it gathers the page's three sections (cards, printing, rounds) in one model.
web::Response index_page(App& app, const web::Request& req, const Error* error = nullptr,
                         const web::Form* sent = nullptr) {
  auto service = service_of(app);
  const bool coordinator = web::has_role(req.user, Role::coordinator);
  nlohmann::json postcards = nlohmann::json::array(), themes = nlohmann::json::array();
  for (const auto& t : postcard_themes())
    themes.push_back({{"value", t.value}, {"label", t.label}});
  for (const auto& p : service.postcards())
    postcards.push_back({{"theme", p.theme},
                         {"theme_label", label_of(postcard_themes(), p.theme)},
                         {"title", p.title},
                         {"tips", tip_lines(p.tips)},
                         {"call_to_action", p.call_to_action}});
  const auto municipalities = service.municipalities_for(req.user);
  nlohmann::json places = nlohmann::json::array();
  for (const auto& m : municipalities) {
    nlohmann::json cards = nlohmann::json::array();
    for (const auto& p : postcards)
      cards.push_back({{"theme", p["theme"]}, {"theme_label", p["theme_label"]}});
    places.push_back({{"nis_code", m.nis_code},
                      {"name", m.name_nl},
                      {"help_lines", help_lines_json(service.help_lines(m.nis_code))},
                      {"cards", cards}});
  }
  nlohmann::json rounds = nlohmann::json::array();
  for (const auto& r : service.rounds()) {
    nlohmann::json own = nlohmann::json::array();
    for (const auto& m : municipalities)
      own.push_back({{"round_id", r.id},
                     {"round_name", r.name},
                     {"nis_code", m.nis_code},
                     {"name", m.name_nl}});
    rounds.push_back(
        {{"id", r.id}, {"name", r.name}, {"period", period_of(r)}, {"municipalities", own}});
  }
  nlohmann::json model = {{"postcards", postcards},        {"themes", themes},
                          {"municipalities", places},      {"rounds", rounds},
                          {"is_coordinator", coordinator}, {"values", nlohmann::json::object()}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
    for (const char* f : {"name", "starts_on", "ends_on"}) model["values"][f] = sent->get(f);
  }
  return app.render_page(req, "campaigns/index", "Postkaarten", model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response index_get(App& app, web::Request& req) { return index_page(app, req); }

// The coordinator's form on the campaign page that makes a distribution round.
web::Response round_post(App& app, web::Request& req) {
  Round r{0, req.form.get("name"), req.form.get("starts_on"), req.form.get("ends_on")};
  auto made = service_of(app).create_round(req.user, r);
  if (!made)
    return app.failure_page(req, made.error(),
                            [&](int) { return index_page(app, req, &made.error(), &req.form); });
  return web::Response::redirect("/campagnes/postkaarten#ronde-" + std::to_string(made.value().id));
}

web::Response edit_page(App& app, const web::Request& req, const Postcard& p,
                        const Error* error = nullptr) {
  nlohmann::json model = {
      {"theme", p.theme},
      {"theme_label", label_of(postcard_themes(), p.theme)},
      {"values", {{"title", p.title}, {"tips", p.tips}, {"call_to_action", p.call_to_action}}},
      {"title_max", title_max},
      {"tip_max", tip_max},
      {"call_max", call_max},
      {"tips_min", tips_min_lines},
      {"tips_max", tips_max_lines}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "campaigns/postcard_edit", "Postkaart aanpassen", model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response edit_get(App& app, web::Request& req) {
  const std::string theme = req.param("theme");
  if (!is_choice(postcard_themes(), theme)) return app.error_page(&req, 404);
  auto found = service_of(app).postcard(theme);
  return edit_page(app, req, found ? found.value() : Postcard{theme, "", "", "", 0});
}

web::Response edit_post(App& app, web::Request& req) {
  Postcard p{req.param("theme"), req.form.get("title"), req.form.get("tips"),
             req.form.get("call_to_action"), 0};
  auto saved = service_of(app).save_postcard(req.user, p);
  if (!saved)
    return app.failure_page(req, saved.error(),
                            [&](int) { return edit_page(app, req, p, &saved.error()); });
  return web::Response::redirect("/campagnes/postkaarten#kaart-" + p.theme);
}

web::Response help_lines_page(App& app, const web::Request& req, const reference::Municipality& m,
                              const std::vector<HelpLine>& lines, const Error* error = nullptr) {
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t i = 0; i < lines.size() && i < help_lines_max; ++i) {
    values["label_" + std::to_string(i + 1)] = lines[i].label;
    values["phone_" + std::to_string(i + 1)] = lines[i].phone;
  }
  nlohmann::json model = {{"nis_code", m.nis_code}, {"name", m.name_nl}, {"values", values}};
  if (error) {
    model.update(App::form_errors(*error));
    model["has_errors"] = true;
  }
  return app.render_page(req, "campaigns/help_lines", "Hulplijnen op de kaarten", model,
                         error ? App::status_for(error->failure) : 200);
}

web::Response help_lines_get(App& app, web::Request& req) {
  auto service = service_of(app);
  auto m = service.municipality_for(req.user, req.param("nis"));
  if (!m) return failure(app, req, m.error(), req.param("nis"));
  return help_lines_page(app, req, m.value(), service.help_lines(m.value().nis_code));
}

web::Response help_lines_post(App& app, web::Request& req) {
  auto service = service_of(app);
  auto m = service.municipality_for(req.user, req.param("nis"));
  if (!m) return failure(app, req, m.error(), req.param("nis"));
  std::vector<HelpLine> lines;
  for (const char* n : {"1", "2"})
    lines.push_back(
        {req.form.get(std::string("label_") + n), req.form.get(std::string("phone_") + n)});
  auto saved = service.set_help_lines(req.user, m.value().nis_code, lines);
  if (!saved)
    return failure(app, req, saved.error(), m.value().nis_code, [&](int) {
      return help_lines_page(app, req, m.value(), lines, &saved.error());
    });
  return web::Response::redirect("/campagnes/postkaarten#gemeente-" + m.value().nis_code);
}

web::Response card_pdf(App& app, web::Request& req, bool sheet) {
  auto card = service_of(app).card(req.user, req.param("theme"), req.param("nis"), app.base_url());
  if (!card) return failure(app, req, card.error(), req.param("nis"));
  const bool crop_marks = req.query_params.get("snijtekens") == "1";
  const std::string name =
      "postkaart-" + req.param("theme") + "-" + req.param("nis") + (sheet ? "-a4" : "-a6") + ".pdf";
  return download(sheet ? render_sheet_pdf(card.value(), crop_marks)
                        : render_card_pdf(card.value(), crop_marks),
                  "application/pdf", name);
}

web::Response card_get(App& app, web::Request& req) { return card_pdf(app, req, false); }
web::Response sheet_get(App& app, web::Request& req) { return card_pdf(app, req, true); }

// The QR target: counts the scan (not for HEAD) and sends the citizen on to local help. Sets
// no cookie and leaves no session: the pipeline makes none for a GET that
// does not ask for one.
web::Response scan_get(App& app, web::Request& req) {
  auto service = service_of(app);
  auto target = req.method == "HEAD" ? service.scan_target(req.param("code"))
                                     : service.scan(req.param("code"), req.remote_ip);
  if (!target)
    return app.render_page(req, "campaigns/scan_unknown", "Code niet gevonden",
                           nlohmann::json::object(), 404);
  web::Response res =
      web::Response::redirect("/hulp/dichtbij/" + reference::place_code(target.value().nis_code));
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

web::Response failure(App& app, const web::Request& req, const Error& error,
                      const std::string& nis_code,
                      const std::function<web::Response(int)>& form_again) {
  if (error.failure == Failure::forbidden)
    return app.deny(req, "campaigns_municipality", "municipality:" + nis_code);
  return app.failure_page(req, error, form_again);
}

web::Response download(std::string body, const std::string& type, const std::string& file_name) {
  web::Response res;
  res.body = std::move(body);
  res.headers.set("Content-Type", type);
  res.headers.set("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  res.headers.set("Cache-Control", "no-store");
  res.headers.set("X-Content-Type-Options", "nosniff");
  return res;
}

void install_postcard_routes(App& app) {
  auto& r = app.router();
  const Access network = Access::only({Role::spoc, Role::coordinator});
  const Access coordinator = Access::only({Role::coordinator});
  r.get("/campagnes/postkaarten", app.bind(index_get), {.access = network});
  r.get("/campagnes/postkaarten/{theme}/bewerken", app.bind(edit_get), {.access = coordinator});
  r.post("/campagnes/postkaarten/{theme}/bewerken", app.bind(edit_post), {.access = coordinator});
  r.get("/campagnes/gemeenten/{nis}/hulplijnen", app.bind(help_lines_get), {.access = network});
  r.post("/campagnes/gemeenten/{nis}/hulplijnen", app.bind(help_lines_post), {.access = network});
  r.get("/campagnes/postkaarten/{theme}/{nis}/kaart.pdf", app.bind(card_get),
        {.runs_long = true, .access = network});
  r.get("/campagnes/postkaarten/{theme}/{nis}/vel.pdf", app.bind(sheet_get),
        {.runs_long = true, .access = network});
  r.post("/campagnes/rondes", app.bind(round_post), {.access = coordinator});
  r.get("/k/{code}", app.bind(scan_get));
}

}  // namespace schakel::campaigns
