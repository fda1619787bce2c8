#include "core/config.hpp"

#include <CLI/CLI.hpp>

#include <stdexcept>
#include <thread>

namespace schakel {

unsigned Config::effective_threads() const {
  if (threads > 0) return threads;
  unsigned cores = std::thread::hardware_concurrency();
  if (cores == 0) cores = 1;
  // Every other URL the store opens is PostgreSQL (postgresql:// or postgres://).
  return database.rfind("sqlite:", 0) == 0 ? cores : 2 * cores;
}

std::pair<std::string, unsigned short> Config::listen_endpoint() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
    throw std::invalid_argument("--listen must be HOST:PORT, got '" + listen + "'");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string port_text = listen.substr(colon + 1);
  std::size_t used = 0;
  unsigned long port = 0;
  try {
    port = std::stoul(port_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != port_text.size() || port > 65535)
    throw std::invalid_argument("--listen has an invalid port '" + port_text + "'");
  return {host, static_cast<unsigned short>(port)};
}

void add_common_options(CLI::App& app, Config& config) {
  app.set_config("--config", "", "TOML file with options (keys as the long option names)");
  app.add_option("--database", config.database, "sqlite:PATH or postgresql://user@host:port/dbname")
      ->envname("SCHAKEL_DATABASE")
      ->capture_default_str();
  app.add_option("--data-dir", config.data_dir, "Folder for the database, index and mail")
      ->envname("SCHAKEL_DATA_DIR")
      ->capture_default_str();
  app.add_option("--log-level", config.log_level, "trace, debug, info, warn or error")
      ->envname("SCHAKEL_LOG_LEVEL")
      ->capture_default_str();
  app.add_option("--smtp-url", config.smtp_url,
                 "smtp://host:port of the mail server; empty: .eml files")
      ->envname("SCHAKEL_SMTP_URL")
      ->capture_default_str();
  app.add_option("--mail-from", config.mail_from, "Sender of the platform's mails")
      ->envname("SCHAKEL_MAIL_FROM")
      ->capture_default_str();
  app.add_option("--base-url", config.base_url, "Public URL of the site, for links in mails")
      ->envname("SCHAKEL_BASE_URL")
      ->capture_default_str();
}

namespace {

// The request limits and timeouts of `serve` (Config::limits).
void add_limit_options(CLI::App& app, Config& config) {
  auto& l = config.limits;
  app.add_option("--max-header-bytes", l.header_bytes, "Largest request head (431 beyond)")
      ->envname("SCHAKEL_MAX_HEADER_BYTES")
      ->capture_default_str();
  app.add_option("--max-form-bytes", l.form_body_bytes, "Largest form body (413 beyond)")
      ->envname("SCHAKEL_MAX_FORM_BYTES")
      ->capture_default_str();
  app.add_option("--max-upload-bytes", l.upload_body_bytes, "Largest upload body (413 beyond)")
      ->envname("SCHAKEL_MAX_UPLOAD_BYTES")
      ->capture_default_str();
  app.add_option("--max-attachment-bytes", l.attachment_bytes,
                 "Largest kennisbank attachment (refused with a message beyond)")
      ->envname("SCHAKEL_MAX_ATTACHMENT_BYTES")
      ->capture_default_str();
  app.add_option("--header-timeout", l.header_timeout_seconds, "Seconds to receive a request head")
      ->envname("SCHAKEL_HEADER_TIMEOUT")
      ->capture_default_str();
  app.add_option("--body-timeout", l.body_timeout_seconds, "Seconds to receive a request body")
      ->envname("SCHAKEL_BODY_TIMEOUT")
      ->capture_default_str();
  app.add_option("--idle-timeout", l.idle_timeout_seconds, "Seconds an idle keep-alive may wait")
      ->envname("SCHAKEL_IDLE_TIMEOUT")
      ->capture_default_str();
  app.add_option("--max-connections", l.max_connections, "Open connections (503 beyond)")
      ->envname("SCHAKEL_MAX_CONNECTIONS")
      ->capture_default_str();
  auto* per_ip =
      app.add_option("--max-connections-per-ip", l.max_connections_per_ip,
                     "Open connections from one peer address (503 beyond; 0: no cap). Behind "
                     "--trust-proxy the peer is the proxy: then 0 unless set")
          ->envname("SCHAKEL_MAX_CONNECTIONS_PER_IP")
          ->capture_default_str();
  // Behind a proxy every connection comes from the proxy: the default cap would
  // cap the whole site. The proxy limits per client instead.
  app.final_callback([&config, per_ip] {
    if (config.trust_proxy && per_ip->count() == 0) config.limits.max_connections_per_ip = 0;
  });
  app.add_option("--shutdown-grace", l.shutdown_grace_seconds,
                 "Seconds requests in flight may take at shutdown")
      ->envname("SCHAKEL_SHUTDOWN_GRACE")
      ->capture_default_str();
}

}  // namespace

void add_serve_options(CLI::App& app, Config& config) {
  app.add_option("--listen", config.listen, "Address and port to listen on")
      ->envname("SCHAKEL_LISTEN")
      ->capture_default_str();
  app.add_option("--threads", config.threads,
                 "Worker threads (0: one per core on SQLite, two on PostgreSQL)")
      ->envname("SCHAKEL_THREADS")
      ->capture_default_str();
  app.add_flag("--dev", config.dev, "Read templates and static files from the source tree")
      ->envname("SCHAKEL_DEV");
  app.add_option("--access-log", config.access_log, "'-' for stdout, '' for none, or a file")
      ->envname("SCHAKEL_ACCESS_LOG")
      ->capture_default_str();
  app.add_option("--quick-exit-url", config.quick_exit_url, "Neutral site of the quick-exit button")
      ->envname("SCHAKEL_QUICK_EXIT_URL")
      ->capture_default_str();
  app.add_flag("--trust-proxy", config.trust_proxy,
               "Honour X-Forwarded-For and X-Forwarded-Proto (behind nginx)")
      ->envname("SCHAKEL_TRUST_PROXY");
  app.add_flag("--allow-demo-accounts", config.allow_demo_accounts,
               "Let the demo accounts sign in (never in production)")
      ->envname("SCHAKEL_ALLOW_DEMO_ACCOUNTS");
  app.add_option("--session-idle-minutes", config.session_idle_minutes,
                 "Idle minutes before a professional's or SPOC's session ends")
      ->envname("SCHAKEL_SESSION_IDLE_MINUTES")
      ->capture_default_str();
  app.add_option("--privileged-session-idle-minutes", config.privileged_session_idle_minutes,
                 "Idle minutes before a coordinator's or admin's session ends")
      ->envname("SCHAKEL_PRIVILEGED_SESSION_IDLE_MINUTES")
      ->capture_default_str();
  app.add_option("--signals-retention-years", config.signals_retention_years,
                 "Years a closed signal is kept before it is deleted")
      ->envname("SCHAKEL_SIGNALS_RETENTION_YEARS")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app.add_option("--session-hours", config.session_absolute_hours,
                 "Hours after which any session ends")
      ->envname("SCHAKEL_SESSION_HOURS")
      ->capture_default_str();
  app.add_flag("!--no-jobs", config.run_jobs, "Do not run background jobs on this node")
      ->envname("SCHAKEL_NO_JOBS");
  app.add_flag("!--no-page-cache", config.page_cache,
               "Render every page anew (measuring, debugging); by default pages that are the "
               "same for every anonymous visitor are cached until the data changes")
      ->envname("SCHAKEL_NO_PAGE_CACHE");
  app.add_option("--page-cache-mib", config.page_cache_mib,
                 "Memory for cached pages in MiB; the least recently used pages make room")
      ->envname("SCHAKEL_PAGE_CACHE_MIB")
      ->check(CLI::Range(std::size_t{1}, std::size_t{65536}))
      ->capture_default_str();
  app.add_option("--page-cache-entries", config.page_cache_entries,
                 "The most pages the page cache keeps at once")
      ->envname("SCHAKEL_PAGE_CACHE_ENTRIES")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000000}))
      ->capture_default_str();
  app.add_option("--metrics-token", config.metrics_token,
                 "Bearer token that opens /metrics from other than loopback (empty: loopback "
                 "only); prefer SCHAKEL_METRICS_TOKEN, which ps does not show")
      ->envname("SCHAKEL_METRICS_TOKEN");
  add_limit_options(app, config);
  add_backup_options(app, config);
}

void add_backup_options(CLI::App& app, Config& config) {
  app.add_option("--backup-dir", config.backup_dir,
                 "Folder of the scheduled SQLite backups (default: DATA_DIR/backups)")
      ->envname("SCHAKEL_BACKUP_DIR");
  app.add_option("--backup-keep-daily", config.backup_keep_daily,
                 "Keep the newest backup of this many most recent days")
      ->envname("SCHAKEL_BACKUP_KEEP_DAILY")
      ->check(CLI::Range(1, 366))
      ->capture_default_str();
  app.add_option("--backup-keep-weekly", config.backup_keep_weekly,
                 "Keep the newest backup of this many most recent ISO weeks")
      ->envname("SCHAKEL_BACKUP_KEEP_WEEKLY")
      ->check(CLI::Range(0, 520))
      ->capture_default_str();
}

}  // namespace schakel
