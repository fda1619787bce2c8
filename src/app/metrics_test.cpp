// /metrics: the Prometheus text format (0.0.4) line by line, request counters by
// route pattern and status class, a latency histogram, the queues read from the
// database (against hand-computed values), and who may read it.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "jobs/runner.hpp"
#include "mail/mail.hpp"
#include "store/changes.hpp"
#include "test_support.hpp"
#include "web/metrics.hpp"

namespace schakel {
namespace {

using schakel::testing::http_get;
using schakel::testing::OnPostgres;
using schakel::testing::OnSqlite;
using schakel::testing::TestServer;

// The samples of an exposition by series ("name{labels}" as written); fails the
// test on any line that is not a comment, a HELP/TYPE line or a valid sample of
// the family declared last.
std::map<std::string, double> parse_exposition(const std::string& text) {
  static const std::regex help(R"(^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*$)");
  static const std::regex type(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)");
  static const std::regex sample(
      R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*")"
      R"((?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*")*\})? )"
      R"((-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[+-]Inf|NaN)$)");
  std::map<std::string, double> out;
  std::set<std::string> families;
  std::string family, family_type;
  std::istringstream lines(text);
  std::string line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, m, help)) continue;
    if (std::regex_match(line, m, type)) {
      family = m[1];
      family_type = m[2];
      EXPECT_TRUE(families.insert(family).second) << "family declared twice: " << family;
      continue;
    }
    if (!std::regex_match(line, m, sample)) {
      ADD_FAILURE() << "not a valid exposition line: '" << line << "'";
      continue;
    }
    const std::string name = m[1];
    const bool belongs =
        name == family ||
        (family_type == "histogram" &&
         (name == family + "_bucket" || name == family + "_sum" || name == family + "_count"));
    EXPECT_TRUE(belongs) << "sample " << name << " outside its family " << family;
    const std::string series = name + std::string(m[2]);
    EXPECT_EQ(out.count(series), 0u) << "series twice: " << series;
    out[series] = std::stod(m[3]);
  }
  EXPECT_TRUE(text.empty() || text.back() == '\n');
  return out;
}

double value_of(const std::map<std::string, double>& samples, const std::string& series) {
  auto it = samples.find(series);
  return it == samples.end() ? 0 : it->second;
}

TEST(MetricsExposition, EscapesLabelValuesAndWritesIntegersPlainly) {
  web::Exposition out;
  out.family("schakel_test", "gauge", "A help text with a \\ and a\nnew line.");
  out.sample("schakel_test", {{"path", "a\"b\\c\nd"}}, 3);
  out.sample("schakel_test", {}, 0.25);
  EXPECT_EQ(out.text(),
            "# HELP schakel_test A help text with a \\\\ and a\\nnew line.\n"
            "# TYPE schakel_test gauge\n"
            "schakel_test{path=\"a\\\"b\\\\c\\nd\"} 3\n"
            "schakel_test 0.25\n");
  const auto samples = parse_exposition(out.text());
  EXPECT_EQ(value_of(samples, "schakel_test{path=\"a\\\"b\\\\c\\nd\"}"), 3);
}

