#include "archive/full_export.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/app.hpp"
#include "archive/format.hpp"
#include "core/random.hpp"
#include "store/migrations.hpp"
#include "store/table_dump.hpp"

namespace schakel::archive {

namespace {

using Mode = ArchiveTable::Mode;
using ordered = nlohmann::ordered_json;

std::map<std::string, const ArchiveTable*> decisions(App& app) {
  std::map<std::string, const ArchiveTable*> out;
  for (const auto& t : app.archive_tables()) out[t.table] = &t;
  return out;
}

bool is_secret_column(const ArchiveTable& decision, const std::string& column) {
  return std::any_of(decision.secret_columns.begin(), decision.secret_columns.end(),
                     [&](const auto& s) { return s.first == column; });
}

bool exported(const ArchiveTable& decision, bool with_secrets) {
  return decision.mode == Mode::data || decision.mode == Mode::seeded ||
         (decision.mode == Mode::secret && with_secrets);
}

// Every table of the schema with its catalog entry.
std::map<std::string, store::TableInfo> catalog(soci::session& sql) {
  std::map<std::string, store::TableInfo> out;
  for (const auto& name : store::table_names(sql)) out[name] = store::describe_table(sql, name);
  return out;
}

// The names of `wanted` in dependency order (referenced tables first).
std::vector<std::string> ordered_tables(const std::map<std::string, store::TableInfo>& infos,
                                        const std::set<std::string>& wanted,
                                        std::vector<store::DeferredColumns>* deferred = nullptr) {
  std::vector<store::TableInfo> list;
  for (const auto& name : wanted) list.push_back(infos.at(name));
  return store::dependency_order(list, deferred);
}

// Inserts the rows of `table`, with its `deferred` columns NULL; what those
// columns should hold goes to `later` (as columns, values and key) for
// update_columns once every table is written.
struct LaterUpdate {
  const store::TableInfo* info;
  std::vector<std::string> columns;
  std::vector<store::Cell> values, key;
};

ordered json_of(const store::Cell& cell, store::ColumnKind kind,
                std::map<std::string, std::string>& files) {
  if (cell.null) return nullptr;
  switch (kind) {
    case store::ColumnKind::integer:
      return cell.number;
    case store::ColumnKind::real:
      return cell.real;
    case store::ColumnKind::text:
      return cell.text;
    case store::ColumnKind::blob: {
      const std::string sha = sha256_hex(cell.text);
      files.emplace(sha, cell.text);
      return file_reference(sha);
    }
  }
  return nullptr;
}

// The cell for `value` in a column of `kind`, or an error message.
std::string cell_of(const ordered& value, store::ColumnKind kind,
                    const std::map<std::string, std::string>& files, store::Cell& cell) {
  cell = store::Cell{};
  if (value.is_null()) return {};
  cell.null = false;
  switch (kind) {
    case store::ColumnKind::integer:
      if (!value.is_number_integer() ||
          (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX))
        return "expected a whole number";
      cell.number = value.get<std::int64_t>();
      return {};
    case store::ColumnKind::real:
      if (!value.is_number()) return "expected a number";
      cell.real = value.get<double>();
      return {};
    case store::ColumnKind::text:
      if (!value.is_string()) return "expected text";
      cell.text = value.get<std::string>();
      return {};
    case store::ColumnKind::blob: {
      const auto sha = referenced_file(value);
      if (sha.empty() || !files.count(sha)) return "expected a reference to a file entry";
      cell.text = files.at(sha);
      return {};
    }
  }
  return "unknown column kind";
}

// One table ready to write: its catalog entry and its rows as cells.
struct Prepared {
  store::TableInfo info;
  Mode mode = Mode::data;
  std::vector<std::vector<store::Cell>> rows;
};

// Maps the archive's rows of `rows` onto the target's columns of `info`.
Result<Prepared> prepare_table(const TableRows& rows, const store::TableInfo& info,
                               const ArchiveTable& decision, bool with_secrets,
                               const std::map<std::string, std::string>& files) {
  const std::string entry = "tables/" + rows.name + ".jsonl";
  std::map<std::string, std::size_t> archived;
  for (std::size_t i = 0; i < rows.columns.size(); ++i) {
    if (info.column_index(rows.columns[i]) < 0)
      return Error::invalid(entry, entry + ": column '" + rows.columns[i] +
                                       "' is not a column of " + rows.name + " in this database");
    archived[rows.columns[i]] = i;
  }
  // For each target column: where its value comes from.
  struct Source {
    int archive_index = -1;  // -1: `fixed`
    ordered fixed;
  };
  std::vector<Source> sources(info.columns.size());
  for (std::size_t c = 0; c < info.columns.size(); ++c) {
    const auto& name = info.columns[c].name;
    auto found = archived.find(name);
    if (found != archived.end()) {
      sources[c].archive_index = static_cast<int>(found->second);
    } else if (!with_secrets && is_secret_column(decision, name)) {
      for (const auto& [column, value] : decision.secret_columns)
        if (column == name) sources[c].fixed = value;
    } else {
      return Error::invalid(entry, entry + ": column '" + name + "' of " + rows.name +
                                       " is missing from the archive");
    }
    if (!with_secrets)
      for (const auto& [column, value] : decision.reset_without_secrets)
        if (column == name) {
          sources[c].archive_index = -1;
          sources[c].fixed = value;
        }
  }
  Prepared out;
  out.info = info;
  out.mode = decision.mode;
  out.rows.reserve(rows.rows.size());
  for (std::size_t r = 0; r < rows.rows.size(); ++r) {
    std::vector<store::Cell> cells(info.columns.size());
    const auto& row = rows.rows[r];
    for (std::size_t c = 0; c < info.columns.size(); ++c) {
      const auto& value =
          sources[c].archive_index >= 0
              ? row.at(rows.columns[static_cast<std::size_t>(sources[c].archive_index)])
              : sources[c].fixed;
      const std::string problem = cell_of(value, info.columns[c].kind, files, cells[c]);
      if (!problem.empty())
        return Error::invalid(entry, entry + " line " + std::to_string(r + 1) + ": column '" +
                                         info.columns[c].name + "': " + problem);
    }
    out.rows.push_back(std::move(cells));
  }
  return out;
}

std::string versions_text(const std::vector<int>& versions) {
  return versions.empty() ? std::string("none") : std::to_string(versions.back());
}

}  // namespace

std::vector<std::string> undecided_tables(App& app) {
  const auto decided = decisions(app);
  const auto names = app.db().run([](soci::session& sql) { return store::table_names(sql); });
  std::vector<std::string> out;
  for (const auto& name : names)
    if (!decided.count(name)) out.push_back(name);
  for (const auto& [name, decision] : decided)
    if (!std::binary_search(names.begin(), names.end(), name))
      out.push_back(name + " (declared, not in the schema)");
  std::sort(out.begin(), out.end());
  return out;
}

Result<ExportSummary> export_archive(App& app, bool with_secrets, const Progress& progress) {
  const auto undecided = undecided_tables(app);
  if (!undecided.empty()) {
    std::string list;
    for (const auto& t : undecided) list += (list.empty() ? "" : ", ") + t;
    return Error::of(Failure::conflict, "tables without an archive decision: " + list);
  }
  const auto decided = decisions(app);
  ArchiveContent content;
  content.with_secrets = with_secrets;
  content.migrations = store::applied_versions(app.db());
  content.schema_version = content.migrations.empty() ? 0 : content.migrations.back();
  ExportSummary summary;
  // A snapshot that does not hold back the server's writers while it runs.
  app.db().read_snapshot([&](soci::session& sql) {
    const auto infos = catalog(sql);
    std::set<std::string> wanted;
    for (const auto& [name, decision] : decided)
      if (exported(*decision, with_secrets)) wanted.insert(name);
    const auto order = ordered_tables(infos, wanted);
    std::int64_t total = 0, done = 0;
    for (const auto& name : order) total += store::count_rows(sql, infos.at(name));
    for (const auto& name : order) {
      const auto& info = infos.at(name);
      const auto& decision = *decided.at(name);
      TableRows table;
      table.name = name;
      table.owner = decision.owner;
      std::vector<bool> keep(info.columns.size(), true);
      for (std::size_t c = 0; c < info.columns.size(); ++c) {
        keep[c] = with_secrets || !is_secret_column(decision, info.columns[c].name);
        if (keep[c]) table.columns.push_back(info.columns[c].name);
      }
      const int key = info.primary_key.size() == 1 ? info.column_index(info.primary_key[0]) : -1;
      store::for_each_row(sql, info, [&](const std::vector<store::Cell>& cells) {
        ++done;
        if (progress) progress(done, total);
        if (key >= 0) {
          const auto& id = cells[static_cast<std::size_t>(key)].text;
          const auto listed = [&](const std::vector<std::string>& rows) {
            return std::find(rows.begin(), rows.end(), id) != rows.end();
          };
          if (listed(decision.skipped_rows) || (!with_secrets && listed(decision.secret_rows)))
            return;
        }
        ordered row = ordered::object();
        for (std::size_t c = 0; c < cells.size(); ++c)
          if (keep[c])
            row[info.columns[c].name] = json_of(cells[c], info.columns[c].kind, content.files);
        table.rows.push_back(std::move(row));
      });
      summary.rows += static_cast<std::int64_t>(table.rows.size());
      content.tables.push_back(std::move(table));
    }
  });
  summary.tables = static_cast<std::int64_t>(content.tables.size());
  summary.files = static_cast<std::int64_t>(content.files.size());
  summary.bytes = write_archive(content);
  return summary;
}

// Long because: the import is one transaction whose steps (check, order, write
// with deferred columns, move counters on) share its locals; split, each would
// take most of them as arguments.
Result<ImportSummary> import_archive(App& app, std::string_view bytes,
                                     const ImportOptions& options) {
  auto parsed = parse_archive(bytes);
  if (!parsed) return parsed.error();
  const ArchiveContent& content = parsed.value();

  const auto applied = store::applied_versions(app.db());
  if (content.migrations != applied) {
    const bool older = content.schema_version < (applied.empty() ? 0 : applied.back());
    return Error::of(
        Failure::conflict,
        "the archive has schema version " + versions_text(content.migrations) + ", this database " +
            versions_text(applied) + ": " +
            (older ? "import it with the Schakel release that made it (into a database migrated "
                     "by that release), then run this release's `schakel migrate` on that "
                     "database and export again"
                   : "the archive was made by a newer Schakel; import it with that release"));
  }

  const auto decided = decisions(app);
  std::vector<Prepared> prepared;
  std::int64_t total = 0;
  std::map<std::string, store::TableInfo> infos;
  Status checked = app.db().run([&](soci::session& sql) -> Status {
    infos = catalog(sql);
    for (const auto& table : content.tables) {
      const std::string entry = "tables/" + table.name + ".jsonl";
      auto decision = decided.find(table.name);
      if (decision == decided.end() || !infos.count(table.name) ||
          decision->second->mode == Mode::skipped)
        return Error::invalid(entry, entry + ": '" + table.name +
                                         "' is not a table this Schakel imports (unknown table)");
      auto ready = prepare_table(table, infos.at(table.name), *decision->second,
                                 content.with_secrets, content.files);
      if (!ready) return ready.error();
      total += static_cast<std::int64_t>(ready.value().rows.size());
      prepared.push_back(std::move(ready).value());
    }
    for (const auto& [name, decision] : decided) {
      if (decision->mode == Mode::seeded || decision->mode == Mode::skipped) continue;
      if (!infos.count(name)) continue;
      const auto rows = store::count_rows(sql, infos.at(name));
      if (rows > 0)
        return Error::of(Failure::conflict,
                         "the database is not empty (table " + name + " holds " +
                             std::to_string(rows) +
                             " rows): import only into a new database that `schakel migrate` "
                             "made and nothing else wrote to");
    }
    return ok_status();
  });
  if (!checked) return checked.error();

  // Write in dependency order, from the target's own catalog.
  std::set<std::string> names;
  for (const auto& p : prepared) names.insert(p.info.name);
  std::vector<store::DeferredColumns> deferred;
  const auto order = ordered_tables(infos, names, &deferred);
  std::map<std::string, const Prepared*> by_name;
  for (const auto& p : prepared) by_name[p.info.name] = &p;

  ImportSummary summary;
  summary.with_secrets = content.with_secrets;
  app.db().transact([&](soci::session& sql) {
    store::defer_foreign_keys(sql);
    for (auto it = order.rbegin(); it != order.rend(); ++it)
      if (by_name.at(*it)->mode == Mode::seeded) store::delete_rows(sql, by_name.at(*it)->info);
    std::int64_t done = 0;
    std::vector<LaterUpdate> later;
    for (const auto& name : order) {
      const Prepared& table = *by_name.at(name);
      std::vector<std::size_t> held;  // the indexes of this table's deferred columns
      for (const auto& d : deferred)
        if (d.table == name)
          for (const auto& c : d.columns)
            held.push_back(static_cast<std::size_t>(table.info.column_index(c)));
      store::RowWriter writer(sql, table.info);
      for (const auto& row : table.rows) {
        if (held.empty()) {
          writer.insert(row);
        } else {
          auto first = row;
          LaterUpdate update{&table.info, {}, {}, {}};
          for (auto i : held) {
            if (row[i].null) continue;
            update.columns.push_back(table.info.columns[i].name);
            update.values.push_back(row[i]);
            first[i] = store::Cell{};
          }
          for (const auto& k : table.info.primary_key)
            update.key.push_back(row[static_cast<std::size_t>(table.info.column_index(k))]);
          writer.insert(first);
          if (!update.columns.empty()) later.push_back(std::move(update));
        }
        ++done;
        if (options.progress) options.progress(done, total);
        if (options.after_row) options.after_row(done);
      }
      store::reset_identity(sql, table.info);
    }
    for (const auto& u : later) store::update_columns(sql, *u.info, u.columns, u.values, u.key);
    summary.rows = done;
  });
  summary.tables = static_cast<std::int64_t>(order.size());
  return summary;
}

}  // namespace schakel::archive
