#include "store/database.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/changes.hpp"
#include "store/prepared.hpp"

namespace schakel::store {

namespace {
constexpr int busy_timeout_ms = 10000;

bool starts_with(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

std::string postgres_connect_string(const std::string& url) {
  // postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
  std::string rest = url.substr(url.find("://") + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = credentials.find(':');
    user = credentials.substr(0, colon);
    if (colon != std::string::npos) password = credentials.substr(colon + 1);
  }
  std::string host = rest, port;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
    host = host.substr(1, close - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += key + "=" + quoted(percent_decoded(value));
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("password", password);
  add("dbname", dbname);
  std::size_t i = 0;
  while (i < query.size()) {
    std::size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    std::string pair = query.substr(i, amp - i);
    i = amp + 1;
    auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    add(percent_decoded(pair.substr(0, eq)), pair.substr(eq + 1));
  }
  return out;
}

void rethrow_translated() {
  try {
    throw;
  } catch (const StoreError&) {
    throw;
  } catch (const soci::sqlite3_soci_error& e) {
    const int code = e.result() & 0xFF;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) throw StoreError(ErrorKind::busy, e.what());
    if (code == SQLITE_CONSTRAINT) throw StoreError(ErrorKind::conflict, e.what());
    if (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_CORRUPT ||
        code == SQLITE_FULL)
      throw StoreError(ErrorKind::unavailable, e.what());
    throw StoreError(ErrorKind::other, e.what());
  } catch (const soci::postgresql_soci_error& e) {
    const std::string state = e.sqlstate();
    if (starts_with(state, "23")) throw StoreError(ErrorKind::conflict, e.what());
    if (state == "40001" || state == "40P01" || state == "55P03")
      throw StoreError(ErrorKind::busy, e.what());
    if (starts_with(state, "08") || starts_with(state, "57"))
      throw StoreError(ErrorKind::unavailable, e.what());
    throw StoreError(ErrorKind::other, e.what());
  } catch (const soci::soci_error& e) {
    switch (e.get_error_category()) {
      case soci::soci_error::constraint_violation:
        throw StoreError(ErrorKind::conflict, e.what());
      case soci::soci_error::connection_error:
        throw StoreError(ErrorKind::unavailable, e.what());
      case soci::soci_error::no_data:
        throw StoreError(ErrorKind::not_found, e.what());
      default:
        throw StoreError(ErrorKind::other, e.what());
    }
  }
}

Database::Database(Backend backend, std::string url, std::size_t pool_size)
    : backend_(backend),
      url_(std::move(url)),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

void rethrow_translated(soci::session& sql) {
  try {
    rethrow_translated();
  } catch (const StoreError& e) {
    if (e.kind() == ErrorKind::unavailable) detail::forget_statements(sql);
    throw;
  }
}

Database::~Database() {
  // The cached statements go before their connections close.
  for (std::size_t i = 0; i < pool_size_; ++i) detail::unregister_connection(pool_->at(i));
}

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
  if (pool_size == 0) pool_size = 1;
  Backend backend;
  std::string connect;
  if (starts_with(url, "sqlite:")) {
    backend = Backend::sqlite;
    std::string path = url.substr(7);
    if (path.empty()) throw StoreError(ErrorKind::other, "sqlite: needs a file path");
    connect = "db=" + path + " timeout=" + std::to_string(busy_timeout_ms / 1000);
  } else if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) {
    backend = Backend::postgresql;
    connect = postgres_connect_string(url);
  } else {
    throw StoreError(ErrorKind::other,
                     "unknown database URL '" + url + "': use sqlite:PATH or postgresql://...");
  }
  std::unique_ptr<Database> db(new Database(backend, url, pool_size));
  try {
    for (std::size_t i = 0; i < pool_size; ++i) {
      soci::session& sql = db->pool_->at(i);
      try {
        const soci::backend_factory& factory =
            backend == Backend::sqlite
                ? static_cast<const soci::backend_factory&>(soci::sqlite3)
                : static_cast<const soci::backend_factory&>(soci::postgresql);
        sql.open(factory, connect);
      } catch (const soci::soci_error& e) {
        throw StoreError(ErrorKind::unavailable,
                         std::string("cannot open the database: ") + e.what());
      }
      if (backend == Backend::sqlite) {
        sql << "PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms);
        sql << "PRAGMA journal_mode = WAL";
        sql << "PRAGMA synchronous = FULL";
        sql << "PRAGMA foreign_keys = ON";
        std::string mode;
        int sync = -1, fk = -1, timeout = -1;
        sql << "PRAGMA journal_mode", soci::into(mode);
        sql << "PRAGMA synchronous", soci::into(sync);
        sql << "PRAGMA foreign_keys", soci::into(fk);
        sql << "PRAGMA busy_timeout", soci::into(timeout);
        if (mode != "wal" || sync != 2 || fk != 1 || timeout != busy_timeout_ms)
          throw StoreError(ErrorKind::other, "SQLite settings did not take effect (journal_mode=" +
                                                 mode + ", synchronous=" + std::to_string(sync) +
                                                 ", foreign_keys=" + std::to_string(fk) +
                                                 ", busy_timeout=" + std::to_string(timeout) + ")");
      } else {
        sql << "SET client_min_messages TO WARNING";
        sql << "SET TIME ZONE 'UTC'";
      }
      detail::register_connection(sql, backend == Backend::sqlite);
    }
  } catch (const StoreError&) {
    throw;
  } catch (...) {
    rethrow_translated();
  }
  return db;
}

void Database::begin(soci::session& sql) {
  if (backend_ == Backend::sqlite) {
    sql << "BEGIN IMMEDIATE";
  } else {
    sql << "BEGIN";
    detail::hold_back_changes(sql);
  }
}

void Database::commit(soci::session& sql) {
  // SQLite has one writer at a time, so its change ids already follow commit order.
  if (backend_ == Backend::postgresql) detail::write_held_back_changes(sql);
  sql << "COMMIT";
  detail::drop_held_back_changes(sql);
}

void Database::begin_read(soci::session& sql) {
  if (backend_ == Backend::sqlite)
    sql << "BEGIN";
  else
    sql << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
}

void Database::rollback_quietly(soci::session& sql) noexcept {
  detail::drop_held_back_changes(sql);
  try {
    sql << "ROLLBACK";
  } catch (...) {
    // The transaction is already gone (connection lost); nothing to undo.
  }
}

void Database::execute(const std::string& statement) {
  run([&](soci::session& sql) { sql << statement; });
}

bool Database::ping() {
  try {
    int one = 0;
    run([&](soci::session& sql) { sql << "SELECT 1", soci::into(one); });
    return one == 1;
  } catch (const StoreError&) {
    return false;
  }
}

void Database::backup_to(const std::string& path) {
  if (backend_ != Backend::sqlite)
    throw StoreError(ErrorKind::other,
                     "backups of PostgreSQL are made with pg_dump, e.g. pg_dump -Fc DBNAME > FILE");
  // An empty file is a target its caller claimed (O_EXCL); SQLite writes into it.
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) != 0)
    throw StoreError(ErrorKind::conflict, "backup target already exists: " + path);
  run([&](soci::session& sql) { sql << "VACUUM INTO :path", soci::use(path); });
}

}  // namespace schakel::store
