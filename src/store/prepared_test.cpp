#include "store/prepared.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/row.hpp"
#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class CachedStatementTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().execute(
        "CREATE TABLE cache_probe (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, note TEXT)");
  }

  void insert(int id, const std::string& name, std::optional<std::string> note) {
    this->db().run([&](soci::session& sql) {
      std::string text = note.value_or("");
      soci::indicator ind = note ? soci::i_ok : soci::i_null;
      command(sql, "INSERT INTO cache_probe (id, name, note) VALUES (:i, :n, :t)", soci::use(id),
              soci::use(name), soci::use(text, ind));
    });
  }

  // The row `id` read through the cache: name and note ("<null>" for NULL).
  std::optional<std::pair<std::string, std::string>> cached_row(int id) {
    return this->db().run([&](soci::session& sql) {
      std::string name, note;
      soci::indicator ind = soci::i_null;
      const bool found = query_one(sql, "SELECT name, note FROM cache_probe WHERE id = :i",
                                   soci::use(id), soci::into(name), soci::into(note, ind));
      return found ? std::optional(std::pair(name, ind == soci::i_ok ? note : "<null>"))
                   : std::nullopt;
    });
  }

  // The same row read with SOCI's one-time statement.
  std::optional<std::pair<std::string, std::string>> uncached_row(int id) {
    return this->db().run([&](soci::session& sql) {
      std::string name, note;
      soci::indicator ind = soci::i_null;
      sql << "SELECT name, note FROM cache_probe WHERE id = :i", soci::use(id), soci::into(name),
          soci::into(note, ind);
      return sql.got_data() ? std::optional(std::pair(name, ind == soci::i_ok ? note : "<null>"))
                            : std::nullopt;
    });
  }
};
TYPED_TEST_SUITE(CachedStatementTest, Backends, BackendNames);

TYPED_TEST(CachedStatementTest, GivesTheRowsAnUncachedStatementGives) {
  this->insert(1, "een", std::string("eerste"));
  this->insert(2, "twee", std::nullopt);
  for (int id : {1, 2, 3, 1, 2, 3}) EXPECT_EQ(this->cached_row(id), this->uncached_row(id)) << id;
  EXPECT_EQ(this->cached_row(1)->second, "eerste");
  EXPECT_EQ(this->cached_row(2)->second, "<null>");
  EXPECT_FALSE(this->cached_row(3).has_value());
}

TYPED_TEST(CachedStatementTest, ManyExecutionsWithDifferentValuesAndNulls) {
  for (int i = 0; i < 200; ++i)
    this->insert(i, "naam-" + std::to_string(i),
                 i % 3 == 0 ? std::nullopt : std::optional("notitie " + std::to_string(i)));
  for (int i = 199; i >= 0; --i) {
    auto row = this->cached_row(i);
    ASSERT_TRUE(row.has_value()) << i;
    EXPECT_EQ(row->first, "naam-" + std::to_string(i));
    EXPECT_EQ(row->second, i % 3 == 0 ? "<null>" : "notitie " + std::to_string(i));
  }
  // A NULL bound as a value: no row has note = NULL by equality.
  const long long matches = this->db().run([](soci::session& sql) {
    std::string none;
    soci::indicator null = soci::i_null;
    long long n = -1;
    query_one(sql, "SELECT COUNT(*) FROM cache_probe WHERE note = :t", soci::use(none, null),
              soci::into(n));
    return n;
  });
  EXPECT_EQ(matches, 0);
}

