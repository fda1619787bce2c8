#pragma once
// `schakel restore FILE`: replaces the SQLite database with a backup, never
// under a running server, never leaving half a database behind.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"

namespace schakel::archive {

// An advisory lock (flock) on "<database>.lock" beside an SQLite database.
// `serve` holds it shared for its whole life (several servers may share a
// database); restore takes it exclusive and refuses when it cannot. Move-only;
// released at destruction (and by the kernel when the process dies).
class ServerLock {
 public:
  ServerLock(ServerLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ServerLock& operator=(ServerLock&&) = delete;
  ServerLock(const ServerLock&) = delete;
  ~ServerLock();

  // Takes the lock of the database `config` names without waiting: shared for a
  // server, exclusive for a restore. nullopt when another process holds it in a
  // conflicting way. A PostgreSQL database gets a lock that holds nothing.
  // Throws std::runtime_error when the lock file cannot be opened.
  static std::optional<ServerLock> try_take(const Config& config, bool exclusive);

 private:
  explicit ServerLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Takes the server's shared lock for `serve`; throws std::runtime_error saying
// that a restore is running when it cannot.
ServerLock hold_server_lock(const Config& config);

// What restore_database did.
struct RestoreOutcome {
  std::string database;  // the path restored to
  std::string previous;  // where the former database now is ("" when there was none)
  int migration = 0;     // the newest migration of the restored database
};

// Progress of a copy: bytes done of total.
using CopyProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Checks `from` (an SQLite file that passes integrity_check, holds
// schema_migrations and no migration newer than `newest_known`), takes the
// exclusive lock (refusing while a server runs), copies it to a temporary file
// beside the database, syncs it and renames it over the database. The former
// database (with its -wal) is kept as "<database>.before-restore-YYYYMMDD-HHMMSS";
// a stale -shm is removed. Nothing changes when it fails (invalid: the file or
// the configuration; conflict: a server runs). The search index is not touched:
// the caller rebuilds it.
Result<RestoreOutcome> restore_database(const Config& config, const std::string& from,
                                        int newest_known, std::int64_t now,
                                        const CopyProgress& progress = {});

}  // namespace schakel::archive
