#include "archive/archive.hpp"

#include "app/app.hpp"

namespace schakel::archive {

namespace {

using Mode = ArchiveTable::Mode;

// The shared layers' tables (their owners are layers, not features, so the
// archive declares them; see the migrations' "-- Owner:" headers).
std::vector<ArchiveTable> layer_tables() {
  std::vector<ArchiveTable> tables = {
      // The signing key signs sessions' CSRF tokens, unsubscribe links and
      // evaluation pair keys: a secret. The other settings are plain facts.
      {"settings", "store", Mode::seeded, {}, {}, {"signing_key"}},
      // The change feed only tells running nodes what to refresh.
      {"changes", "store", Mode::skipped},
      {"rate_events", "store", Mode::skipped},
      {"sessions", "web", Mode::skipped},
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

void install(App& app) { app.add_archive_tables(layer_tables()); }

}  // namespace schakel::archive