TYPED_TEST(CachedStatementTest, FailingExecutionLeavesTheStatementReusable) {
  this->insert(1, "een", std::nullopt);
  try {
    this->insert(2, "een", std::nullopt);  // name is unique
    FAIL() << "expected a conflict";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
  this->insert(3, "drie", std::string("na de fout"));  // the same cached INSERT
  EXPECT_EQ(this->cached_row(3)->second, "na de fout");
  EXPECT_FALSE(this->cached_row(2).has_value());
  // Also inside a transaction that the failure rolled back.
  EXPECT_THROW(this->db().transact([&](soci::session& sql) {
    int id = 4;
    std::string name = "drie";
    command(sql, "INSERT INTO cache_probe (id, name) VALUES (:i, :n)", soci::use(id),
            soci::use(name));
  }),
               StoreError);
  this->db().transact([&](soci::session& sql) {
    int id = 4;
    std::string name = "vier";
    command(sql, "INSERT INTO cache_probe (id, name) VALUES (:i, :n)", soci::use(id),
            soci::use(name));
  });
  EXPECT_EQ(this->cached_row(4)->first, "vier");
}

TYPED_TEST(CachedStatementTest, EachTextIsPreparedOncePerConnection) {
  this->insert(1, "een", std::nullopt);
  auto one = Database::open(this->db().url(), 1);  // one connection: every run uses it
  auto read = [&](const char* text) {
    return one->run([&](soci::session& sql) {
      int id = 1;
      std::string name;
      query_one(sql, text, soci::use(id), soci::into(name));
      return std::pair(name, prepared_count(sql));
    });
  };
  const std::size_t before = one->run([](soci::session& sql) { return prepared_count(sql); });
  for (int i = 0; i < 50; ++i) {
    auto [name, prepared] = read("SELECT name FROM cache_probe WHERE id = :i");
    EXPECT_EQ(name, "een");
    EXPECT_EQ(prepared, before + 1) << i;
  }
  // A new text is prepared once more.
  EXPECT_EQ(read("SELECT name FROM cache_probe WHERE id = :i AND 1 = 1").second, before + 2);
}

TYPED_TEST(CachedStatementTest, AReadAfterACachedReadSeesNewCommits) {
  this->insert(1, "een", std::string("oud"));
  EXPECT_EQ(this->cached_row(1)->second, "oud");
  // Another connection commits; the cached statement must not hold an old snapshot.
  auto other = Database::open(this->db().url(), 1);
  other->execute("UPDATE cache_probe SET note = 'nieuw' WHERE id = 1");
  EXPECT_EQ(this->cached_row(1)->second, "nieuw");
}

TYPED_TEST(CachedStatementTest, FetchesEveryRowAndNestsAnotherText) {
  for (int i = 0; i < 5; ++i) this->insert(i, "n" + std::to_string(i), std::nullopt);
  std::vector<std::string> seen;
  this->db().run([&](soci::session& sql) {
    int id = 0;
    int from = 1;
    CachedStatement q(sql, "SELECT id FROM cache_probe WHERE id >= :f ORDER BY id");
    (q, soci::use(from), soci::into(id));
    for (bool row = q.execute(); row; row = q.fetch()) {
      std::string name;
      query_one(sql, "SELECT name FROM cache_probe WHERE id = :i", soci::use(id), soci::into(name));
      seen.push_back(name);
    }
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"n1", "n2", "n3", "n4"}));
}

TYPED_TEST(CachedStatementTest, ReadsADynamicRowAgainAndAgain) {
  this->insert(1, "een", std::string("eerste"));
  this->insert(2, "twee", std::nullopt);
  for (int id : {1, 2, 1, 2, 3}) {
    this->db().run([&](soci::session& sql) {
      soci::row row;
      const bool found = query_one(sql, "SELECT id, name, note FROM cache_probe WHERE id = :i",
                                   soci::use(id), soci::into(row));
      ASSERT_EQ(found, id != 3) << id;
      if (!found) return;
      EXPECT_EQ(int64_at(row, 0), id);
      EXPECT_EQ(string_at(row, 1), id == 1 ? "een" : "twee");
      EXPECT_EQ(row.get_indicator(2), id == 1 ? soci::i_ok : soci::i_null);
    });
  }
}

TYPED_TEST(CachedStatementTest, CommandCountsChangedRows) {
  for (int i = 0; i < 4; ++i) this->insert(i, "n" + std::to_string(i), std::nullopt);
  for (int limit : {2, 0, 10}) {
    const long long changed = this->db().run([&](soci::session& sql) {
      std::string note = "gezien";
      return command(sql, "UPDATE cache_probe SET note = :t WHERE id < :l", soci::use(note),
                     soci::use(limit));
    });
    EXPECT_EQ(changed, std::min(limit, 4)) << limit;
  }
}

}  // namespace
}  // namespace schakel::store