TEST(RequestMetrics, CountsByRouteAndStatusClassWithACumulativeHistogram) {
  std::vector<web::Route> routes(2);
  routes[0].method = "GET";
  routes[0].pattern = "/kennisbank/{slug}";
  routes[1].method = "POST";
  routes[1].pattern = "/aanmelden";
  web::RequestMetrics metrics;
  metrics.bind(routes);
  metrics.record(metrics.slot_of(&routes[0]), 200, 0.003);
  metrics.record(metrics.slot_of(&routes[0]), 204, 0.2);
  metrics.record(metrics.slot_of(&routes[1]), 429, 0.02);
  metrics.record(metrics.unmatched(), 404, 12);
  metrics.record(metrics.static_assets(), 304, 0.001);
  EXPECT_EQ(metrics.slot_of(nullptr), metrics.unmatched());

  web::Exposition out;
  metrics.write(out);
  const auto s = parse_exposition(out.text());
  const std::string r = "schakel_http_requests_total";
  EXPECT_EQ(value_of(s, r + R"({method="GET",route="/kennisbank/{slug}",status="2xx"})"), 2);
  EXPECT_EQ(value_of(s, r + R"({method="POST",route="/aanmelden",status="4xx"})"), 1);
  EXPECT_EQ(value_of(s, r + R"({method="any",route="unmatched",status="4xx"})"), 1);
  EXPECT_EQ(value_of(s, r + R"({method="GET",route="/static/{asset}",status="3xx"})"), 1);
  // Series never seen are not written.
  EXPECT_EQ(s.count(r + R"({method="POST",route="/aanmelden",status="2xx"})"), 0u);
  const std::string h = "schakel_http_request_duration_seconds";
  EXPECT_EQ(value_of(s, h + R"(_bucket{le="0.005"})"), 2);  // 0.001 and 0.003
  EXPECT_EQ(value_of(s, h + R"(_bucket{le="0.025"})"), 3);  // and 0.02
  EXPECT_EQ(value_of(s, h + R"(_bucket{le="0.25"})"), 4);   // and 0.2
  EXPECT_EQ(value_of(s, h + R"(_bucket{le="10"})"), 4);
  EXPECT_EQ(value_of(s, h + R"(_bucket{le="+Inf"})"), 5);  // and 12 s
  EXPECT_EQ(value_of(s, h + "_count"), 5);
  EXPECT_NEAR(value_of(s, h + "_sum"), 12.224, 1e-5);
}

TEST(MetricsAccess, LoopbackOrTheBearerTokenOnly) {
  EXPECT_TRUE(web::is_loopback("127.0.0.1"));
  EXPECT_TRUE(web::is_loopback("127.8.9.10"));
  EXPECT_TRUE(web::is_loopback("::1"));
  EXPECT_TRUE(web::is_loopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(web::is_loopback("203.0.113.7"));
  EXPECT_FALSE(web::is_loopback("::ffff:10.0.0.1"));
  EXPECT_FALSE(web::is_loopback("1270.0.0.1"));
  EXPECT_FALSE(web::is_loopback(""));

  web::Request req;
  req.remote_ip = "203.0.113.7";
  EXPECT_FALSE(web::metrics_allowed(req, ""));
  EXPECT_FALSE(web::metrics_allowed(req, "geheim-token"));
  req.headers.set("Authorization", "Bearer geheim-token");
  EXPECT_TRUE(web::metrics_allowed(req, "geheim-token"));
  EXPECT_FALSE(web::metrics_allowed(req, ""));  // no token configured: loopback only
  req.headers.set("Authorization", "Bearer geheim-tokeN");
  EXPECT_FALSE(web::metrics_allowed(req, "geheim-token"));
  req.headers.set("Authorization", "Basic geheim-token");
  EXPECT_FALSE(web::metrics_allowed(req, "geheim-token"));
  req.headers.set("Authorization", "Bearer ");
  EXPECT_FALSE(web::metrics_allowed(req, "geheim-token"));
}

template <class B>
class MetricsEndpoint : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
using MetricsBackends = ::testing::Types<OnSqlite, OnPostgres>;
TYPED_TEST_SUITE(MetricsEndpoint, MetricsBackends, schakel::testing::BackendNames);

TYPED_TEST(MetricsEndpoint, EveryLineIsValidAndCountersIncreaseAfterRequests) {
  TestServer server(TypeParam::backend);
  const auto first = http_get(server.port(), "/metrics");
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.head.find("Content-Type: text/plain; version=0.0.4"), std::string::npos);
  const auto before = parse_exposition(first.body);
  for (const char* family :
       {"schakel_uptime_seconds", "schakel_http_request_duration_seconds_count",
        "schakel_database_up", "schakel_mail_outbox{state=\"pending\"}",
        "schakel_change_feed_position", "schakel_search_index_lag",
        "schakel_job_state{job=\"mail.send\",state=\"due\"}"})
    EXPECT_EQ(before.count(family), 1u) << family;
  EXPECT_EQ(value_of(before, "schakel_database_up"), 1);

  for (int i = 0; i < 3; ++i) EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
  EXPECT_EQ(http_get(server.port(), "/bestaat/niet").status, 404);
  const auto after = parse_exposition(http_get(server.port(), "/metrics").body);
  const std::string healthz =
      R"(schakel_http_requests_total{method="GET",route="/healthz",status="2xx"})";
  const std::string unmatched =
      R"(schakel_http_requests_total{method="any",route="unmatched",status="4xx"})";
  EXPECT_EQ(value_of(after, healthz) - value_of(before, healthz), 3);
  EXPECT_EQ(value_of(after, unmatched) - value_of(before, unmatched), 1);
  // The first scrape itself and the four requests since.
  const std::string count = "schakel_http_request_duration_seconds_count";
  EXPECT_EQ(value_of(after, count) - value_of(before, count), 5);
  EXPECT_GE(value_of(after, "schakel_uptime_seconds"), value_of(before, "schakel_uptime_seconds"));
}

