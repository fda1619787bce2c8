// Backups into the backup folder: the write load (every write acknowledged
// before a backup starts is in it, and the restored copy passes
// integrity_check), temporary names, retention and the recorded status.
#include "archive/backups.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "archive/restore.hpp"
#include "audit/audit.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_file.hpp"
#include "test_support.hpp"

namespace schakel::archive {
namespace {

using schakel::testing::TempDir;
using schakel::testing::TestDatabase;

int newest_known() { return store::embedded_migrations().back().version; }

// A migrated SQLite database, a backup folder and a clock at 2026-12-06 02:00 UTC.
class Backups : public ::testing::Test {
 protected:
  void SetUp() override { database_.migrate(); }
  store::Database& db() { return database_.db(); }
  BackupStatus status() {
    return db().run([](soci::session& sql) { return read_backup_status(sql); });
  }
  TestDatabase database_{store::Backend::sqlite, 6};
  TempDir backups_;
  ManualClock clock_{1796522400};
};

TEST_F(Backups, TakenUnderWriteLoadRestoresEveryWriteAcknowledgedBeforeItStarted) {
  BackupService service(db(), clock_, backups_.path().string(), 7, 4);

  std::mutex mutex;  // guards acknowledged
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      for (int i = 0; !stop; ++i) {
        const std::string object = "load:" + std::to_string(w) + ":" + std::to_string(i);
        audit::record(db(), audit::Entry{0, clock_.now(), std::nullopt, "", "load_write", object,
                                         "", "127.0.0.1"});
        std::lock_guard lock(mutex);
        acknowledged.push_back(object);
      }
    });
  // Let the load run, then note what was acknowledged and start the backup
  // while the writers go on.
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::lock_guard lock(mutex);
    if (acknowledged.size() >= 200) break;
  }
  std::vector<std::string> before;
  {
    std::lock_guard lock(mutex);
    before = acknowledged;
  }
  auto taken = service.take();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_TRUE(taken.ok()) << taken.error().fields.front().message;
  const std::size_t total = acknowledged.size();
  EXPECT_GT(total, before.size()) << "the writers went on during the backup";

  // Restore the backup as the database of a new installation.
  TempDir target;
  Config config;
  config.database = "sqlite:" + (target.path() / "schakel.db").string();
  const auto file = (backups_.path() / taken.value().name).string();
  auto restored = restore_database(config, file, newest_known(), clock_.now());
  ASSERT_TRUE(restored.ok()) << restored.error().fields.front().message;
  EXPECT_EQ(store::inspect_sqlite_file(restored.value().database).integrity, "ok");

  auto db = store::Database::open(config.database, 1);
  std::set<std::string> present;
  db->run([&](soci::session& sql) {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT object FROM audit_log WHERE action = 'load_write'");
    for (const auto& r : rows) present.insert(r);
  });
  for (const auto& object : before) ASSERT_TRUE(present.count(object)) << object << " is missing";
  EXPECT_LE(present.size(), total);
}

TEST_F(Backups, WritesUnderItsFinalNameOnlyAndRecordsTheOutcome) {
  BackupService service(db(), clock_, (backups_.path() / "sub").string(), 7, 4);
  auto first = service.take();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().name, "schakel-20261206-020000.db");
  EXPECT_GT(first.value().bytes, 0u);
  // Nothing else in the folder: the temporary file was renamed.
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(backups_.path() / "sub"))
    names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"schakel-20261206-020000.db"});
  // A second one in the same second is refused, not overwritten.
  auto again = service.take();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().failure, Failure::conflict);

  auto st = status();
  ASSERT_TRUE(st.last_ok);
  EXPECT_EQ(st.last_ok->name, "schakel-20261206-020000.db");
  EXPECT_EQ(st.last_ok->bytes, first.value().bytes);
  EXPECT_TRUE(st.failure.empty());
}

TEST_F(Backups, ClaimsItsPartialFileAndClearsThoseOfInterruptedBackups) {
  namespace fs = std::filesystem;
  BackupService service(db(), clock_, backups_.path().string(), 7, 4);
  // A backup of this second in progress elsewhere (its partial file exists):
  // refused as a conflict, and its file left alone.
  const auto busy = backups_.path() / ".schakel-20261206-020000.db.partial";
  { std::ofstream(busy) << ""; }
  auto refused = service.take();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().failure, Failure::conflict);
  EXPECT_TRUE(fs::exists(busy));
  // Two hours later that partial file is a leftover of a crash: it goes.
  fs::last_write_time(busy, fs::file_time_type::clock::now() - std::chrono::hours(2));
  clock_.advance(60);
  ASSERT_TRUE(service.take().ok());
  EXPECT_FALSE(fs::exists(busy));
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(backups_.path()))
    names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"schakel-20261206-020100.db"});
}

TEST_F(Backups, AppliesRetentionAfterEachBackup) {
  BackupService service(db(), clock_, backups_.path().string(), 2, 0);
  for (int d = 0; d < 4; ++d) {
    ASSERT_TRUE(service.take().ok());
    clock_.advance(86400);
  }
  const auto kept = service.list();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].name, "schakel-20261209-020000.db");
  EXPECT_EQ(kept[1].name, "schakel-20261208-020000.db");
}

TEST_F(Backups, RecordsAFailureAndClearsItOnSuccess) {
  // A file where the folder should be: nothing can be written.
  const auto blocked = backups_.path() / "blocked";
  { std::ofstream(blocked) << "x"; }
  BackupService broken(db(), clock_, blocked.string(), 7, 4);
  auto failed = broken.take();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().failure, Failure::busy);
  auto st = status();
  EXPECT_FALSE(st.failure.empty());
  EXPECT_EQ(st.failed_at, clock_.now());

  BackupService fine(db(), clock_, (backups_.path() / "ok").string(), 7, 4);
  ASSERT_TRUE(fine.take().ok());
  st = status();
  EXPECT_TRUE(st.failure.empty());
  EXPECT_TRUE(st.last_ok);
}

TEST(BackupService, RefusesPostgresqlWhichPgDumpBacksUp) {
  SCHAKEL_REQUIRE_BACKEND(store::Backend::postgresql);
  TestDatabase database(store::Backend::postgresql, 1);
  database.migrate();
  TempDir backups;
  ManualClock clock(1796522400);
  BackupService service(database.db(), clock, backups.path().string(), 7, 4);
  auto taken = service.take();
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().failure, Failure::invalid);
  EXPECT_NE(taken.error().fields.front().message.find("pg_dump"), std::string::npos);
  EXPECT_TRUE(service.list().empty());
}

}  // namespace
}  // namespace schakel::archive
