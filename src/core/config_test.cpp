#include "core/config.hpp"

#include <gtest/gtest.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace schakel {
namespace {

struct Parsed {
  Config config;
  CLI::App app;
  CLI::App* serve = nullptr;
  Parsed() {
    add_common_options(app, config);
    app.fallthrough();
    serve = app.add_subcommand("serve");
    add_serve_options(*serve, config);
  }
  void parse(std::vector<std::string> args) {
    std::reverse(args.begin(), args.end());
    app.parse(args);
  }
};

TEST(Config, DefaultsAreTheDocumentedOnes) {
  Parsed p;
  p.parse({"serve"});
  EXPECT_EQ(p.config.listen, "127.0.0.1:8080");
  EXPECT_EQ(p.config.database, "sqlite:data/schakel.db");
  EXPECT_EQ(p.config.limits.header_bytes, 16u * 1024);
  EXPECT_EQ(p.config.limits.form_body_bytes, 1024u * 1024);
  EXPECT_EQ(p.config.limits.upload_body_bytes, 25u * 1024 * 1024);
  EXPECT_FALSE(p.config.dev);
  EXPECT_EQ(p.config.signals_retention_years, 3);
}

TEST(Config, SignalsRetentionYearsIsSetAndBounded) {
  Parsed p;
  p.parse({"serve", "--signals-retention-years", "5"});
  EXPECT_EQ(p.config.signals_retention_years, 5);
  Parsed bad;
  EXPECT_THROW(bad.parse({"serve", "--signals-retention-years", "0"}), CLI::ValidationError);
}

TEST(Config, CommandLineSetsOptions) {
  Parsed p;
  p.parse({"serve", "--listen", "0.0.0.0:9000", "--threads", "3", "--dev", "--database",
           "postgresql://u@h/db", "--max-form-bytes", "2048"});
  EXPECT_EQ(p.config.listen, "0.0.0.0:9000");
  EXPECT_EQ(p.config.threads, 3u);
  EXPECT_TRUE(p.config.dev);
  EXPECT_EQ(p.config.database, "postgresql://u@h/db");
  EXPECT_EQ(p.config.limits.form_body_bytes, 2048u);
}

TEST(Config, EnvironmentVariablesSetOptionsAndTheCommandLineWins) {
  ::setenv("SCHAKEL_LISTEN", "127.0.0.1:7000", 1);
  ::setenv("SCHAKEL_THREADS", "5", 1);
  Parsed p;
  p.parse({"serve", "--threads", "2"});
  ::unsetenv("SCHAKEL_LISTEN");
  ::unsetenv("SCHAKEL_THREADS");
  EXPECT_EQ(p.config.listen, "127.0.0.1:7000");
  EXPECT_EQ(p.config.threads, 2u);
}

TEST(Config, TheMetricsTokenComesFromTheEnvironmentOrTheCommandLine) {
  Parsed none;
  none.parse({"serve"});
  EXPECT_EQ(none.config.metrics_token, "");  // loopback only
  ::setenv("SCHAKEL_METRICS_TOKEN", "uit-de-omgeving", 1);
  Parsed env;
  env.parse({"serve"});
  ::unsetenv("SCHAKEL_METRICS_TOKEN");
  EXPECT_EQ(env.config.metrics_token, "uit-de-omgeving");
  Parsed cli;
  cli.parse({"serve", "--metrics-token", "van-de-opdrachtregel"});
  EXPECT_EQ(cli.config.metrics_token, "van-de-opdrachtregel");
}

TEST(Config, TomlFileSetsOptions) {
  const std::string path = ::testing::TempDir() + "schakel-config-test.toml";
  {
    std::ofstream out(path);
    out << "database = \"sqlite:/tmp/x.db\"\n[serve]\nlisten = \"127.0.0.1:9999\"\nmax-connections "
           "= 12\n";
  }
  Parsed p;
  p.parse({"--config", path, "serve"});
  EXPECT_EQ(p.config.database, "sqlite:/tmp/x.db");
  EXPECT_EQ(p.config.listen, "127.0.0.1:9999");
  EXPECT_EQ(p.config.limits.max_connections, 12);
}

TEST(Config, BehindAProxyThereIsNoPerIpCapUnlessOneIsSet) {
  Parsed direct;
  direct.parse({"serve"});
  EXPECT_EQ(direct.config.limits.max_connections_per_ip, 100);
  Parsed proxied;
  proxied.parse({"serve", "--trust-proxy"});
  EXPECT_EQ(proxied.config.limits.max_connections_per_ip, 0);
  Parsed explicit_cap;
  explicit_cap.parse({"serve", "--trust-proxy", "--max-connections-per-ip", "300"});
  EXPECT_EQ(explicit_cap.config.limits.max_connections_per_ip, 300);
  ::setenv("SCHAKEL_MAX_CONNECTIONS_PER_IP", "50", 1);
  Parsed from_env;
  from_env.parse({"serve", "--trust-proxy"});
  ::unsetenv("SCHAKEL_MAX_CONNECTIONS_PER_IP");
  EXPECT_EQ(from_env.config.limits.max_connections_per_ip, 50);
}

TEST(Config, PageCacheBoundsAreSetAndBounded) {
  Parsed p;
  p.parse({"serve", "--page-cache-mib", "8", "--page-cache-entries", "500"});
  EXPECT_EQ(p.config.page_cache_mib, 8u);
  EXPECT_EQ(p.config.page_cache_entries, 500u);
  Parsed zero, words, too_many;
  EXPECT_THROW(zero.parse({"serve", "--page-cache-mib", "0"}), CLI::ValidationError);
  EXPECT_THROW(words.parse({"serve", "--page-cache-entries", "veel"}), CLI::ParseError);
  EXPECT_THROW(too_many.parse({"serve", "--page-cache-mib", "70000"}), CLI::ValidationError);
}

TEST(Config, ThreadsAreOnePerCoreOnSqliteAndTwoOnPostgres) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  Parsed sqlite;
  sqlite.parse({"serve"});
  EXPECT_EQ(sqlite.config.effective_threads(), cores);
  Parsed postgres;
  postgres.parse({"serve", "--database", "postgresql://u@h/db"});
  EXPECT_EQ(postgres.config.effective_threads(), 2 * cores);
  Parsed short_scheme;  // the store opens this spelling too
  short_scheme.parse({"serve", "--database", "postgres://u@h/db"});
  EXPECT_EQ(short_scheme.config.effective_threads(), 2 * cores);
  // Set, they are what was set, on either database.
  Parsed set;
  set.parse({"serve", "--database", "postgresql://u@h/db", "--threads", "3"});
  EXPECT_EQ(set.config.effective_threads(), 3u);
}

TEST(Config, BadValuesAreRejected) {
  Parsed p;
  EXPECT_THROW(p.parse({"serve", "--threads", "veel"}), CLI::ParseError);
}

TEST(Config, ListenEndpointIsParsedAndChecked) {
  Config c;
  c.listen = "127.0.0.1:8080";
  EXPECT_EQ(c.listen_endpoint(), (std::pair<std::string, unsigned short>{"127.0.0.1", 8080}));
  c.listen = "[::1]:81";
  EXPECT_EQ(c.listen_endpoint().first, "::1");
  for (const char* bad : {"8080", "host:", ":80", "h:99999", "h:8o"}) {
    c.listen = bad;
    EXPECT_THROW(c.listen_endpoint(), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace schakel
