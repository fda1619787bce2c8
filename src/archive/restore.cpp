#include "archive/restore.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "archive/retention.hpp"
#include "store/sqlite_file.hpp"

namespace schakel::archive {

namespace fs = std::filesystem;

ServerLock::~ServerLock() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<ServerLock> ServerLock::try_take(const Config& config, bool exclusive) {
  const std::string db = store::sqlite_path(config.database);
  if (db.empty()) return ServerLock(-1);
  const std::string path = db + ".lock";
  // Read-only and readable by all, so that a lock file first made by root (a
  // restore) still opens for the service's own user; flock needs no write access.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw std::runtime_error("cannot open the lock file " + path + ": " + std::strerror(errno));
  if (::flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return ServerLock(fd);
}

ServerLock hold_server_lock(const Config& config) {
  auto lock = ServerLock::try_take(config, false);
  if (!lock)
    throw std::runtime_error("a restore of " + config.database +
                             " is running; start the server when it has finished");
  return std::move(*lock);
}

namespace {

Error refused(const std::string& message) { return Error::of(Failure::invalid, message); }

// What is wrong with `from` as a database to restore, or "" when nothing.
std::string check_source(const std::string& from, int newest_known, int* migration) {
  store::SqliteFileFacts facts;
  try {
    facts = store::inspect_sqlite_file(from);
  } catch (const std::exception& e) {
    return from + ": " + e.what();
  }
  if (!facts.is_sqlite) return from + " is not an SQLite database";
  if (facts.integrity != "ok") return from + " fails PRAGMA integrity_check: " + facts.integrity;
  if (!facts.has_schema_migrations)
    return from + " is not a Schakel database (it has no schema_migrations table)";
  if (facts.newest_migration > newest_known)
    return from + " was written by a newer Schakel (migration " +
           std::to_string(facts.newest_migration) + "; this binary knows up to " +
           std::to_string(newest_known) + "): upgrade schakel first";
  std::error_code ec;
  if (fs::exists(from + "-wal", ec) && fs::file_size(from + "-wal", ec) > 0)
    return from +
           " has a -wal file beside it with writes not yet in the file; restore a file "
           "written by `schakel backup` or the scheduled backup instead";
  *migration = facts.newest_migration;
  return {};
}

// Copies `from` to `to` (created, must not exist) and syncs it; throws on failure.
void copy_synced(const std::string& from, const std::string& to, const CopyProgress& progress) {
  std::ifstream in(from, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + from);
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + to + ": " + std::strerror(errno));
  const auto total = static_cast<std::int64_t>(fs::file_size(from));
  std::vector<char> buffer(1 << 20);
  std::int64_t done = 0;
  bool ok = true;
  while (ok && in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = in.gcount();
    for (std::streamsize written = 0; ok && written < n;) {
      const auto w = ::write(fd, buffer.data() + written, static_cast<std::size_t>(n - written));
      ok = w > 0;
      written += ok ? w : 0;
    }
    done += n;
    if (progress) progress(done, total);
  }
  ok = ok && in.eof() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    std::error_code ec;
    fs::remove(to, ec);
    throw std::runtime_error("cannot copy " + from + " to " + to);
  }
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Moves the current database (and its -wal) aside; returns the new name or "".
std::string move_aside(const std::string& db, std::int64_t now) {
  std::error_code ec;
  if (!fs::exists(db, ec)) return {};
  // "schakel-YYYYMMDD-HHMMSS.db" without its frame: the date of the restore.
  const std::string stamp = backup_name(now).substr(8, 15);
  const std::string previous = db + ".before-restore-" + stamp;
  fs::rename(db, previous);
  if (fs::exists(db + "-wal", ec)) fs::rename(db + "-wal", previous + "-wal");
  fs::remove(db + "-shm", ec);
  return previous;
}

}  // namespace

Result<RestoreOutcome> restore_database(const Config& config, const std::string& from,
                                        int newest_known, std::int64_t now,
                                        const CopyProgress& progress) {
  const std::string db = store::sqlite_path(config.database);
  if (db.empty())
    return refused(
        "restore works on an SQLite database; restore PostgreSQL with pg_restore "
        "(see docs/backups.md)");
  RestoreOutcome outcome{db, {}, 0};
  if (auto problem = check_source(from, newest_known, &outcome.migration); !problem.empty())
    return refused(problem);
  std::error_code ec;
  if (fs::exists(db, ec) && fs::equivalent(from, db, ec))
    return refused(from + " is the database itself");
  const fs::path folder = fs::path(db).parent_path();
  if (!folder.empty()) fs::create_directories(folder, ec);
  auto lock = ServerLock::try_take(config, true);
  if (!lock)
    return Error::of(Failure::conflict,
                     "a server is using " + db + ": stop the server first, then restore");
  const std::string temporary = db + ".restoring";
  fs::remove(temporary, ec);
  try {
    copy_synced(from, temporary, progress);
    outcome.previous = move_aside(db, now);
    fs::rename(temporary, db);
    sync_folder(folder);
  } catch (const std::exception& e) {
    fs::remove(temporary, ec);
    if (!outcome.previous.empty() && !fs::exists(db, ec)) {
      fs::rename(outcome.previous, db, ec);
      if (fs::exists(outcome.previous + "-wal", ec))
        fs::rename(outcome.previous + "-wal", db + "-wal", ec);
    }
    return refused(std::string("the restore failed, the database is unchanged: ") + e.what());
  }
  return outcome;
}

}  // namespace schakel::archive
