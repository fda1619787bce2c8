#pragma once
// Schema migrations: numbered SQL files (migrations/NNNN_name.sql), embedded in
// the binary, each applied in one transaction and recorded in schema_migrations.
//
// The files are written once for both databases. The few dialect differences are
// placeholders that store/ resolves: @ID@ (an auto-increment primary key) and
// @BLOB@ (binary data).
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::store {

struct Migration {
  int version = 0;   // NNNN from the file name
  std::string name;  // the file name, e.g. "0001_foundation.sql"
  std::string sql;   // with placeholders
};

// A migration that failed; the schema is as it was before that migration.
class MigrationError : public std::runtime_error {
 public:
  MigrationError(std::string file, std::size_t statement_index, std::string statement,
                 const std::string& cause);
  const std::string& file() const { return file_; }
  std::size_t statement_index() const { return statement_index_; }  // 1-based
  const std::string& statement() const { return statement_; }

 private:
  std::string file_;
  std::size_t statement_index_;
  std::string statement_;
};

// The embedded migrations, sorted by version. Throws std::logic_error for a
// badly named file or two files with one version.
std::vector<Migration> embedded_migrations();

// Splits SQL text into statements at semicolons outside quotes and comments.
std::vector<std::string> split_statements(const std::string& sql);

// Replaces the dialect placeholders for `backend`.
std::string resolve_dialect(const std::string& sql, Backend backend);

// Versions already applied, ascending (creates schema_migrations if missing).
std::vector<int> applied_versions(Database& db);

// Applies every migration of `all` not yet applied, in order, each in its own
// transaction; returns the names of those applied (empty when up to date).
// Safe when several nodes start at once (PostgreSQL: advisory lock; SQLite: write lock).
// Throws MigrationError when one fails; earlier ones stay applied.
std::vector<std::string> migrate(Database& db, const std::vector<Migration>& all,
                                 const std::function<void(const std::string&)>& on_applied = {});

// True when every embedded migration has been applied.
bool is_up_to_date(Database& db);

}  // namespace schakel::store
