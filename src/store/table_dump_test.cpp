#include "store/table_dump.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/migrations.hpp"
#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class TableDumpTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    for (const char* statement :
         {"CREATE TABLE dump_parent (code TEXT PRIMARY KEY, label TEXT NOT NULL)",
          "CREATE TABLE dump_child (id @ID@, parent TEXT REFERENCES dump_parent (code), "
          "score DOUBLE PRECISION, data @BLOB@, big BIGINT, up BIGINT REFERENCES dump_child (id))"})
      this->db().execute(resolve_dialect(statement, B::backend));
  }
  TableInfo info(const std::string& table) {
    return this->db().run([&](soci::session& sql) { return describe_table(sql, table); });
  }
};
TYPED_TEST_SUITE(TableDumpTest, Backends, BackendNames);

Cell cell_of(std::int64_t n) { return Cell{false, n, 0, {}}; }
Cell cell_of(double d) { return Cell{false, 0, d, {}}; }
Cell cell_of(std::string s) { return Cell{false, 0, 0, std::move(s)}; }
Cell null_cell() { return Cell{}; }

TYPED_TEST(TableDumpTest, DescribesColumnsKeysAndReferencesFromTheCatalog) {
  const auto child = this->info("dump_child");
  ASSERT_EQ(child.columns.size(), 6u);
  EXPECT_EQ(child.columns[0].name, "id");
  EXPECT_TRUE(child.columns[0].identity);
  EXPECT_EQ(child.columns[0].kind, ColumnKind::integer);
  EXPECT_EQ(child.columns[1].kind, ColumnKind::text);
  EXPECT_EQ(child.columns[2].kind, ColumnKind::real);
  EXPECT_EQ(child.columns[3].kind, ColumnKind::blob);
  EXPECT_EQ(child.columns[4].kind, ColumnKind::integer);
  EXPECT_FALSE(child.columns[4].identity);
  EXPECT_EQ(child.primary_key, std::vector<std::string>{"id"});
  EXPECT_EQ(child.references, std::vector<std::string>{"dump_parent"});
  EXPECT_TRUE(child.self_referencing);
  EXPECT_EQ(this->info("spoc_municipalities").primary_key,
            (std::vector<std::string>{"user_id", "nis_code"}));

  const auto names = this->db().run([](soci::session& sql) { return table_names(sql); });
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_NE(std::find(names.begin(), names.end(), "users"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "schema_migrations"), names.end());
  EXPECT_THROW(this->info("no_such_table"), StoreError);
}

