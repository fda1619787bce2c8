#include "archive/backups.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "store/rate_limits.hpp"
#include "store/settings.hpp"

namespace schakel::archive {

namespace fs = std::filesystem;

namespace {

const std::string last_ok_key = "archive.backup.last_ok";
const std::string failure_key = "archive.backup.failure";

// Flushes `path` (a file or a folder) to disk; false when it could not.
bool sync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

void record_failure(store::Database& db, std::int64_t now, const std::string& message) {
  try {
    db.transact([&](soci::session& sql) {
      store::write_setting(sql, failure_key,
                           nlohmann::json{{"at", now}, {"message", message}}.dump());
    });
  } catch (const std::exception& e) {
    log::app()->error("archive.backup: could not record the failure: {}", e.what());
  }
}

}  // namespace

BackupStatus read_backup_status(soci::session& sql) {
  BackupStatus status;
  if (auto ok = store::read_setting(sql, last_ok_key)) {
    auto j = nlohmann::json::parse(*ok, nullptr, false);
    if (j.is_object())
      status.last_ok = BackupFile{j.value("name", ""), j.value("at", std::int64_t{0}),
                                  j.value("bytes", std::uint64_t{0})};
  }
  if (auto failed = store::read_setting(sql, failure_key)) {
    auto j = nlohmann::json::parse(*failed, nullptr, false);
    if (j.is_object()) {
      status.failed_at = j.value("at", std::int64_t{0});
      status.failure = j.value("message", "");
    }
  }
  return status;
}

std::vector<BackupFile> list_backups(const std::string& dir) {
  std::vector<BackupFile> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    const auto at = backup_time(name);
    if (!at || !entry.is_regular_file(ec)) continue;
    out.push_back({name, *at, static_cast<std::uint64_t>(entry.file_size(ec))});
  }
  std::sort(out.begin(), out.end(),
            [](const BackupFile& a, const BackupFile& b) { return a.taken_at > b.taken_at; });
  return out;
}

BackupService::BackupService(store::Database& db, const Clock& clock, std::string dir,
                             int keep_daily, int keep_weekly)
    : db_(db),
      clock_(clock),
      dir_(std::move(dir)),
      keep_daily_(keep_daily),
      keep_weekly_(keep_weekly) {}

Result<BackupFile> BackupService::take() {
  if (db_.backend() != store::Backend::sqlite)
    return Error::of(Failure::invalid,
                     "Met PostgreSQL maak je back-ups met pg_dump, buiten het platform.");
  const std::int64_t now = clock_.now();
  BackupFile file{backup_name(now), now, 0};
  const fs::path target = fs::path(dir_) / file.name;
  const fs::path partial = fs::path(dir_) / ("." + file.name + ".partial");
  std::error_code ec;
  if (fs::exists(target, ec) || fs::exists(partial, ec))
    return Error::of(Failure::conflict, "Er is net een back-up gemaakt. Probeer het zo opnieuw.");
  try {
    fs::create_directories(dir_);
    db_.backup_to(partial.string());
    if (!sync_path(partial.string()))
      throw std::runtime_error("could not flush " + partial.string() + " to disk");
    fs::rename(partial, target);
    sync_path(dir_);
    file.bytes = static_cast<std::uint64_t>(fs::file_size(target));
  } catch (const std::exception& e) {
    fs::remove(partial, ec);
    log::app()->error("archive.backup: {}", e.what());
    record_failure(db_, now, e.what());
    return Error::of(Failure::busy, "De back-up is mislukt: " + std::string(e.what()));
  }
  for (const auto& name : backups_to_delete(list(), keep_daily_, keep_weekly_))
    fs::remove(fs::path(dir_) / name, ec);
  db_.transact([&](soci::session& sql) {
    store::write_setting(
        sql, last_ok_key,
        nlohmann::json{{"name", file.name}, {"at", file.taken_at}, {"bytes", file.bytes}}.dump());
    store::remove_setting(sql, failure_key);
  });
  log::app()->info("archive.backup: wrote {} ({} bytes)", target.string(), file.bytes);
  return file;
}

Result<BackupFile> BackupService::take_on_request(std::int64_t actor_id) {
  store::RateLimiter limiter(db_, clock_);
  const auto slot =
      limiter.reserve("archive:backup:" + std::to_string(actor_id), store::RateRule{6, 3600});
  if (slot.wait > 0)
    return Error::of(Failure::busy, "Je maakte dit uur al vaak een back-up. Probeer opnieuw over " +
                                        std::to_string((slot.wait + 59) / 60) + " minuten.");
  return take();
}

}  // namespace schakel::archive