TYPED_TEST(MetricsEndpoint, QueuesAgreeWithTheDatabase) {
  TestServer server(TypeParam::backend);
  const std::int64_t now = server.clock().now();
  std::int64_t feed = 0;
  server.db().transact([&](soci::session& sql) {
    for (int i = 0; i < 3; ++i)
      mail::enqueue(sql, mail::Mail{"iemand@voorbeeld.be", "Onderwerp", "tekst", "<p>tekst</p>"},
                    now);
    jobs::enqueue(sql, "metrics.test", "", now - 10, now);  // due
    jobs::enqueue(sql, "metrics.test", "", now - 5, now);   // due
    jobs::enqueue(sql, "metrics.test", "", now + 60, now);  // not yet
    store::record_change(sql, "metrics-test", "1", "created", now);
  });
  // Read after the commit: on PostgreSQL a change gets its id when it commits.
  feed = server.db().run([](soci::session& sql) { return store::latest_change_id(sql); });
  const auto s = parse_exposition(http_get(server.port(), "/metrics").body);
  EXPECT_EQ(value_of(s, R"(schakel_mail_outbox{state="pending"})"), 3);
  EXPECT_EQ(value_of(s, R"(schakel_mail_outbox{state="failed"})"), 0);
  EXPECT_EQ(value_of(s, R"(schakel_job_queue{kind="metrics.test",state="due"})"), 2);
  EXPECT_EQ(value_of(s, R"(schakel_job_queue{kind="metrics.test",state="running"})"), 0);
  EXPECT_EQ(value_of(s, "schakel_change_feed_position"), static_cast<double>(feed));
  const double indexed = value_of(s, "schakel_search_index_position");
  EXPECT_LE(indexed, static_cast<double>(feed));
  EXPECT_EQ(value_of(s, "schakel_search_index_lag"), static_cast<double>(feed) - indexed);
  // The test server runs no job runner: every scheduled job waits, none runs.
  EXPECT_EQ(value_of(s, R"(schakel_job_state{job="mail.send",state="running"})"), 0);
}

TEST(MetricsEndpoint, AnOutsideAddressGets404UnlessItSendsTheToken) {
  Config config;
  config.metrics_token = "een-lang-geheim-token";
  TestServer server(store::Backend::sqlite, config);
  auto ask = [&](const std::string& ip, const std::string& authorization) {
    web::Request req;
    req.method = "GET";
    req.target = req.path = "/metrics";
    req.remote_ip = ip;  // as the server sets it, from the peer or a trusted proxy
    if (!authorization.empty()) req.headers.set("Authorization", authorization);
    return server.app().handle(req);
  };
  EXPECT_EQ(ask("203.0.113.7", "").status, 404);
  EXPECT_EQ(ask("203.0.113.7", "Bearer fout-token").status, 404);
  const auto with_token = ask("203.0.113.7", "Bearer een-lang-geheim-token");
  EXPECT_EQ(with_token.status, 200);
  EXPECT_NE(with_token.body.find("schakel_uptime_seconds "), std::string::npos);
  const auto refused = ask("2001:db8::5", "");
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(refused.body.find("schakel_"), std::string::npos);  // nothing leaks in the 404
  EXPECT_EQ(ask("127.0.0.1", "").status, 200);
}

}  // namespace
}  // namespace schakel
