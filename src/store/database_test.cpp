#include "store/database.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "store/changes.hpp"
#include "store/row.hpp"
#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class DatabaseTest : public BackendTest<B> {};
TYPED_TEST_SUITE(DatabaseTest, Backends, BackendNames);

TYPED_TEST(DatabaseTest, CommittedTransactionIsVisible) {
  this->db().transact(
      [](soci::session& sql) { sql << "INSERT INTO settings (key, value) VALUES ('a', '1')"; });
  std::string value;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT value FROM settings WHERE key = 'a'", soci::into(value);
  });
  EXPECT_EQ(value, "1");
}

TYPED_TEST(DatabaseTest, ThrowingTransactionIsRolledBack) {
  EXPECT_THROW(this->db().transact([](soci::session& sql) {
    sql << "INSERT INTO settings (key, value) VALUES ('b', '1')";
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  int count = -1;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM settings WHERE key = 'b'", soci::into(count);
  });
  EXPECT_EQ(count, 0);
}

TYPED_TEST(DatabaseTest, UniqueViolationIsAConflict) {
  this->db().execute("INSERT INTO settings (key, value) VALUES ('c', '1')");
  try {
    this->db().execute("INSERT INTO settings (key, value) VALUES ('c', '2')");
    FAIL() << "expected a conflict";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
}

TYPED_TEST(DatabaseTest, ForeignKeyViolationIsAConflict) {
  try {
    this->db().execute("INSERT INTO memberships (nis_code, member_since) VALUES ('00000', 1)");
    FAIL() << "expected a conflict";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
}

TYPED_TEST(DatabaseTest, SyntaxErrorIsOther) {
  try {
    this->db().execute("SELEKT nothing");
    FAIL() << "expected an error";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::other);
  }
}

TYPED_TEST(DatabaseTest, ReferenceDataIsLoaded) {
  int flemish = 0, all = 0, postcodes = 0;
  std::string gent;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM municipalities WHERE region = 'Vlaanderen'", soci::into(flemish);
    sql << "SELECT COUNT(*) FROM municipalities", soci::into(all);
    sql << "SELECT COUNT(*) FROM postcodes", soci::into(postcodes);
    sql << "SELECT name_nl FROM municipalities WHERE nis_code = '44021'", soci::into(gent);
  });
  EXPECT_EQ(flemish, 285);
  EXPECT_EQ(all, 565);
  EXPECT_EQ(postcodes, 2720);
  EXPECT_EQ(gent, "Gent");
}

TYPED_TEST(DatabaseTest, RowReadersHideColumnTypeDifferences) {
  this->db().execute(
      "INSERT INTO changes (at, entity, entity_id, action) VALUES (5000000000, 'x', '1', "
      "'created')");
  this->db().run([](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, at, entity, COUNT(*) OVER () FROM changes");
    for (const auto& r : rows) {
      EXPECT_GT(int64_at(r, 0), 0);
      EXPECT_EQ(int64_at(r, 1), 5000000000LL);
      EXPECT_EQ(string_at(r, 2), "x");
      EXPECT_EQ(int64_at(r, 3), 1);
    }
  });
}

TYPED_TEST(DatabaseTest, ChangeFeedRecordsInOrder) {
  this->db().transact([](soci::session& sql) {
    record_change(sql, "goal", "1", "created", 10);
    record_change(sql, "goal", "1", "updated", 11);
  });
  auto changes = this->db().run([](soci::session& sql) { return changes_after(sql, 0, 10); });
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].action, "created");
  EXPECT_EQ(changes[1].action, "updated");
  EXPECT_LT(changes[0].id, changes[1].id);
  EXPECT_EQ(this->db().run([](soci::session& sql) { return latest_change_id(sql); }),
            changes[1].id);
}

TYPED_TEST(DatabaseTest, ChangeFollowerSeesWritesFromAnotherConnection) {
  ChangeFollower follower(this->db(), 20);
  std::atomic<int> seen{0};
  follower.add_listener(
      [&](const std::vector<Change>& batch) { seen += static_cast<int>(batch.size()); });
  follower.start();
  this->db().transact(
      [](soci::session& sql) { record_change(sql, "membership", "7", "created", 1); });
  for (int i = 0; i < 200 && seen == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  follower.stop();
  EXPECT_EQ(seen.load(), 1);
}

TYPED_TEST(DatabaseTest, ConcurrentWritersAllSucceed) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 25; ++i) {
        this->db().transact([&](soci::session& sql) {
          record_change(sql, "test", std::to_string(t * 100 + i), "created", 1);
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  int count = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM changes WHERE entity = 'test'", soci::into(count);
  });
  EXPECT_EQ(count, 100);
}

