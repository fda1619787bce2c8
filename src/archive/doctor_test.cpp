// `schakel doctor`: each check, and above all each check's failing case.
#include "archive/doctor.hpp"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/backups.hpp"
#include "test_support.hpp"

namespace schakel::archive {
namespace {

namespace fs = std::filesystem;
using schakel::testing::TempDir;
using schakel::testing::TestDatabase;
using schakel::testing::TestServer;

constexpr std::int64_t now = 1796522400;  // 2026-12-06 02:00:00 UTC

Config config_in(const TempDir& dir) {
  Config config;
  config.data_dir = dir.path().string();
  config.database = "sqlite:" + (dir.path() / "schakel.db").string();
  config.base_url = "https://schakel.example.be";
  return config;
}

// A listening loopback socket; its port, and the socket to close.
std::pair<int, unsigned short> listening_socket() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return {fd, ntohs(addr.sin_port)};
}

TEST(DoctorConfiguration, FailsWithoutADataFolderAndWarnsWithoutABaseUrl) {
  TempDir dir;
  auto config = config_in(dir);
  EXPECT_EQ(check_configuration(config).level, Level::ok);
  config.base_url.clear();
  auto warned = check_configuration(config);
  EXPECT_EQ(warned.level, Level::warn);
  EXPECT_NE(warned.fix.find("--base-url"), std::string::npos);
  config.data_dir = (dir.path() / "missing").string();
  EXPECT_EQ(check_configuration(config).level, Level::fail);
  config = config_in(dir);
  config.database = "mysql://localhost/schakel";
  EXPECT_EQ(check_configuration(config).level, Level::fail);
}

TEST(DoctorDatabase, FailsWhenForeignKeysAreOff) {
  TestDatabase database(store::Backend::sqlite, 1);
  EXPECT_EQ(check_database_settings(database.db()).level, Level::ok);
  // The pool has one connection, so the check reads the one changed here.
  database.db().execute("PRAGMA foreign_keys = OFF");
  auto check = check_database_settings(database.db());
  EXPECT_EQ(check.level, Level::fail);
  EXPECT_NE(check.detail.find("foreign_keys should be 1 (on)"), std::string::npos);
}

TEST(DoctorMigrations, FailsOnAPendingAndOnAnUnknownMigration) {
  TestDatabase database(store::Backend::sqlite, 1);
  auto all = store::embedded_migrations();
  std::vector<store::Migration> but_last(all.begin(), all.end() - 1);
  store::migrate(database.db(), but_last);
  auto pending = check_migrations(database.db(), all);
  EXPECT_EQ(pending.level, Level::fail);
  EXPECT_NE(pending.detail.find(std::to_string(all.back().version)), std::string::npos);
  EXPECT_NE(pending.fix.find("schakel migrate"), std::string::npos);
  store::migrate(database.db(), all);
  EXPECT_EQ(check_migrations(database.db(), all).level, Level::ok);
  auto unknown = check_migrations(database.db(), but_last);
  EXPECT_EQ(unknown.level, Level::fail);
  EXPECT_NE(unknown.detail.find("does not know"), std::string::npos);
}

TEST(DoctorSearchIndex, ReadsTheIndexOfARunningServerAndFailsOnADamagedOne) {
  TestServer server;
  Config config;
  config.data_dir = server.data_dir().string();
  auto check = check_search_index(config, server.db());
  EXPECT_EQ(check.level, Level::ok) << check.detail;
  EXPECT_NE(check.detail.find("documents"), std::string::npos);

  TempDir dir;
  config.data_dir = dir.path().string();
  EXPECT_EQ(check_search_index(config, server.db()).level, Level::warn);  // none yet
  fs::create_directories(dir.path() / "search");
  std::ofstream(dir.path() / "search" / "iamglass") << "kapot";
  EXPECT_EQ(check_search_index(config, server.db()).level, Level::fail);
}

TEST(DoctorMail, FailsWhenTheSmtpPortDoesNotAnswer) {
  TempDir dir;
  auto config = config_in(dir);
  EXPECT_EQ(check_mail(config).level, Level::warn);  // no SMTP: .eml files
  auto [fd, port] = listening_socket();
  config.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(check_mail(config).level, Level::ok);
  ::close(fd);  // nothing listens there any more
  auto check = check_mail(config, 1000);
  EXPECT_EQ(check.level, Level::fail);
  EXPECT_NE(check.detail.find(std::to_string(port)), std::string::npos);
  config.smtp_url = "smtp://nosuchhost.invalid:25";
  EXPECT_EQ(check_mail(config, 1000).level, Level::fail);
}

TEST(DoctorDiskSpace, FailsBelowTheLimit) {
  TempDir dir;
  auto config = config_in(dir);
  EXPECT_NE(check_disk_space(config, 1).level, Level::fail);
  EXPECT_EQ(check_disk_space(config, std::uintmax_t{1} << 62).level, Level::fail);
  config.data_dir = (dir.path() / "missing").string();
  EXPECT_EQ(check_disk_space(config).level, Level::fail);
}

TEST(DoctorBackups, WarnsWithoutAndFailsOnAnOldBackup) {
  TempDir dir;
  auto config = config_in(dir);
  EXPECT_EQ(check_backups(config, store::Backend::sqlite, now).level, Level::warn);
  fs::create_directories(dir.path() / "backups");
  std::ofstream(dir.path() / "backups" / backup_name(now - 3600)) << "x";
  EXPECT_EQ(check_backups(config, store::Backend::sqlite, now).level, Level::ok);
  auto old = check_backups(config, store::Backend::sqlite, now + 2 * 86400);
  EXPECT_EQ(old.level, Level::fail);
  EXPECT_NE(old.detail.find("49 hours old"), std::string::npos);
  EXPECT_EQ(check_backups(config, store::Backend::postgresql, now).level, Level::warn);
}

TEST(Doctor, AMissingDatabaseFailsAndIsNotCreated) {
  TempDir dir;
  auto config = config_in(dir);
  const auto checks = run_doctor(config, now);
  std::ostringstream out;
  EXPECT_EQ(print_checks(checks, out), 1);
  EXPECT_NE(out.str().find("fail  database: no database at"), std::string::npos) << out.str();
  EXPECT_FALSE(fs::exists(dir.path() / "schakel.db"));
}

TEST(Doctor, PrintsEachCheckAndExitsZeroWithWarningsOnly) {
  std::ostringstream out;
  EXPECT_EQ(print_checks({{"a", Level::ok, "fine", ""}, {"b", Level::warn, "hm", "do x"}}, out), 0);
  EXPECT_EQ(out.str(), "ok    a: fine\nwarn  b: hm\n      fix: do x\n");
}

}  // namespace
}  // namespace schakel::archive
