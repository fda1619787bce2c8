#include "archive/backups.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "store/rate_limits.hpp"
#include "store/settings.hpp"

namespace schakel::archive {

const std::string backup_last_ok_setting = "archive.backup.last_ok";
const std::string backup_failure_setting = "archive.backup.failure";

namespace fs = std::filesystem;

namespace {

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
      store::write_setting(sql, backup_failure_setting,
                           nlohmann::json{{"at", now}, {"message", message}}.dump());
    });
  } catch (const std::exception& e) {
    log::app()->error("archive.backup: could not record the failure: {}", e.what());
  }
}

}  // namespace

BackupStatus read_backup_status(soci::session& sql) {
  BackupStatus status;
  if (auto ok = store::read_setting(sql, backup_last_ok_setting)) {
    auto j = nlohmann::json::parse(*ok, nullptr, false);
    if (j.is_object())
      status.last_ok = BackupFile{j.value("name", ""), j.value("at", std::int64_t{0}),
                                  j.value("bytes", std::uint64_t{0})};
  }
  if (auto failed = store::read_setting(sql, backup_failure_setting)) {
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

namespace {

// Deletes partial files that an interrupted backup (a crash, kill -9) left in
// `dir`: those older than an hour, the job's lease, cannot be in progress.
void remove_stale_partials(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(".schakel-", 0) != 0 || name.size() < 8 ||
        name.compare(name.size() - 8, 8, ".partial") != 0)
      continue;
    const auto modified = fs::last_write_time(entry.path(), ec);
    if (ec) continue;
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(
                         fs::file_time_type::clock::now() - modified)
                         .count();
    if (age > 3600) fs::remove(entry.path(), ec);
  }
}

}  // namespace

Result<BackupFile> BackupService::take() {
  if (db_.backend() != store::Backend::sqlite)
    return Error::of(Failure::invalid,
                     "Met PostgreSQL maak je back-ups met pg_dump, buiten het platform.");
  const std::int64_t now = clock_.now();
  BackupFile file{backup_name(now), now, 0};
  const fs::path target = fs::path(dir_) / file.name;
  const fs::path partial = fs::path(dir_) / ("." + file.name + ".partial");
  std::error_code ec;
  fs::create_directories(dir_, ec);
  remove_stale_partials(dir_);
  // The partial file is claimed with O_EXCL, so that the job and the button in
  // the same second cannot write (and then delete) one file; VACUUM INTO accepts
  // an empty file.
  const int claim = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  const int claim_error = errno;
  if (claim >= 0) ::close(claim);
  if (fs::exists(target, ec) || (claim < 0 && claim_error == EEXIST)) {
    if (claim >= 0) fs::remove(partial, ec);
    return Error::of(Failure::conflict, "Er is net een back-up gemaakt. Probeer het zo opnieuw.");
  }
  try {
    if (claim < 0)
      throw std::runtime_error("cannot create " + partial.string() + ": " +
                               std::strerror(claim_error));
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
    return Error::of(Failure::busy,
                     "De back-up is mislukt. De reden staat in het logboek van de server.");
  }
  for (const auto& name : backups_to_delete(list(), keep_daily_, keep_weekly_))
    fs::remove(fs::path(dir_) / name, ec);
  db_.transact([&](soci::session& sql) {
    store::write_setting(
        sql, backup_last_ok_setting,
        nlohmann::json{{"name", file.name}, {"at", file.taken_at}, {"bytes", file.bytes}}.dump());
    store::remove_setting(sql, backup_failure_setting);
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
