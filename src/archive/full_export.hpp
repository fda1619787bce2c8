#pragma once
// The full export and import (`schakel export`, `schakel import`): every table
// that a feature declared for the archive (App::archive_tables), read and
// written through store/table_dump, in the format of archive/format.hpp.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace schakel {
class App;
}

namespace schakel::archive {

// Reports `done` of `total` rows.
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

// The tables of the migrated schema that no feature declared, and the declared
// tables the schema does not have (as "name (declared, not in the schema)"); both
// sorted. Empty when every table has exactly one decision.
std::vector<std::string> undecided_tables(App& app);

struct ExportSummary {
  std::int64_t tables = 0;
  std::int64_t rows = 0;
  std::int64_t files = 0;
  std::string bytes;  // the archive
};

// The archive of the whole database, read in one consistent snapshot. Without
// `with_secrets`, secret columns, secret rows and secret tables are left out.
// Fails (conflict) when a table has no decision (undecided_tables).
Result<ExportSummary> export_archive(App& app, bool with_secrets, const Progress& progress = {});

struct ImportOptions {
  Progress progress;
  // Called after each row written, with the number written so far (tests use it
  // to interrupt an import); may throw, which rolls everything back.
  std::function<void(std::int64_t rows)> after_row;
};

struct ImportSummary {
  std::int64_t tables = 0;
  std::int64_t rows = 0;
  bool with_secrets = false;
};

// Restores archive `bytes` into the app's database, which must be freshly
// migrated (the same migrations as the archive's) and hold no data. Validates
// all of the archive and the database first; then writes every row in one
// transaction, so that a failure or an interruption leaves the database as it
// was. Errors: invalid (a damaged or foreign archive; the field names the entry),
// conflict (schema versions differ, the database is not empty). Does not touch
// the search index: rebuild it afterwards (as `schakel reindex` does).
Result<ImportSummary> import_archive(App& app, std::string_view bytes,
                                     const ImportOptions& options = {});

}  // namespace schakel::archive
