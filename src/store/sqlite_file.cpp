#include "store/sqlite_file.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace schakel::store {

namespace {

// A read-only connection closed at scope end.
class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(const std::string& path) {
    const std::string uri = "file:" + path + "?mode=ro";
    if (sqlite3_open_v2(uri.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) !=
        SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(ErrorKind::other, "cannot open " + path + ": " + message);
    }
  }
  ~ReadOnlyFile() { sqlite3_close(db_); }
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  // The text of every row's first column of `query` (no parameters).
  std::vector<std::string> column(const std::string& query) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, query.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      throw StoreError(ErrorKind::other,
                       std::string("cannot read the file: ") + sqlite3_errmsg(db_));
    std::vector<std::string> rows;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
      throw StoreError(ErrorKind::other,
                       std::string("cannot read the file: ") + sqlite3_errmsg(db_));
    return rows;
  }

 private:
  sqlite3* db_ = nullptr;
};

bool has_sqlite_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  return in.gcount() == sizeof head &&
         std::string(head, sizeof head) == std::string("SQLite format 3\0", 16);
}

std::string first_row(soci::session& sql, const std::string& query) {
  std::string value;
  soci::indicator ind = soci::i_ok;
  sql << query, soci::into(value, ind);
  return ind == soci::i_ok ? value : "";
}

}  // namespace

std::string sqlite_path(const std::string& url) {
  return url.rfind("sqlite:", 0) == 0 ? url.substr(7) : std::string();
}

SqliteFileFacts inspect_sqlite_file(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw StoreError(ErrorKind::not_found, "no such file");
  SqliteFileFacts facts;
  facts.is_sqlite = has_sqlite_header(path);
  if (!facts.is_sqlite) return facts;
  ReadOnlyFile file(path);
  auto problems = file.column("PRAGMA integrity_check(5)");
  facts.integrity.clear();
  for (const auto& p : problems) facts.integrity += (facts.integrity.empty() ? "" : "; ") + p;
  if (facts.integrity != "ok") return facts;
  facts.has_schema_migrations =
      !file.column(
               "SELECT name FROM sqlite_master WHERE type = 'table' AND name = "
               "'schema_migrations'")
           .empty();
  if (facts.has_schema_migrations) {
    auto newest = file.column("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    facts.newest_migration = newest.empty() ? 0 : std::stoi(newest.front());
  }
  return facts;
}

std::vector<DatabaseSetting> database_settings(Database& db) {
  std::vector<DatabaseSetting> out;
  db.run([&](soci::session& sql) {
    auto add = [&](std::string name, std::string value, std::string expected, bool ok) {
      out.push_back({std::move(name), std::move(value), std::move(expected), ok});
    };
    if (db.backend() == Backend::sqlite) {
      const auto mode = first_row(sql, "PRAGMA journal_mode");
      add("journal_mode", mode, "wal", mode == "wal");
      const auto sync = first_row(sql, "PRAGMA synchronous");
      add("synchronous", sync, "2 (FULL)", sync == "2");
      const auto fk = first_row(sql, "PRAGMA foreign_keys");
      add("foreign_keys", fk, "1 (on)", fk == "1");
      return;
    }
    const auto version = first_row(sql, "SHOW server_version_num");
    add("server_version_num", version, ">= 130000 (PostgreSQL 13)",
        !version.empty() && std::stol(version) >= 130000);
    for (const char* name : {"fsync", "synchronous_commit", "full_page_writes"}) {
      const auto value = first_row(sql, std::string("SHOW ") + name);
      add(name, value, "on", value == "on");
    }
  });
  return out;
}

}  // namespace schakel::store
