// The coordinator's exchange of the directory with other directories: HSDS JSON and a
// flat CSV to download, and a file to read in that replaces the whole directory
// after every record passed the checks (see hsds.hpp).
#include "app/app.hpp"
#include "audit/audit.hpp"
#include "citizens/help_service_service.hpp"
#include "citizens/hsds.hpp"
#include "reference/municipalities.hpp"
#include "reference/postcodes.hpp"
#include "web/access.hpp"

namespace schakel::citizens {

HsdsReference hsds_reference(store::Database& db);

namespace {

web::Response download(std::string body, const std::string& type, const std::string& name) {
  web::Response res = web::Response::text(std::move(body));
  res.headers.set("Content-Type", type);
  res.headers.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

web::Response export_json(App& app, web::Request& req) {
  (void)req;
  auto& db = app.db();
  const auto doc = hsds_json(HelpServices(db, app.clock()).all(), [&db](const std::string& nis) {
    return reference::municipality_name(db, nis);
  });
  return download(doc.dump(2) + "\n", "application/json; charset=utf-8", "hulpaanbod-hsds.json");
}

web::Response export_csv(App& app, web::Request& req) {
  (void)req;
  return download(hsds_csv(HelpServices(app.db(), app.clock()).all()), "text/csv; charset=utf-8",
                  "hulpaanbod-hsds.csv");
}

web::Response import_page(App& app, const web::Request& req,
                          const std::vector<std::string>& problems, int status = 200) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : problems) list.push_back(p);
  return app.render_page(req, "citizens/directory_import", "Hulpaanbod inlezen",
                         {{"problems", list}, {"has_problems", !problems.empty()}}, status);
}

web::Response import_form(App& app, web::Request& req) { return import_page(app, req, {}); }

web::Response import_post(App& app, web::Request& req) {
  std::string text, filename;
  for (const auto& part : req.files)
    if (part.name == "bestand") {
      text.assign(part.data);
      filename = part.filename;
    }
  if (text.empty()) return import_page(app, req, {"Kies een bestand om in te lezen."}, 422);
  const bool is_csv = filename.size() > 4 && filename.substr(filename.size() - 4) == ".csv";
  const auto ref = hsds_reference(app.db());
  const HsdsImport read = is_csv ? parse_hsds_csv(text, ref) : parse_hsds_json(text, ref);
  if (!read.errors.empty()) return import_page(app, req, read.errors, 422);
  auto kept = HelpServices(app.db(), app.clock()).replace_all(req.user, read.services);
  if (!kept) return app.failure_page(req, kept.error());
  audit::record(app.db(), audit::Entry{0, app.clock().now(), req.user->id, req.user->email,
                                       "help_services_imported", "help_services",
                                       std::to_string(kept.value()) + " services", req.remote_ip});
  app.ensure_session(req).add_flash(
      "success", "Het bestand is ingelezen: " + std::to_string(kept.value()) + " diensten.");
  return web::Response::redirect("/netwerk/hulpaanbod");
}

}  // namespace

HsdsReference hsds_reference(store::Database& db) {
  return HsdsReference{
      [&db](const std::string& nis) { return reference::is_municipality(db, nis); },
      [&db](const std::string& postcode) {
        std::vector<std::string> out;
        for (const auto& m : reference::municipalities_for_postcode(db, postcode))
          out.push_back(m.nis_code);
        return out;
      }};
}

void install_hsds_routes(App& app) {
  auto& r = app.router();
  const web::Access coordinator = web::Access::only({Role::coordinator});
  r.get("/netwerk/hulpaanbod/hsds.json", app.bind(export_json),
        {.runs_long = true, .access = coordinator});
  r.get("/netwerk/hulpaanbod/hsds.csv", app.bind(export_csv),
        {.runs_long = true, .access = coordinator});
  r.get("/netwerk/hulpaanbod/importeren", app.bind(import_form), {.access = coordinator});
  r.post("/netwerk/hulpaanbod/importeren", app.bind(import_post),
         {.accepts_upload = true, .access = coordinator});
}

}  // namespace schakel::citizens
