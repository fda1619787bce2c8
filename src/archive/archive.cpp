#include "archive/archive.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "app/app.hpp"
#include "archive/backups.hpp"
#include "archive/routes.hpp"
#include "core/log.hpp"

namespace schakel::archive {

namespace {

// The daily backup (SQLite only: PostgreSQL is backed up with pg_dump). The
// lease makes it run once across nodes; a failure is recorded by take().
void install_backup_job(App& app) {
  if (app.db().backend() != store::Backend::sqlite) return;
  app.jobs().add(jobs::Job{"archive.backup", 86400, 3600, [&app] {
                             const auto& c = app.config();
                             BackupService service(app.db(), app.clock(), c.effective_backup_dir(),
                                                   c.backup_keep_daily, c.backup_keep_weekly);
                             auto taken = service.take();
                             if (!taken && taken.error().failure != Failure::conflict)
                               throw std::runtime_error(taken.error().fields.front().message);
                           }});
}

// The admin's dashboard line: the last backup failed, or the newest is too old.
AttentionSource backup_attention(App& app) {
  return {"archive.backups", "Back-ups", 95, [&app](soci::session& sql, std::int64_t now) {
            std::vector<AttentionLine> out;
            if (app.db().backend() != store::Backend::sqlite) return out;
            const auto status = read_backup_status(sql);
            if (!status.failure.empty())
              out.push_back({"De laatste back-up is mislukt", "/beheer/backups", 1, "urgent"});
            else if (status.last_ok && now - status.last_ok->taken_at > backup_max_age_seconds)
              out.push_back(
                  {"De laatste back-up is ouder dan twee dagen", "/beheer/backups", 1, "warning"});
            return out;
          }};
}

}  // namespace

void install(App& app) {
  install_backup_job(app);
  app.add_attention_source(backup_attention(app));
  install_routes(app);
}

}  // namespace schakel::archive
