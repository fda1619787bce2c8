#pragma once
// Generic rows of any table, for the full export and import (issue 15): the
// catalog (tables, columns, primary keys, foreign keys) read from the database
// itself, rows read in primary-key order and written back with bound values.
// Identifiers come only from the catalog and are quoted; values are never
// concatenated into SQL. Every SQLite/PostgreSQL difference of this lives here.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace schakel::store {

// How a column's values travel (from its declared type).
enum class ColumnKind { integer, real, text, blob };

struct ColumnInfo {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  bool identity = false;  // an @ID@ column (a sequence to move on after an import)
  bool nullable = true;
};

// A foreign key of a table: its columns and the table they refer to.
struct ForeignKey {
  std::string table;
  std::vector<std::string> columns;
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;       // in the table's column order
  std::vector<std::string> primary_key;  // in key order; empty when the table has none
  std::vector<std::string> references;   // other tables its foreign keys point at, sorted
  bool self_referencing = false;         // a foreign key to itself
  std::vector<ForeignKey> foreign_keys;  // sorted by referred table, then columns
  // The index of column `name`, or -1.
  int column_index(const std::string& name) const;
};

// One value of a row. `null` wins over the others; `number` holds integers,
// `real` reals, `text` text and the raw bytes of blobs.
struct Cell {
  bool null = true;
  std::int64_t number = 0;
  double real = 0;
  std::string text;
};

// The tables of the current schema, sorted by name, without the backend's own
// (sqlite_sequence) and without schema_migrations.
std::vector<std::string> table_names(soci::session& sql);

// The catalog entry of `table`. Throws StoreError(not_found) when the current
// schema has no such table.
TableInfo describe_table(soci::session& sql, const std::string& table);

// Columns whose values must be written after every table's rows (a cycle of
// foreign keys between tables, e.g. a resource's image and the resource of an
// attachment): rows are inserted with NULL there, then updated (update_columns).
struct DeferredColumns {
  std::string table;
  std::vector<std::string> columns;
};

// `tables` ordered so that every table comes after the tables it refers to
// (ties by name). A cycle is broken at a foreign key whose columns may all be
// NULL; those go to `deferred` (when given), as do nullable foreign keys of a
// table to itself (a row may refer to a later row). Throws StoreError(other) on a cycle
// that cannot be broken so.
std::vector<std::string> dependency_order(const std::vector<TableInfo>& tables,
                                          std::vector<DeferredColumns>* deferred = nullptr);

// Sets `columns` (cells in that order) of the row of `table` whose primary key
// is `key` (cells in key order). Requires: a primary key.
void update_columns(soci::session& sql, const TableInfo& table,
                    const std::vector<std::string>& columns, const std::vector<Cell>& values,
                    const std::vector<Cell>& key);

// How many rows `table` holds.
std::int64_t count_rows(soci::session& sql, const TableInfo& table);

// Calls `row` with every row of `table` in primary-key order (text compared
// bytewise on both backends, so the order is the same on both), one Cell per
// column in column order.
void for_each_row(soci::session& sql, const TableInfo& table,
                  const std::function<void(const std::vector<Cell>&)>& row);

// Inserts rows into one table with one prepared statement. Not thread-safe; the
// session must outlive it. Requires: the cells in `table`'s column order.
class RowWriter {
 public:
  RowWriter(soci::session& sql, TableInfo table);
  ~RowWriter();
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;
  // Throws StoreError (conflict for a key or reference that does not hold).
  void insert(const std::vector<Cell>& cells);

 private:
  struct Impl;
  Impl* impl_;
};

// Deletes every row of `table` (for tables that migrations fill, before an import).
void delete_rows(soci::session& sql, const TableInfo& table);

// After rows were written with explicit ids: moves each identity column's
// sequence past the largest id (PostgreSQL; SQLite's AUTOINCREMENT follows by itself).
void reset_identity(soci::session& sql, const TableInfo& table);

// Makes foreign keys of the open transaction checked at commit where the
// backend allows it (SQLite: defer_foreign_keys; PostgreSQL keeps them immediate,
// so rows must come in dependency order, parents first).
void defer_foreign_keys(soci::session& sql);

}  // namespace schakel::store
