// `schakel restore`: what it refuses (and that it then changes nothing), that
// it refuses while a server holds the lock, and what it keeps of the former
// database.
#include "archive/restore.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "audit/audit.hpp"
#include "store/migrations.hpp"
#include "test_support.hpp"

namespace schakel::archive {
namespace {

namespace fs = std::filesystem;
using schakel::testing::TempDir;

constexpr std::int64_t now = 1796522400;  // 2026-12-06 02:00:00 UTC

int newest_known() { return store::embedded_migrations().back().version; }

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A migrated SQLite database at `path` holding one audit row with `object`,
// closed again (checkpointed by SQLite at close).
void make_database(const fs::path& path, const std::string& object) {
  auto db = store::Database::open("sqlite:" + path.string(), 1);
  store::migrate(*db, store::embedded_migrations());
  audit::record(*db, audit::Entry{0, now, std::nullopt, "", "marker", object, "", ""});
}

std::string marker_of(const fs::path& path) {
  auto db = store::Database::open("sqlite:" + path.string(), 1);
  std::string object;
  db->run([&](soci::session& sql) {
    sql << "SELECT object FROM audit_log WHERE action = 'marker'", soci::into(object);
  });
  return object;
}

class Restore : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.database = "sqlite:" + (dir_.path() / "data" / "schakel.db").string();
    fs::create_directories(dir_.path() / "data");
    make_database(live(), "live");
    make_database(backup(), "backup");
  }
  fs::path live() const { return dir_.path() / "data" / "schakel.db"; }
  fs::path backup() const { return dir_.path() / "backup.db"; }
  // Restores `from` and expects it refused with a message containing `words`,
  // the live database unchanged.
  void expect_refused(const fs::path& from, const std::string& words,
                      Failure failure = Failure::invalid) {
    const auto before = contents(live());
    auto outcome = restore_database(config_, from.string(), newest_known(), now);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().failure, failure);
    EXPECT_NE(outcome.error().fields.front().message.find(words), std::string::npos)
        << outcome.error().fields.front().message;
    EXPECT_EQ(contents(live()), before);
    EXPECT_EQ(marker_of(live()), "live");
  }
  TempDir dir_;
  Config config_;
};

TEST_F(Restore, ReplacesTheDatabaseAndKeepsTheFormerOneDated) {
  auto outcome = restore_database(config_, backup().string(), newest_known(), now);
  ASSERT_TRUE(outcome.ok()) << outcome.error().fields.front().message;
  EXPECT_EQ(marker_of(live()), "backup");
  EXPECT_EQ(outcome.value().previous, live().string() + ".before-restore-20261206-020000");
  EXPECT_EQ(marker_of(outcome.value().previous), "live");
  EXPECT_EQ(outcome.value().migration, newest_known());
  EXPECT_FALSE(fs::exists(live().string() + ".restoring"));
}

TEST_F(Restore, RefusesAMissingFile) { expect_refused(dir_.path() / "nothing.db", "no such file"); }

TEST_F(Restore, RefusesAFileThatIsNotSqlite) {
  std::ofstream(dir_.path() / "notes.txt") << "dit is geen database\n";
  expect_refused(dir_.path() / "notes.txt", "is not an SQLite database");
}

TEST_F(Restore, RefusesADamagedFile) {
  // Overwrite a page in the middle: the header is intact, the content is not.
  auto bytes = contents(backup());
  ASSERT_GT(bytes.size(), 20000u);
  for (std::size_t i = 8192; i < 12288; ++i) bytes[i] = static_cast<char>(0x5a);
  std::ofstream(dir_.path() / "damaged.db", std::ios::binary) << bytes;
  expect_refused(dir_.path() / "damaged.db", "damaged.db");
}

TEST_F(Restore, RefusesAnSqliteFileOfAnotherProgram) {
  {
    auto db = store::Database::open("sqlite:" + (dir_.path() / "other.db").string(), 1);
    db->execute("CREATE TABLE notes (body TEXT)");
  }
  expect_refused(dir_.path() / "other.db", "not a Schakel database");
}

TEST_F(Restore, RefusesADatabaseOfANewerSchakel) {
  {
    auto db = store::Database::open("sqlite:" + backup().string(), 1);
    db->execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, "
        "'9999_future.sql', 0)");
  }
  expect_refused(backup(), "newer Schakel");
}

TEST_F(Restore, RefusesWhileAServerHoldsTheLock) {
  const auto server = hold_server_lock(config_);
  expect_refused(backup(), "stop the server first", Failure::conflict);
}

TEST_F(Restore, AServerDoesNotStartDuringARestore) {
  auto restoring = ServerLock::try_take(config_, true);
  ASSERT_TRUE(restoring);
  EXPECT_THROW(hold_server_lock(config_), std::runtime_error);
  // Two servers may share the database.
}

TEST_F(Restore, TwoServersMayShareTheLock) {
  const auto a = hold_server_lock(config_);
  EXPECT_NO_THROW(hold_server_lock(config_));
}

TEST_F(Restore, RefusesPostgresql) {
  Config pg;
  pg.database = "postgresql://localhost/schakel";
  auto outcome = restore_database(pg, backup().string(), newest_known(), now);
  ASSERT_FALSE(outcome.ok());
  EXPECT_NE(outcome.error().fields.front().message.find("pg_restore"), std::string::npos);
}

}  // namespace
}  // namespace schakel::archive
