#pragma once
// Scheduled and on-demand backups of an SQLite database into the backup folder,
// with retention (archive/retention.hpp), and what the last attempt did,
// kept in the database's settings so that every node (and the dashboard) sees it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "archive/retention.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace schakel::archive {

// The settings that keep the last backup's outcome. They describe this
// installation, not the platform's content: a full export leaves them out.
extern const std::string backup_last_ok_setting;
extern const std::string backup_failure_setting;

// A backup older than this is "too old" on the admin page, the dashboard and in doctor.
constexpr std::int64_t backup_max_age_seconds = 2 * 86400;

// What the last backups did, as recorded by BackupService::take().
struct BackupStatus {
  std::optional<BackupFile> last_ok;  // the newest backup that succeeded
  std::int64_t failed_at = 0;         // the last failure after it (0: none)
  std::string failure;                // its message
};

// The recorded status, read in the caller's session (settings owned by store/).
BackupStatus read_backup_status(soci::session& sql);

// The finished backups in `dir` (names backup_name() writes), newest first.
// An absent folder holds none; temporary files are never listed.
std::vector<BackupFile> list_backups(const std::string& dir);

// Thread-safe: take() may run from the job and a request at once (the second
// of two in one second gets a conflict).
class BackupService {
 public:
  // Requires: `db` and `clock` outlive the service.
  BackupService(store::Database& db, const Clock& clock, std::string dir, int keep_daily,
                int keep_weekly);

  // SQLite: writes a consistent copy (VACUUM INTO) to a temporary name in the
  // folder, syncs it and renames it to backup_name(now), so that a half-written
  // file is never listed; then deletes what retention leaves out and records the
  // outcome. Failures: invalid on PostgreSQL (pg_dump takes those backups),
  // conflict when a backup of this very second exists, busy when writing failed
  // (recorded as the last failure).
  Result<BackupFile> take();

  // take() for admin `actor_id` who pressed the button: at most 6 an hour per
  // admin (busy beyond, nothing written), so the button cannot fill the disk.
  Result<BackupFile> take_on_request(std::int64_t actor_id);

  // The backups in the folder, newest first.
  std::vector<BackupFile> list() const { return list_backups(dir_); }
  const std::string& dir() const { return dir_; }

 private:
  store::Database& db_;
  const Clock& clock_;
  std::string dir_;
  int keep_daily_;
  int keep_weekly_;
};

}  // namespace schakel::archive