TYPED_TEST(DatabaseTest, RetryingTransactionRunsAgainAfterARaceAndKeepsOnlyTheLastRun) {
  int runs = 0;
  const int result = this->db().transact_retrying([&](soci::session& sql) {
    const std::string run = std::to_string(++runs);
    sql << "INSERT INTO changes (entity, entity_id, action, at) VALUES ('retry', :r, 'x', 1)",
        soci::use(run);
    if (runs < 3) throw StoreError(ErrorKind::busy, "could not serialize access");
    return 42;
  });
  EXPECT_EQ(result, 42);
  EXPECT_EQ(runs, 3);
  int count = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM changes WHERE entity = 'retry'", soci::into(count);
  });
  EXPECT_EQ(count, 1);  // the aborted runs were rolled back
}

TYPED_TEST(DatabaseTest, RetryingTransactionGivesUpAfterItsRetries) {
  int runs = 0;
  try {
    this->db().transact_retrying(
        [&](soci::session&) {
          ++runs;
          throw StoreError(ErrorKind::busy, "deadlock detected");
        },
        2);
    ADD_FAILURE() << "no error";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::busy);
  }
  EXPECT_EQ(runs, 3);
}

TYPED_TEST(DatabaseTest, RetryingTransactionDoesNotRetryOtherErrors) {
  int runs = 0;
  this->db().transact(
      [](soci::session& sql) { sql << "INSERT INTO settings (key, value) VALUES ('r', '1')"; });
  try {
    this->db().transact_retrying([&](soci::session& sql) {
      ++runs;
      sql << "INSERT INTO settings (key, value) VALUES ('r', '2')";
    });
    ADD_FAILURE() << "no error";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
  }
  EXPECT_EQ(runs, 1);
  EXPECT_THROW(this->db().transact_retrying([&](soci::session&) -> int {
    ++runs;
    throw std::runtime_error("not a database error");
  }),
               std::runtime_error);
  EXPECT_EQ(runs, 2);
}

TEST(SqliteDatabase, SettingsTakeEffectOnEveryConnection) {
  schakel::testing::TestDatabase database(Backend::sqlite, 3);
  for (int i = 0; i < 3; ++i) {
    std::string mode;
    int sync = 0, fk = 0;
    database.db().run([&](soci::session& sql) {
      sql << "PRAGMA journal_mode", soci::into(mode);
      sql << "PRAGMA synchronous", soci::into(sync);
      sql << "PRAGMA foreign_keys", soci::into(fk);
    });
    EXPECT_EQ(mode, "wal");
    EXPECT_EQ(sync, 2);
    EXPECT_EQ(fk, 1);
  }
}

TEST(SqliteDatabase, BackupIsAConsistentCopy) {
  schakel::testing::TestDatabase database(Backend::sqlite);
  database.migrate();
  database.db().execute("INSERT INTO settings (key, value) VALUES ('kept', 'yes')");
  schakel::testing::TempDir dir;
  const auto target = (dir.path() / "copy.db").string();
  database.db().backup_to(target);
  auto copy = Database::open("sqlite:" + target, 1);
  std::string value, check;
  copy->run([&](soci::session& sql) {
    sql << "SELECT value FROM settings WHERE key = 'kept'", soci::into(value);
    sql << "PRAGMA integrity_check", soci::into(check);
  });
  EXPECT_EQ(value, "yes");
  EXPECT_EQ(check, "ok");
  EXPECT_THROW(database.db().backup_to(target), StoreError);  // never overwrites
}

TEST(Database, UnknownUrlIsRefused) {
  EXPECT_THROW(Database::open("mysql://x", 1), StoreError);
  EXPECT_THROW(Database::open("sqlite:", 1), StoreError);
}

TEST(Database, UnreachablePostgresIsUnavailable) {
  try {
    Database::open("postgresql://nobody@127.0.0.1:1/none", 1);
    FAIL() << "expected an error";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
  }
}

TEST(Database, PostgresUrlBecomesAKeywordConnectString) {
  EXPECT_EQ(postgres_connect_string(
                "postgresql://schakel:ge%20heim@db.local:5433/schakel?sslmode=require"),
            "host='db.local' port='5433' user='schakel' password='ge heim' dbname='schakel' "
            "sslmode='require'");
  EXPECT_EQ(postgres_connect_string("postgresql://u@[::1]:5432/d"),
            "host='::1' port='5432' user='u' dbname='d'");
  EXPECT_EQ(postgres_connect_string("postgresql://u@h/d?options=-csearch_path%3Dx"),
            "host='h' user='u' dbname='d' options='-csearch_path=x'");
}

}  // namespace
}  // namespace schakel::store
