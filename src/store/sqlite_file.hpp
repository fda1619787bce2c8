#pragma once
// SQLite database files as files: what a backup file holds before it is
// restored, and the settings a running database has (for `schakel doctor`).
// The SQLite and PostgreSQL specifics of backups and checks live here.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::store {

// The file path of an "sqlite:PATH" URL, or "" for any other database.
std::string sqlite_path(const std::string& url);

// What inspect_sqlite_file found in a file.
struct SqliteFileFacts {
  bool is_sqlite = false;              // the file starts with SQLite's header
  std::string integrity;               // "ok", or the first problems integrity_check names
  bool has_schema_migrations = false;  // the table of applied migrations exists
  int newest_migration = 0;            // highest applied version (0 when none)
};

// Opens the file at `path` read-only (never creating or changing it) and checks
// it: header, PRAGMA integrity_check, schema_migrations. Throws StoreError(not_found)
// when the file does not exist, StoreError(other) when SQLite cannot read it.
SqliteFileFacts inspect_sqlite_file(const std::string& path);

// One setting of a live database that matters for durability or correctness.
struct DatabaseSetting {
  std::string name;      // e.g. "journal_mode", "server_version"
  std::string value;     // what the database reports
  std::string expected;  // what Schakel needs, in words ("wal", ">= 13")
  bool ok = false;
};

// The settings of `db` on one pooled connection: SQLite journal_mode,
// synchronous, foreign_keys; PostgreSQL server version, fsync,
// synchronous_commit, full_page_writes.
std::vector<DatabaseSetting> database_settings(Database& db);

}  // namespace schakel::store
