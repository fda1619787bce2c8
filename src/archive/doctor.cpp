#include "archive/doctor.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fcntl.h>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <set>

#include "archive/backups.hpp"
#include "search/inspect.hpp"
#include "store/changes.hpp"
#include "store/sqlite_file.hpp"

namespace schakel::archive {

namespace fs = std::filesystem;

namespace {

Check ok(std::string name, std::string detail) {
  return {std::move(name), Level::ok, std::move(detail), {}};
}
Check bad(Level level, std::string name, std::string detail, std::string fix) {
  return {std::move(name), level, std::move(detail), std::move(fix)};
}

std::string mebibytes(std::uintmax_t bytes) {
  return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

std::string joined(const std::vector<int>& versions) {
  std::string out;
  for (int v : versions) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return out;
}

// True when a TCP connection to host:port opens within timeout_ms.
bool reachable(const std::string& host, const std::string& port, int timeout_ms, std::string* why) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    *why = "cannot resolve " + host + ": " + gai_strerror(rc);
    return false;
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, ::freeaddrinfo);
  *why = "nothing answers on " + host + ":" + port;
  for (auto* a = found; a; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    bool connected = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0;
    if (!connected && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int error = 0;
      socklen_t len = sizeof error;
      connected = ::poll(&p, 1, timeout_ms) == 1 &&
                  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) == 0 && error == 0;
    }
    ::close(fd);
    if (connected) return true;
  }
  return false;
}

}  // namespace

Check check_configuration(const Config& config) {
  const std::string name = "configuration";
  std::error_code ec;
  if (!fs::is_directory(config.data_dir, ec))
    return bad(Level::fail, name, "the data folder " + config.data_dir + " does not exist",
               "create it, or give the right one with --data-dir");
  const fs::path probe = fs::path(config.data_dir) / ".doctor-write-test";
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return bad(Level::fail, name, "the data folder " + config.data_dir + " is not writable",
               "give the user that runs schakel write access to it");
  ::close(fd);
  fs::remove(probe, ec);
  const auto& url = config.database;
  if (url.rfind("sqlite:", 0) != 0 && url.rfind("postgresql://", 0) != 0 &&
      url.rfind("postgres://", 0) != 0)
    return bad(Level::fail, name, "unknown --database '" + url + "'",
               "use sqlite:PATH or postgresql://user@host:port/db");
  if (config.base_url.empty())
    return bad(Level::warn, name, "--base-url is not set: links in mails use http://LISTEN",
               "set --base-url to the public address, e.g. https://schakel.example.be");
  return ok(name, "data folder " + config.data_dir + ", base URL " + config.base_url);
}

Check check_database_settings(store::Database& db) {
  const std::string name = "database settings";
  std::string found, wrong;
  for (const auto& s : store::database_settings(db)) {
    found += (found.empty() ? "" : ", ") + s.name + "=" + s.value;
    if (!s.ok) wrong += (wrong.empty() ? "" : ", ") + s.name + " should be " + s.expected;
  }
  if (!wrong.empty())
    return bad(Level::fail, name, found + " (" + wrong + ")",
               db.backend() == store::Backend::sqlite
                   ? "schakel sets these when it opens the file; check that the file system "
                     "supports WAL (no network share)"
                   : "change them in postgresql.conf (see deploy/) and reload PostgreSQL");
  return ok(name, found);
}

Check check_migrations(store::Database& db, const std::vector<store::Migration>& known) {
  const std::string name = "migrations";
  const auto applied = store::applied_versions(db);
  const std::set<int> done(applied.begin(), applied.end());
  std::set<int> knows;
  std::vector<int> pending, unknown;
  for (const auto& m : known) {
    knows.insert(m.version);
    if (!done.count(m.version)) pending.push_back(m.version);
  }
  for (int v : applied)
    if (!knows.count(v)) unknown.push_back(v);
  if (!unknown.empty())
    return bad(Level::fail, name,
               "the database has migrations this binary does not know: " + joined(unknown),
               "run the newer schakel that applied them, or restore a backup of before them");
  if (!pending.empty())
    return bad(Level::fail, name, "pending migrations: " + joined(pending),
               "run `schakel migrate` (serve also applies them when it starts)");
  return ok(name, std::to_string(applied.size()) + " applied, none pending");
}

Check check_search_index(const Config& config, store::Database& db) {
  const std::string name = "search index";
  const auto path = (fs::path(config.data_dir) / "search").string();
  const auto facts = search::inspect_index(path);
  if (!facts.opens)
    return bad(facts.exists ? Level::fail : Level::warn, name, facts.problem,
               "run `schakel reindex` with the server stopped (serve also builds a missing index)");
  const std::int64_t latest =
      db.run([](soci::session& sql) { return store::latest_change_id(sql); });
  const std::int64_t lag = latest - facts.position;
  const std::string detail = std::to_string(facts.documents) + " documents, at change " +
                             std::to_string(facts.position) + " of " + std::to_string(latest);
  if (facts.position < 0 || lag < 0)
    return bad(Level::fail, name, detail + ": the index does not belong to this database",
               "run `schakel reindex` with the server stopped");
  if (lag > 100)
    return bad(Level::warn, name, detail + " (" + std::to_string(lag) + " changes behind)",
               "a running server catches up within seconds; if it stays behind, check its log");
  return ok(name, detail);
}

