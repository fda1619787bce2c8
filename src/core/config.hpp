#pragma once
// Configuration of a Schakel node. Every option can come from the command line,
// from an environment variable SCHAKEL_<OPTION> and from a TOML file (--config),
// in that order of precedence.
#include <cstddef>
#include <string>

namespace CLI {
class App;
}

namespace schakel {

// Limits that protect the server from large or slow clients.
struct Limits {
  std::size_t header_bytes = 16 * 1024;              // larger request head: 431
  std::size_t form_body_bytes = 1024 * 1024;         // larger form body: 413
  std::size_t upload_body_bytes = 25 * 1024 * 1024;  // on routes that accept uploads
  std::size_t attachment_bytes = 20'000'000;         // one kennisbank attachment: refused beyond
  int header_timeout_seconds = 10;  // whole request head must arrive in this time: 408
  int body_timeout_seconds = 30;    // whole body must arrive in this time: 408
  int idle_timeout_seconds = 30;    // keep-alive connection with no new request: closed
  int max_connections = 2000;       // beyond this, new connections get 503
  int shutdown_grace_seconds = 10;  // requests in flight may finish in this time

  // Open connections from one peer address (0: no cap); beyond it new ones get 503.
  // With --trust-proxy and not set explicitly: 0 (the proxy caps per client).
  int max_connections_per_ip = 100;
};

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:data/schakel.db";  // or postgresql://user@host:port/db
  std::string data_dir = "data";
  unsigned threads = 0;          // 0: one per core on SQLite, two on PostgreSQL
  bool dev = false;              // read templates and static files from the source tree
  std::string access_log = "-";  // "-": standard output; "": off; else a file path
  std::string log_level = "info";
  std::string quick_exit_url = "https://www.meteo.be/nl/belgie";
  std::string platform_name = "Schakel";
  bool trust_proxy = false;          // honour X-Forwarded-For / X-Forwarded-Proto from a proxy
  bool allow_demo_accounts = false;  // demo accounts may sign in (only for `make run`)
  std::string base_url;  // absolute URL of the site for links in mails; "" = http://LISTEN
  std::string smtp_url;  // smtp://host:port; "" writes mails as .eml files under DATA_DIR/mail
  std::string mail_from = "Schakel <noreply@schakel.invalid>";
  int session_idle_minutes = 480;            // professionals and SPOCs
  int privileged_session_idle_minutes = 30;  // coordinators and admins
  int session_absolute_hours = 12;
  bool run_jobs = true;    // this node runs background jobs (mail, clean-up)
  bool page_cache = true;  // anonymous public pages are cached until the change feed moves
  // Bounds of the page cache: bytes of the pages kept and their number; the
  // least recently used pages make room.
  std::size_t page_cache_mib = 64;
  std::size_t page_cache_entries = 20000;
  int signals_retention_years = 3;  // closed signals are deleted this long after closing
  // Bearer token that opens /metrics from other than loopback; "" = loopback only.
  std::string metrics_token;
  std::string backup_dir;      // scheduled SQLite backups; "" = DATA_DIR/backups
  int backup_keep_daily = 7;   // newest backup of this many most recent days is kept
  int backup_keep_weekly = 4;  // newest backup of this many most recent ISO weeks is kept
  Limits limits;

  // base_url, or http://LISTEN when it is empty.
  std::string effective_base_url() const {
    return base_url.empty() ? "http://" + listen : base_url;
  }
  // The threads to run, resolving 0 by the database: one per core on SQLite
  // (its reads run in-process), two per core on PostgreSQL, where a request's
  // thread waits for a round trip about as long as it computes, and a core
  // would otherwise sit idle meanwhile.
  unsigned effective_threads() const;
  // backup_dir, or DATA_DIR/backups when it is empty.
  std::string effective_backup_dir() const {
    return backup_dir.empty() ? data_dir + "/backups" : backup_dir;
  }
  // Host and port of `listen`. Throws std::invalid_argument on a malformed value.
  std::pair<std::string, unsigned short> listen_endpoint() const;
};

// Registers the options shared by every subcommand (database, data dir, config file).
void add_common_options(CLI::App& app, Config& config);
// Registers the options of `serve`.
void add_serve_options(CLI::App& app, Config& config);
// Registers the backup options (--backup-dir, --backup-keep-daily,
// --backup-keep-weekly) of `serve` and `doctor`.
void add_backup_options(CLI::App& app, Config& config);

}  // namespace schakel
