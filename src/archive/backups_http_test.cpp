// The admin's backup page and button over HTTP, and the dashboard line when
// the last backup failed or is too old.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "archive/backups.hpp"
#include "attention_lines.hpp"
#include "test_support.hpp"

namespace schakel::archive {
namespace {

using schakel::testing::attention_line;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

class BackupPage : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(store::Backend::sqlite, Config{}, true);
    admin_ = session_cookie(*server_, "admin@demo.schakel.be", &csrf_);
  }
  std::filesystem::path dir() const { return server_->data_dir() / "backups"; }
  testing::HttpReply press(const std::string& csrf) {
    return http_post(server_->port(), "/beheer/backups", "_csrf=" + csrf,
                     "application/x-www-form-urlencoded", admin_);
  }
  std::string page() {
    auto reply = http_get(server_->port(), "/beheer/backups", admin_);
    EXPECT_EQ(reply.status, 200);
    return reply.body;
  }
  std::unique_ptr<TestServer> server_;
  std::string admin_, csrf_;
};

TEST_F(BackupPage, ShowsNoBackupYetThenTheOneTheButtonMade) {
  auto before = page();
  EXPECT_NE(before.find("Er is nog geen back-up."), std::string::npos);
  EXPECT_NE(before.find("Nu een back-up maken"), std::string::npos);

  auto reply = press(csrf_);
  EXPECT_EQ(reply.status, 303);
  const auto files = list_backups(dir().string());
  ASSERT_EQ(files.size(), 1u);
  const auto size = std::filesystem::file_size(dir() / files[0].name);

  auto after = page();
  EXPECT_NE(after.find("is gemaakt."), std::string::npos);  // the flash
  EXPECT_NE(after.find(files[0].name), std::string::npos);
  EXPECT_NE(after.find(format_utc(server_->clock().now())), std::string::npos);
  EXPECT_NE(after.find("Bewaarde back-ups (1)"), std::string::npos);
  // The size as the page writes it, e.g. "1,2 MB" for 1,234,567 bytes.
  const auto tenths = (size * 10 + 500'000) / 1'000'000;
  EXPECT_NE(after.find(std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB"),
            std::string::npos)
      << size;
  EXPECT_EQ(after.find("Er is nog geen back-up."), std::string::npos);
}

TEST_F(BackupPage, RefusesAPostWithoutItsCsrfTokenAndWritesNothing) {
  auto reply = press("vals");
  EXPECT_EQ(reply.status, 403);
  EXPECT_TRUE(list_backups(dir().string()).empty());
}

TEST_F(BackupPage, TheButtonIsRateLimited) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(press(csrf_).status, 303);
    server_->clock().advance(1);
  }
  EXPECT_EQ(list_backups(dir().string()).size(), 1u);  // retention: one per day
  auto reply = press(csrf_);
  EXPECT_EQ(reply.status, 303);
  EXPECT_NE(page().find("Je maakte dit uur al vaak een back-up"), std::string::npos);
}

TEST_F(BackupPage, WarnsWhenTheNewestIsOlderThanTwoDays) {
  ASSERT_EQ(press(csrf_).status, 303);
  EXPECT_EQ(page().find("ouder dan twee dagen"), std::string::npos);
  EXPECT_EQ(attention_line(server_->app(), "archive.backups", "/beheer/backups").count, 0);
  server_->clock().advance(2 * 86400 + 1);
  admin_ = session_cookie(*server_, "admin@demo.schakel.be", &csrf_);
  EXPECT_NE(page().find("De nieuwste back-up is ouder dan twee dagen."), std::string::npos);
  auto line = attention_line(server_->app(), "archive.backups", "/beheer/backups");
  EXPECT_EQ(line.text, "De laatste back-up is ouder dan twee dagen");
  // The admin's dashboard shows it; the coordinator's does not (the page is the admin's).
  auto dashboard = http_get(server_->port(), "/coordinatie", admin_);
  EXPECT_NE(dashboard.body.find("De laatste back-up is ouder dan twee dagen"), std::string::npos);
  auto coordinator = session_cookie(*server_, "coordinator@demo.schakel.be");
  auto theirs = http_get(server_->port(), "/coordinatie", coordinator);
  EXPECT_EQ(theirs.status, 200);
  EXPECT_EQ(theirs.body.find("back-up"), std::string::npos);
}

TEST_F(BackupPage, AFailedBackupShowsOnThePageAndTheDashboard) {
  // A file where the backup folder should be.
  { std::ofstream(dir()) << "geen map"; }
  ASSERT_EQ(press(csrf_).status, 303);
  const auto body = page();
  EXPECT_NE(body.find("De back-up is mislukt"), std::string::npos);          // the flash
  EXPECT_NE(body.find("De laatste back-up is mislukt"), std::string::npos);  // the notice
  auto line = attention_line(server_->app(), "archive.backups", "/beheer/backups");
  EXPECT_EQ(line.level, "urgent");
}

TEST_F(BackupPage, OnlyAdminsOpenIt) {
  auto coordinator = session_cookie(*server_, "coordinator@demo.schakel.be");
  EXPECT_EQ(http_get(server_->port(), "/beheer/backups", coordinator).status, 403);
  EXPECT_EQ(http_get(server_->port(), "/beheer/backups").status, 303);
}

}  // namespace
}  // namespace schakel::archive
