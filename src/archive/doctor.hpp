#pragma once
// `schakel doctor`: checks an installation and says what is wrong and how to
// fix it. Each check is a function, so that tests can make each one fail.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace schakel::archive {

enum class Level { ok, warn, fail };

// The outcome of one check.
struct Check {
  std::string name;  // e.g. "database settings"
  Level level = Level::ok;
  std::string detail;  // what was found
  std::string fix;     // how to fix it ("" when ok)
};

// The data folder exists and is writable; the database URL is one Schakel
// knows; the base URL is set (warn when not: links in mails would point at LISTEN).
Check check_configuration(const Config& config);
// WAL, synchronous and foreign keys on SQLite; version, fsync, synchronous_commit
// and full_page_writes on PostgreSQL (store::database_settings).
Check check_database_settings(store::Database& db);
// Pending migrations (fail: run `schakel migrate`) and applied ones this binary
// does not know (fail: the binary is older than the database).
Check check_migrations(store::Database& db, const std::vector<store::Migration>& known);
// The search index in DATA_DIR/search opens read-only; its document count and
// how far it lags behind the change feed.
Check check_search_index(const Config& config, store::Database& db);
// Mail: no SMTP URL (warn: mails are written as files), or whether its host
// answers on its port within `timeout_ms`.
Check check_mail(const Config& config, int timeout_ms = 3000);
// Free space in the data folder: fail below `fail_below` bytes (200 MiB),
// warn below five times that or 5 % of the file system.
Check check_disk_space(const Config& config, std::uintmax_t fail_below = 200ull << 20);
// SQLite: the newest backup in the backup folder (warn when none, fail when
// older than two days). PostgreSQL: warn that pg_dump takes them, unseen here.
Check check_backups(const Config& config, store::Backend backend, std::int64_t now);

// Runs every check in order. Opens the database only when it exists (an SQLite
// file is never created here); when it cannot be opened that is a failed check.
std::vector<Check> run_doctor(const Config& config, std::int64_t now);

// Prints each check as "ok|warn|fail  name: detail" with its fix below it;
// returns the exit status: 1 when any check failed, else 0.
int print_checks(const std::vector<Check>& checks, std::ostream& out);

}  // namespace schakel::archive
