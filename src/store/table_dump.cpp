#include "store/table_dump.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "store/binary.hpp"
#include "store/database.hpp"
#include "store/row.hpp"

namespace schakel::store {

namespace {

bool is_postgres(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

// A catalog name as a quoted identifier. Names come from the catalog; anything
// but lower-case letters, digits and '_' is refused all the same.
std::string quoted(const std::string& name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (!plain) throw StoreError(ErrorKind::other, "unexpected identifier in the catalog: " + name);
  return "\"" + name + "\"";
}

ColumnKind kind_of(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (type.find("INT") != std::string::npos) return ColumnKind::integer;
  if (type.find("DOUB") != std::string::npos || type.find("REAL") != std::string::npos ||
      type.find("FLOA") != std::string::npos || type.find("NUMERIC") != std::string::npos)
    return ColumnKind::real;
  if (type.find("BLOB") != std::string::npos || type.find("BYTEA") != std::string::npos)
    return ColumnKind::blob;
  return ColumnKind::text;
}

// Adds `fk` to `info`, and the table it refers to to its references (kept
// sorted and unique) or, when it is `info` itself, marks it self-referencing.
void add_foreign_key(TableInfo& info, ForeignKey fk) {
  if (fk.table == info.name) {
    info.self_referencing = true;
  } else {
    auto at = std::lower_bound(info.references.begin(), info.references.end(), fk.table);
    if (at == info.references.end() || *at != fk.table) info.references.insert(at, fk.table);
  }
  info.foreign_keys.push_back(std::move(fk));
}

void describe_sqlite(soci::session& sql, TableInfo& info) {
  std::vector<std::pair<int, std::string>> key;
  soci::rowset<soci::row> columns = (sql.prepare << "SELECT name, type, pk, \"notnull\", "
                                                    "(SELECT COUNT(*) FROM sqlite_master WHERE "
                                                    "type = 'table' AND name = :t2 AND sql LIKE "
                                                    "'%AUTOINCREMENT%') FROM pragma_table_info(:t) "
                                                    "ORDER BY cid",
                                     soci::use(info.name, "t2"), soci::use(info.name, "t"));
  for (const auto& r : columns) {
    ColumnInfo c;
    c.name = string_at(r, 0);
    c.kind = kind_of(string_at(r, 1));
    const auto pk = int64_at(r, 2);
    c.identity = pk == 1 && c.kind == ColumnKind::integer && int64_at(r, 4) > 0;
    c.nullable = int64_at(r, 3) == 0 && pk == 0;
    if (pk > 0) key.emplace_back(static_cast<int>(pk), c.name);
    info.columns.push_back(c);
  }
  std::sort(key.begin(), key.end());
  for (const auto& [position, name] : key) info.primary_key.push_back(name);
  std::map<std::int64_t, ForeignKey> by_id;
  soci::rowset<soci::row> keys =
      (sql.prepare
           << "SELECT id, \"table\", \"from\" FROM pragma_foreign_key_list(:t) ORDER BY id, seq",
       soci::use(info.name));
  for (const auto& r : keys) {
    auto& fk = by_id[int64_at(r, 0)];
    fk.table = string_at(r, 1);
    fk.columns.push_back(string_at(r, 2));
  }
  for (auto& [id, fk] : by_id) add_foreign_key(info, std::move(fk));
}

void describe_postgres(soci::session& sql, TableInfo& info) {
  soci::rowset<soci::row> columns =
      (sql.prepare << "SELECT column_name, data_type, is_identity, is_nullable FROM "
                      "information_schema.columns "
                      "WHERE table_schema = current_schema() AND table_name = :t "
                      "ORDER BY ordinal_position",
       soci::use(info.name));
  for (const auto& r : columns) {
    ColumnInfo c;
    c.name = string_at(r, 0);
    c.kind = kind_of(string_at(r, 1));
    c.identity = string_at(r, 2) == "YES";
    c.nullable = string_at(r, 3) == "YES";
    info.columns.push_back(c);
  }
  soci::rowset<soci::row> key =
      (sql.prepare
           << "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
              "JOIN pg_namespace n ON n.oid = c.relnamespace "
              "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true "
              "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
              "WHERE i.indisprimary AND n.nspname = current_schema() AND c.relname = :t "
              "ORDER BY k.position",
       soci::use(info.name));
  for (const auto& r : key) info.primary_key.push_back(string_at(r, 0));
  std::map<std::string, ForeignKey> by_name;
  soci::rowset<soci::row> keys =
      (sql.prepare
           << "SELECT k.conname, r.relname, a.attname FROM pg_constraint k "
              "JOIN pg_class c ON c.oid = k.conrelid "
              "JOIN pg_class r ON r.oid = k.confrelid "
              "JOIN pg_namespace n ON n.oid = c.relnamespace "
              "JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, position) ON true "
              "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum "
              "WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = :t "
              "ORDER BY k.conname, u.position",
       soci::use(info.name));
  for (const auto& r : keys) {
    auto& fk = by_name[string_at(r, 0)];
    fk.table = string_at(r, 1);
    fk.columns.push_back(string_at(r, 2));
  }
  for (auto& [name, fk] : by_name) add_foreign_key(info, std::move(fk));
}

// The expression that selects column `c` for for_each_row.
std::string select_expression(soci::session& sql, const ColumnInfo& c) {
  // Bytes travel as hex: a row's dynamic types do not carry SQLite blobs.
  if (c.kind == ColumnKind::blob)
    return is_postgres(sql) ? "encode(" + quoted(c.name) + ", 'hex')"
                            : "CASE WHEN " + quoted(c.name) + " IS NULL THEN NULL ELSE lower(hex(" +
                                  quoted(c.name) + ")) END";
  return quoted(c.name);
}

std::string from_hex(const std::string& hex) {
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    throw StoreError(ErrorKind::other, "bad hex in a binary value");
  };
  if (hex.size() % 2) throw StoreError(ErrorKind::other, "odd length of a hex binary value");
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<char>(digit(hex[2 * i]) * 16 + digit(hex[2 * i + 1]));
  return out;
}

std::int64_t integer_at(const soci::row& r, std::size_t i, const TableInfo& table) {
  try {
    return int64_at(r, i);
  } catch (const StoreError&) {
    throw StoreError(
        ErrorKind::other,
        table.name + "." + table.columns[i].name + " holds a value that is not an integer (type " +
            std::to_string(static_cast<int>(r.get_properties(i).get_data_type())) + ")");
  }
}

}  // namespace

int TableInfo::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> table_names(soci::session& sql) {
  std::vector<std::string> names;
  const std::string query =
      is_postgres(sql)
          ? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE'"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\'";
  soci::rowset<soci::row> rows = sql.prepare << query;
  for (const auto& r : rows) {
    auto name = string_at(r, 0);
    if (name != "schema_migrations") names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TableInfo describe_table(soci::session& sql, const std::string& table) {
  const auto names = table_names(sql);
  if (!std::binary_search(names.begin(), names.end(), table))
    throw StoreError(ErrorKind::not_found, "no table " + table);
  TableInfo info;
  info.name = table;
  if (is_postgres(sql))
    describe_postgres(sql, info);
  else
    describe_sqlite(sql, info);
  std::sort(info.foreign_keys.begin(), info.foreign_keys.end(),
            [](const ForeignKey& a, const ForeignKey& b) {
              return std::tie(a.table, a.columns) < std::tie(b.table, b.columns);
            });
  return info;
}

namespace {

// Breaks one cycle among the tables still waiting: the first (by name) foreign
// key to a waiting table whose columns may all be NULL. False when there is none.
bool break_cycle(const std::vector<TableInfo>& tables,
                 std::map<std::string, std::set<std::string>>& waits,
                 std::vector<DeferredColumns>* deferred) {
  for (const auto& t : tables) {
    if (!waits.count(t.name)) continue;
    for (const auto& fk : t.foreign_keys) {
      if (fk.table == t.name || !waits.count(fk.table)) continue;
      const bool nullable = std::all_of(fk.columns.begin(), fk.columns.end(), [&](const auto& c) {
        const int i = t.column_index(c);
        return i >= 0 && t.columns[static_cast<std::size_t>(i)].nullable;
      });
      if (!nullable) continue;
      // Every key of t to that table is deferred, so the edge goes.
      for (const auto& other : t.foreign_keys)
        if (other.table == fk.table && deferred) deferred->push_back({t.name, other.columns});
      waits[t.name].erase(fk.table);
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> dependency_order(const std::vector<TableInfo>& tables,
                                          std::vector<DeferredColumns>* deferred) {
  std::map<std::string, std::set<std::string>> waits;  // table -> tables it still waits for
  for (const auto& t : tables) waits[t.name];
  // A row may refer to a later row of its own table (an action made part of a
  // newer one), which PostgreSQL checks per statement: nullable self-references
  // are written after all rows too.
  if (deferred)
    for (const auto& t : tables)
      for (const auto& fk : t.foreign_keys)
        if (fk.table == t.name &&
            std::all_of(fk.columns.begin(), fk.columns.end(), [&](const auto& c) {
              const int i = t.column_index(c);
              return i >= 0 && t.columns[static_cast<std::size_t>(i)].nullable;
            }))
          deferred->push_back({t.name, fk.columns});
  for (const auto& t : tables)
    for (const auto& ref : t.references)
      if (waits.count(ref)) waits[t.name].insert(ref);
  std::vector<std::string> order;
  while (!waits.empty()) {
    auto ready = std::find_if(waits.begin(), waits.end(),
                              [](const auto& entry) { return entry.second.empty(); });
    if (ready == waits.end()) {
      if (break_cycle(tables, waits, deferred)) continue;
      throw StoreError(ErrorKind::other, "the foreign keys of " + waits.begin()->first +
                                             " form a cycle between tables");
    }
    const std::string name = ready->first;
    order.push_back(name);
    waits.erase(ready);
    for (auto& [other, pending] : waits) pending.erase(name);
  }
  return order;
}

std::int64_t count_rows(soci::session& sql, const TableInfo& table) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM " + quoted(table.name), soci::into(n);
  return n;
}

void for_each_row(soci::session& sql, const TableInfo& table,
                  const std::function<void(const std::vector<Cell>&)>& row) {
  std::string query = "SELECT ";
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    query += (i ? ", " : "") + select_expression(sql, table.columns[i]);
  query += " FROM " + quoted(table.name) + " ORDER BY ";
  std::vector<std::string> order = table.primary_key;
  if (order.empty())
    for (const auto& c : table.columns)
      if (c.kind != ColumnKind::blob) order.push_back(c.name);
  const std::string bytewise = is_postgres(sql) ? " COLLATE \"C\"" : " COLLATE BINARY";
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& column = table.columns.at(static_cast<std::size_t>(table.column_index(order[i])));
    query += (i ? ", " : "") + quoted(order[i]) + (column.kind == ColumnKind::text ? bytewise : "");
  }
  soci::rowset<soci::row> rows = sql.prepare << query;
  std::vector<Cell> cells(table.columns.size());
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < table.columns.size(); ++i) try {
        Cell& cell = cells[i];
        cell = Cell{};
        if (r.get_indicator(i) == soci::i_null) continue;
        cell.null = false;
        switch (table.columns[i].kind) {
          case ColumnKind::integer:
            cell.number = integer_at(r, i, table);
            break;
          case ColumnKind::real:
            cell.real = double_at(r, i);
            break;
          case ColumnKind::text:
            cell.text = string_at(r, i);
            break;
          case ColumnKind::blob:
            cell.text = from_hex(string_at(r, i));
            break;
        }
      } catch (const StoreError& e) {
        throw StoreError(ErrorKind::other,
                         table.name + "." + table.columns[i].name + ": " + e.what());
      }
    row(cells);
  }
}

struct RowWriter::Impl {
  explicit Impl(soci::session& s) : sql(s), statement(s) {}
  soci::session& sql;
  TableInfo table;
  std::vector<long long> numbers;
  std::vector<double> reals;
  std::vector<std::string> texts;
  std::vector<soci::indicator> indicators;
  soci::statement statement;
};

RowWriter::RowWriter(soci::session& sql, TableInfo table) : impl_(new Impl(sql)) {
  try {
    const std::size_t n = table.columns.size();
    impl_->numbers.assign(n, 0);
    impl_->reals.assign(n, 0);
    impl_->texts.assign(n, {});
    impl_->indicators.assign(n, soci::i_null);
    std::string names, values;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& c = table.columns[i];
      const std::string param = "p" + std::to_string(i);
      names += (i ? ", " : "") + quoted(c.name);
      values += i ? ", " : "";
      values += c.kind == ColumnKind::blob ? binary_placeholder(sql, param) : ":" + param;
      switch (c.kind) {
        case ColumnKind::integer:
          impl_->statement.exchange(soci::use(impl_->numbers[i], impl_->indicators[i], param));
          break;
        case ColumnKind::real:
          impl_->statement.exchange(soci::use(impl_->reals[i], impl_->indicators[i], param));
          break;
        case ColumnKind::text:
        case ColumnKind::blob:
          impl_->statement.exchange(soci::use(impl_->texts[i], impl_->indicators[i], param));
          break;
      }
    }
    impl_->statement.alloc();
    impl_->statement.prepare("INSERT INTO " + quoted(table.name) + " (" + names + ") VALUES (" +
                             values + ")");
    impl_->statement.define_and_bind();
    impl_->table = std::move(table);
  } catch (...) {
    delete impl_;
    rethrow_translated();
  }
}

RowWriter::~RowWriter() { delete impl_; }

void RowWriter::insert(const std::vector<Cell>& cells) {
  if (cells.size() != impl_->table.columns.size())
    throw StoreError(ErrorKind::other, "a row of " + impl_->table.name + " has " +
                                           std::to_string(cells.size()) + " values, not " +
                                           std::to_string(impl_->table.columns.size()));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    impl_->indicators[i] = cell.null ? soci::i_null : soci::i_ok;
    impl_->numbers[i] = cell.number;
    impl_->reals[i] = cell.real;
    impl_->texts[i] = impl_->table.columns[i].kind == ColumnKind::blob
                          ? binary_param(impl_->sql, cell.text)
                          : cell.text;
  }
  try {
    impl_->statement.execute(true);
  } catch (...) {
    rethrow_translated();
  }
}

void update_columns(soci::session& sql, const TableInfo& table,
                    const std::vector<std::string>& columns, const std::vector<Cell>& values,
                    const std::vector<Cell>& key) {
  if (table.primary_key.empty() || key.size() != table.primary_key.size() ||
      values.size() != columns.size())
    throw StoreError(ErrorKind::other, "update_columns: no key or a wrong number of values");
  // A statement of text parameters: the database converts them to the columns'
  // types (all deferred columns are foreign keys: integers or text).
  std::vector<std::string> texts;
  std::vector<soci::indicator> indicators;
  auto add = [&](const std::string& column, const Cell& cell) {
    const int i = table.column_index(column);
    if (i < 0) throw StoreError(ErrorKind::other, "no column " + column + " in " + table.name);
    const auto kind = table.columns[static_cast<std::size_t>(i)].kind;
    texts.push_back(kind == ColumnKind::integer ? std::to_string(cell.number) : cell.text);
    indicators.push_back(cell.null ? soci::i_null : soci::i_ok);
    const std::string param = ":p" + std::to_string(texts.size());
    return quoted(column) + " = " +
           (kind == ColumnKind::integer && is_postgres(sql) ? "CAST(" + param + " AS BIGINT)"
            : kind == ColumnKind::integer                   ? "CAST(" + param + " AS INTEGER)"
                                                            : param);
  };
  std::string query = "UPDATE " + quoted(table.name) + " SET ";
  for (std::size_t i = 0; i < columns.size(); ++i)
    query += (i ? ", " : "") + add(columns[i], values[i]);
  query += " WHERE ";
  for (std::size_t i = 0; i < key.size(); ++i)
    query += (i ? " AND " : "") + add(table.primary_key[i], key[i]);
  soci::statement st(sql);
  for (std::size_t i = 0; i < texts.size(); ++i)
    st.exchange(soci::use(texts[i], indicators[i], "p" + std::to_string(i + 1)));
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
}

void delete_rows(soci::session& sql, const TableInfo& table) {
  sql << "DELETE FROM " + quoted(table.name);
}

void reset_identity(soci::session& sql, const TableInfo& table) {
  if (!is_postgres(sql)) return;
  for (const auto& c : table.columns) {
    if (!c.identity) continue;
    long long next = 0;
    sql << "SELECT setval(pg_get_serial_sequence(:t, :c), COALESCE((SELECT MAX(" + quoted(c.name) +
               ") FROM " + quoted(table.name) + "), 0) + 1, false)",
        soci::use(table.name), soci::use(c.name), soci::into(next);
  }
}

void defer_foreign_keys(soci::session& sql) {
  if (!is_postgres(sql)) sql << "PRAGMA defer_foreign_keys = ON";
}

}  // namespace schakel::store
