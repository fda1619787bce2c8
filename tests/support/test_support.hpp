#pragma once
// Shared test support: temporary databases on SQLite and PostgreSQL, an
// in-process server on a random port, and a raw HTTP client.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"
#include "web/server.hpp"

namespace schakel::testing {

// A folder removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs `command` in a shell and returns what it printed on stdout; fails the
// current test when it exits with a non-zero status.
std::string run_command(const std::string& command);

// The PostgreSQL server URL for tests (SCHAKEL_TEST_POSTGRES_URL), or "" when none.
std::string postgres_url();

// A fresh, empty database of one backend: a temporary SQLite file, or a fresh
// schema on the test PostgreSQL server (dropped at the end).
class TestDatabase {
 public:
  explicit TestDatabase(store::Backend backend, std::size_t pool_size = 4);
  ~TestDatabase();
  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  // Applies every embedded migration.
  void migrate();

 private:
  store::Backend backend_;
  TempDir dir_;
  std::string url_;
  std::string schema_;
  std::unique_ptr<store::Database> db_;
};

// Skips the current test when it is the PostgreSQL variant and no server is
// configured. `make test` always configures one, so nothing is skipped there.
#define SCHAKEL_REQUIRE_BACKEND(backend)                      \
  do {                                                        \
    if ((backend) == ::schakel::store::Backend::postgresql && \
        ::schakel::testing::postgres_url().empty())           \
      GTEST_SKIP() << "SCHAKEL_TEST_POSTGRES_URL not set";    \
  } while (0)

// Backend tags for typed tests: store tests are written once and run on both.
struct OnSqlite {
  static constexpr store::Backend backend = store::Backend::sqlite;
};
struct OnPostgres {
  static constexpr store::Backend backend = store::Backend::postgresql;
};
using Backends = ::testing::Types<OnSqlite, OnPostgres>;
struct BackendNames {
  template <class T>
  static std::string GetName(int) {
    return T::backend == store::Backend::sqlite ? "SQLite" : "PostgreSQL";
  }
};

// Base of typed store tests: a fresh migrated database of the parameter's backend.
template <class B>
class BackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (B::backend == store::Backend::postgresql && postgres_url().empty())
      GTEST_SKIP() << "SCHAKEL_TEST_POSTGRES_URL not set";
    database_ = std::make_unique<TestDatabase>(B::backend);
    database_->migrate();
  }
  store::Database& db() { return database_->db(); }
  TestDatabase& database() { return *database_; }
  std::unique_ptr<TestDatabase> database_;
};

struct HttpReply {
  int status = 0;
  std::string head;  // status line and headers, as received
  std::string body;
  // The first header `name` (case-insensitive), "" when absent.
  std::string header(const std::string& name) const;
  // Every value of header `name`.
  std::vector<std::string> headers(const std::string& name) const;
};

// Sends `raw` bytes on a new connection to 127.0.0.1:port and reads one reply
// (until the connection closes or a full response with Content-Length arrived).
HttpReply raw_request(unsigned short port, const std::string& raw, int timeout_ms = 5000);
// A GET/POST with ordinary headers. `extra` holds additional header lines, each ending in \r\n.
HttpReply http_get(unsigned short port, const std::string& target, const std::string& extra = {});
HttpReply http_post(unsigned short port, const std::string& target, const std::string& body,
                    const std::string& content_type = "application/x-www-form-urlencoded",
                    const std::string& extra = {});

// An App with every feature on a fresh migrated database, served in-process on
// a random loopback port.
class TestServer {
 public:
  // `extra_routes` may add test-only routes before the server starts.
  explicit TestServer(store::Backend backend = store::Backend::sqlite, Config config = {},
                      bool with_demo = false, std::function<void(App&)> extra_routes = {});
  ~TestServer();
  unsigned short port() const { return port_; }
  App& app() { return *app_; }
  store::Database& db() { return database_.db(); }
  ManualClock& clock() { return clock_; }
  web::Server& server() { return *server_; }
  const std::filesystem::path& data_dir() const { return data_dir_.path(); }

 private:
  TempDir data_dir_;
  TestDatabase database_;
  ManualClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<web::Server> server_;
  unsigned short port_ = 0;
};

// A second node beside `first`: its own App (caches, search index) and
// connections on the first one's database, every feature installed, served on
// a random loopback port, with no change follower (so what it serves after
// another node's write rests on its per-request checks alone) and its own
// ManualClock, starting at the first one's time.
class SecondNode {
 public:
  // `extra_routes`, when given, registers more routes on the node's App after
  // the features (test pages).
  explicit SecondNode(TestServer& first, const std::function<void(App&)>& extra_routes = {});
  ~SecondNode();
  unsigned short port() const { return port_; }
  App& app() { return *app_; }
  ManualClock& clock() { return clock_; }

 private:
  TempDir data_dir_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<web::Server> server_;
  unsigned short port_ = 0;
};

// The value of the sample `sample` (name and labels as /metrics writes them,
// e.g. `schakel_page_cache_lookups_total{result="hit"}`) in the /metrics of the
// node at `port`, read from loopback; -1 when there is no such sample.
double metric_value(unsigned short port, const std::string& sample);

// --- Signing in and sessions ------------------------------------------------------------

// The configuration of a server whose demo accounts may sign in.
Config demo_config();
// A TestServer with the demo content, on `backend`, whose demo accounts
// (coordinator@demo.schakel.be, spoc.gent@…, professional@…, admin@…) may sign in.
std::unique_ptr<TestServer> demo_server(store::Backend backend, Config config = demo_config());

// The id of the account with `email`, or 0 when there is none.
std::int64_t user_id(store::Database& db, const std::string& email);
// The signed-in user `email` as handlers and services see it (the accounts
// loader's answer), for calling services as that role. Fails the test (and
// returns an empty Principal) when the account does not exist or is not active.
web::Principal principal(TestServer& server, const std::string& email);
// The "Cookie: …\r\n" header line of a new session signed in as `email` on
// `server`; its CSRF token goes to `csrf` when given.
std::string session_cookie(TestServer& server, const std::string& email,
                           std::string* csrf = nullptr);
// The "Cookie: …\r\n" header line that sends session cookie value `token`.
std::string cookie_header(const std::string& token);
// The "Cookie: …\r\n" header line that sends back the session cookie `reply`
// set (an anonymous visitor's cookie of a page with a form).
std::string cookie_of(const HttpReply& reply);

// A real SMTP server for tests: Debian's aiosmtpd, started on a free loopback
// port, storing every message it receives in a maildir. Stopped at destruction.
class SmtpServer {
 public:
  SmtpServer();
  ~SmtpServer();
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // Raw RFC 5322 messages received so far, oldest first.
  std::vector<std::string> messages() const;
  // Waits up to `timeout_ms` for a message to `to`; returns the newest one or "".
  std::string wait_for(const std::string& to, int timeout_ms = 5000) const;

 private:
  TempDir dir_;
  unsigned short port_ = 0;
  int pid_ = -1;
};

// The decoded text/plain part of a message (base64 or plain).
std::string mail_text(const std::string& raw);
// A header of a raw message ("Subject"), decoded when it is an RFC 2047 word.
std::string mail_header(const std::string& raw, const std::string& name);
// The first http(s) link in `text`, or "".
std::string first_link(const std::string& text);
// The path and query of an absolute URL ("http://h:1/a?b" -> "/a?b").
std::string path_of(const std::string& url);

// A GET of `path` that keeps the session cookie and returns the csrf token of the page.
std::string extract_csrf(const std::string& html);
std::string extract_cookie(const HttpReply& reply, const std::string& name);

}  // namespace schakel::testing
