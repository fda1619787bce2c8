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

using Mode = ArchiveTable::Mode;

// The shared layers' tables (their owners are layers, not features, so the
// archive declares them; see the migrations' "-- Owner:" headers).
std::vector<ArchiveTable> layer_tables() {
  std::vector<ArchiveTable> tables = {
      // The signing key signs sessions' CSRF tokens, unsubscribe links and
      // evaluation pair keys: a secret. The other settings are plain facts.
      // The last backup's outcome belongs to this installation, not its content.
      {"settings",
       "store",
       Mode::seeded,
       {},
       {},
       {"signing_key"},
       {backup_last_ok_setting, backup_failure_setting}},
      // The change feed only tells running nodes what to refresh.
      {"changes", "store", Mode::skipped},
      {"rate_events", "store", Mode::skipped},
      {"sessions", "web", Mode::skipped},
      // A running installation's cache counter (web/sessions.hpp).
      {"session_epoch", "web", Mode::skipped},
      {"job_leases", "jobs", Mode::skipped},
      // Queued work of the running installation (retried sends, pending runs).
      {"job_queue", "jobs", Mode::skipped},
      // Sent mails hold one-time sign-in and confirmation links.
      {"mail_outbox", "mail", Mode::secret},
      {"audit_log", "audit"},
      {"blobs", "files"},
      {"revisions", "revisions"},
  };
  for (auto& t : archive_tables_of("reference", {"municipalities", "postcodes"}, Mode::seeded))
    tables.push_back(std::move(t));
  for (auto& t : archive_tables_of("search", {"search_synonyms"}, Mode::seeded))
    tables.push_back(std::move(t));
  return tables;
}

}  // namespace

void install(App& app) {
  install_backup_job(app);
  app.add_attention_source(backup_attention(app));
  install_routes(app);
  app.add_archive_tables(layer_tables());
}

}  // namespace schakel::archive