Check check_mail(const Config& config, int timeout_ms) {
  const std::string name = "mail";
  const auto& url = config.smtp_url;
  if (url.empty())
    return bad(Level::warn, name,
               "no --smtp-url: mails are written as .eml files in the data folder",
               "set --smtp-url smtp://host:port of your mail server");
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos)
    return bad(Level::fail, name, "--smtp-url '" + url + "' is not a URL",
               "use smtp://host:port or smtps://host:port");
  const bool tls = url.rfind("smtps://", 0) == 0;
  std::string rest = url.substr(scheme_end + 3);
  rest = rest.substr(rest.rfind('@') == std::string::npos ? 0 : rest.rfind('@') + 1);
  rest = rest.substr(0, rest.find('/'));
  std::string host = rest, port = tls ? "465" : "25";
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.back() != ']') {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  std::string why;
  if (!reachable(host, port, timeout_ms, &why))
    return bad(Level::fail, name, why,
               "check --smtp-url and that the mail server runs and "
               "accepts connections from this machine");
  return ok(name, host + ":" + port + " answers");
}

Check check_disk_space(const Config& config, std::uintmax_t fail_below) {
  const std::string name = "disk space";
  std::error_code ec;
  const auto space = fs::space(config.data_dir, ec);
  if (ec) return bad(Level::fail, name, "cannot read: " + ec.message(), "check the data folder");
  const std::string detail = mebibytes(space.available) + " free of " + mebibytes(space.capacity);
  if (space.available < fail_below)
    return bad(Level::fail, name, detail, "free space in the data folder's file system now");
  if (space.available < 5 * fail_below || space.available * 20 < space.capacity)
    return bad(Level::warn, name, detail, "free space soon: backups and the index grow");
  return ok(name, detail);
}

Check check_backups(const Config& config, store::Backend backend, std::int64_t now) {
  const std::string name = "backups";
  if (backend == store::Backend::postgresql)
    return bad(Level::warn, name, "PostgreSQL is backed up with pg_dump, which doctor cannot see",
               "make sure a daily pg_dump runs and is copied off the machine (docs/backups.md)");
  const auto dir = config.effective_backup_dir();
  const auto files = list_backups(dir);
  if (files.empty())
    return bad(Level::warn, name, "no backups in " + dir,
               "serve takes one a day; or run `schakel backup --to FILE` now");
  const auto& newest = files.front();
  const std::int64_t hours = (now - newest.taken_at) / 3600;
  const std::string detail = "newest " + newest.name + ", " + std::to_string(hours) +
                             " hours old, " + std::to_string(files.size()) + " kept in " + dir;
  if (now - newest.taken_at > backup_max_age_seconds)
    return bad(Level::fail, name, detail,
               "check that a server with jobs runs (its log names archive.backup) and that the "
               "backup folder is writable");
  return ok(name, detail);
}

std::vector<Check> run_doctor(const Config& config, std::int64_t now) {
  std::vector<Check> checks{check_configuration(config)};
  std::unique_ptr<store::Database> db;
  const auto path = store::sqlite_path(config.database);
  std::error_code ec;
  if (!path.empty() && !fs::exists(path, ec)) {
    checks.push_back(bad(Level::fail, "database", "no database at " + path,
                         "run `schakel migrate`, or give the right one with --database"));
  } else {
    try {
      db = store::Database::open(config.database, 1);
      checks.push_back(ok("database", "opens"));
    } catch (const std::exception& e) {
      checks.push_back(bad(Level::fail, "database", e.what(),
                           "check --database and that the database server runs"));
    }
  }
  if (db) {
    checks.push_back(check_database_settings(*db));
    checks.push_back(check_migrations(*db, store::embedded_migrations()));
    checks.push_back(check_search_index(config, *db));
  }
  checks.push_back(check_mail(config));
  checks.push_back(check_disk_space(config));
  checks.push_back(check_backups(
      config, path.empty() ? store::Backend::postgresql : store::Backend::sqlite, now));
  return checks;
}

int print_checks(const std::vector<Check>& checks, std::ostream& out) {
  int status = 0;
  for (const auto& c : checks) {
    const char* word = c.level == Level::ok ? "ok  " : c.level == Level::warn ? "warn" : "fail";
    out << word << "  " << c.name << ": " << c.detail << "\n";
    if (!c.fix.empty()) out << "      fix: " << c.fix << "\n";
    if (c.level == Level::fail) status = 1;
  }
  return status;
}

}  // namespace schakel::archive