TYPED_TEST(TableDumpTest, OrdersReferencedTablesFirst) {
  const auto order = dependency_order({this->info("users"), this->info("dump_child"),
                                       this->info("municipalities"), this->info("dump_parent")});
  EXPECT_EQ(order,
            (std::vector<std::string>{"dump_parent", "dump_child", "municipalities", "users"}));
  // A cycle is broken at a foreign key that may be NULL, never at one that may not.
  TableInfo a{"a", {{"x", ColumnKind::integer, false, false}}, {}, {"b"}, false, {{"b", {"x"}}}};
  TableInfo b{"b", {{"y", ColumnKind::integer, false, false}}, {}, {"a"}, false, {{"a", {"y"}}}};
  EXPECT_THROW(dependency_order({a, b}), StoreError);
  a.columns[0].nullable = true;
  std::vector<DeferredColumns> deferred;
  EXPECT_EQ(dependency_order({a, b}, &deferred), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(deferred.size(), 1u);
  EXPECT_EQ(deferred[0].table, "a");
  EXPECT_EQ(deferred[0].columns, std::vector<std::string>{"x"});
  // A nullable reference of a table to itself is written after all rows too.
  TableInfo tree{
      "tree", {{"id", ColumnKind::integer, false, false}, {"up", ColumnKind::integer, false, true}},
      {"id"}, {},
      true,   {{"tree", {"up"}}}};
  deferred.clear();
  EXPECT_EQ(dependency_order({tree}, &deferred), std::vector<std::string>{"tree"});
  ASSERT_EQ(deferred.size(), 1u);
  EXPECT_EQ(deferred[0].table, "tree");
  EXPECT_EQ(deferred[0].columns, std::vector<std::string>{"up"});
}

TYPED_TEST(TableDumpTest, WritesAndReadsEveryKindOfValueInKeyOrder) {
  const auto parent = this->info("dump_parent");
  const auto child = this->info("dump_child");
  const std::string bytes("\0\x01\xff\xfe binary", 11);
  this->db().transact([&](soci::session& sql) {
    RowWriter parents(sql, parent);
    for (const std::string code : {"a", "\xc3\xa9", "B"})  // "é" as UTF-8
      parents.insert({cell_of(code), cell_of("label " + code)});
    RowWriter children(sql, child);
    children.insert({cell_of(std::int64_t{7}), cell_of(std::string("a")), cell_of(0.1),
                     cell_of(bytes), cell_of(std::int64_t{9007199254740993}), null_cell()});
    children.insert({cell_of(std::int64_t{3}), null_cell(), null_cell(), null_cell(),
                     cell_of(std::int64_t{-1}), cell_of(std::int64_t{7})});
    reset_identity(sql, child);
  });
  std::vector<std::string> codes;
  this->db().run([&](soci::session& sql) {
    for_each_row(sql, parent, [&](const std::vector<Cell>& r) { codes.push_back(r[0].text); });
  });
  EXPECT_EQ(codes, (std::vector<std::string>{"B", "a", "\xc3\xa9"}));  // bytewise on both

  std::vector<std::vector<Cell>> rows;
  this->db().run([&](soci::session& sql) {
    for_each_row(sql, child, [&](const std::vector<Cell>& r) { rows.push_back(r); });
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].number, 3);
  EXPECT_TRUE(rows[0][1].null);
  EXPECT_TRUE(rows[0][3].null);
  EXPECT_EQ(rows[0][5].number, 7);
  EXPECT_EQ(rows[1][0].number, 7);
  EXPECT_EQ(rows[1][1].text, "a");
  EXPECT_DOUBLE_EQ(rows[1][2].real, 0.1);
  EXPECT_EQ(rows[1][3].text, bytes);
  EXPECT_EQ(rows[1][4].number, 9007199254740993);
  EXPECT_TRUE(rows[1][5].null);

  // The identity moved past the ids written.
  this->db().transact([](soci::session& sql) { sql << "INSERT INTO dump_child (big) VALUES (1)"; });
  long long next = 0;
  this->db().run(
      [&](soci::session& sql) { sql << "SELECT MAX(id) FROM dump_child", soci::into(next); });
  EXPECT_EQ(next, 8);
  EXPECT_EQ(this->db().run([&](soci::session& sql) { return count_rows(sql, child); }), 3);
}

TYPED_TEST(TableDumpTest, RefusesARowThatBreaksAReferenceAndDeletesRows) {
  const auto child = this->info("dump_child");
  EXPECT_THROW(this->db().transact([&](soci::session& sql) {
    RowWriter children(sql, child);
    children.insert({cell_of(std::int64_t{1}), cell_of(std::string("missing")), null_cell(),
                     null_cell(), null_cell(), null_cell()});
  }),
               StoreError);
  const auto parent = this->info("dump_parent");
  this->db().transact([&](soci::session& sql) {
    RowWriter(sql, parent).insert({cell_of(std::string("x")), cell_of(std::string("y"))});
    delete_rows(sql, parent);
  });
  EXPECT_EQ(this->db().run([&](soci::session& sql) { return count_rows(sql, parent); }), 0);
  EXPECT_THROW(this->db().transact([&](soci::session& sql) {
    RowWriter(sql, parent).insert({cell_of(std::string("x"))});
  }),
               StoreError);
}

}  // namespace
}  // namespace schakel::store
