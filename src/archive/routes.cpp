#include "archive/routes.hpp"

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "archive/backups.hpp"
#include "audit/audit.hpp"

namespace schakel::archive {

namespace {

// "12,3 MB", "850 kB", "20 bytes": sizes as Dutch readers write them.
std::string readable_size(std::uint64_t bytes) {
  auto one_decimal = [](std::uint64_t value, std::uint64_t unit, const char* name) {
    const std::uint64_t tenths = (value * 10 + unit / 2) / unit;
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " " + name;
  };
  if (bytes >= 1'000'000'000) return one_decimal(bytes, 1'000'000'000, "GB");
  if (bytes >= 1'000'000) return one_decimal(bytes, 1'000'000, "MB");
  if (bytes >= 1'000) return one_decimal(bytes, 1'000, "kB");
  return std::to_string(bytes) + " bytes";
}

BackupService service_of(App& app) {
  const auto& c = app.config();
  return BackupService(app.db(), app.clock(), c.effective_backup_dir(), c.backup_keep_daily,
                       c.backup_keep_weekly);
}

nlohmann::json file_model(const BackupFile& f) {
  return {{"name", f.name}, {"time", format_utc(f.taken_at)}, {"size", readable_size(f.bytes)}};
}

web::Response backups_page(App& app, web::Request& req) {
  auto service = service_of(app);
  const bool sqlite = app.db().backend() == store::Backend::sqlite;
  const auto files = service.list();
  const auto status = app.db().run([](soci::session& sql) { return read_backup_status(sql); });
  const std::int64_t now = app.clock().now();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : files) list.push_back(file_model(f));
  nlohmann::json model = {{"sqlite", sqlite},
                          {"files", list},
                          {"count", files.size()},
                          {"dir", service.dir()},
                          {"keep_daily", app.config().backup_keep_daily},
                          {"keep_weekly", app.config().backup_keep_weekly}};
  if (!files.empty()) model["last"] = file_model(files.front());
  model["too_old"] =
      sqlite && (files.empty() || now - files.front().taken_at > backup_max_age_seconds);
  model["none"] = files.empty();
  if (!status.failure.empty())
    model["failure"] = {{"time", format_utc(status.failed_at)}, {"message", status.failure}};
  return app.render_page(req, "archive/backups", "Back-ups", model);
}

web::Response take_backup(App& app, web::Request& req) {
  auto service = service_of(app);
  auto taken = service.take_on_request(req.user->id);
  if (!taken) {
    req.session->add_flash("error", taken.error().fields.front().message);
    return web::Response::redirect("/beheer/backups");
  }
  audit::record(app.db(),
                audit::Entry{0, app.clock().now(), req.user->id, req.user->email, "backup_taken",
                             "backup:" + taken.value().name, "", req.remote_ip});
  req.session->add_flash("success", "De back-up " + taken.value().name + " is gemaakt.");
  return web::Response::redirect("/beheer/backups");
}

}  // namespace

void install_routes(App& app) {
  auto& r = app.router();
  const web::RouteOptions admins{.access = web::Access::only({Role::admin})};
  r.get("/beheer/backups", app.bind(backups_page), admins);
  r.post("/beheer/backups", app.bind(take_backup),
         {.runs_long = true, .access = web::Access::only({Role::admin})});
}

}  // namespace schakel::archive
