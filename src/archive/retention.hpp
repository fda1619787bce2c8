#pragma once
// Which scheduled backups to keep: the newest backup of each of the N most
// recent days that have one, and the newest of each of the M most recent ISO
// weeks (Monday to Sunday, UTC) that have one. Everything else is deleted.
// Pure functions, so the rule is tested with fixed dates.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schakel::archive {

// One finished backup file in the backup folder.
struct BackupFile {
  std::string name;           // e.g. "schakel-20261206-021500.db"
  std::int64_t taken_at = 0;  // Unix seconds (UTC), read from the name
  std::uint64_t bytes = 0;
};

// The file name of a backup taken at `unix_seconds`: "schakel-YYYYMMDD-HHMMSS.db" (UTC).
std::string backup_name(std::int64_t unix_seconds);
// The time in a name that backup_name() wrote; nullopt for any other name
// (temporary files, files of other programs).
std::optional<std::int64_t> backup_time(const std::string& name);

// The names of the files to keep, newest first. `files` may be in any order;
// keep_daily and keep_weekly below 0 count as 0.
std::vector<std::string> backups_to_keep(const std::vector<BackupFile>& files, int keep_daily,
                                         int keep_weekly);
// The names of the files to delete (those backups_to_keep leaves out), newest first.
std::vector<std::string> backups_to_delete(const std::vector<BackupFile>& files, int keep_daily,
                                           int keep_weekly);

}  // namespace schakel::archive
