// HTTP integration tests: an in-process server on a random port, spoken to over
// real sockets.
#include "web/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <atomic>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "accounts/service.hpp"
#include "network/store.hpp"
#include "root/features.hpp"
#include "test_support.hpp"

namespace schakel::web {
namespace {

using schakel::testing::extract_cookie;
using schakel::testing::extract_csrf;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::raw_request;
using schakel::testing::TestServer;

// A connected socket to the test server; closed at destruction.
class Socket {
 public:
  explicit Socket(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
      throw std::runtime_error("connect");
  }
  ~Socket() { ::close(fd_); }
  void send(const std::string& data) { ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL); }
  // Reads until the peer closes or `timeout_ms` passes.
  std::string read_all(int timeout_ms) {
    std::string out;
    char buf[8192];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1))
    ++n;
  return n;
}

Config fast_limits() {
  Config c;
  c.limits.header_timeout_seconds = 1;
  c.limits.body_timeout_seconds = 1;
  c.limits.idle_timeout_seconds = 1;
  c.limits.form_body_bytes = 4096;
  c.limits.header_bytes = 2048;
  return c;
}

TEST(HttpServer, HealthAndReadiness) {
  TestServer server;
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
  auto ready = http_get(server.port(), "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, "ready\n");
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server;
  Socket s(server.port());
  s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string first = s.read_all(300);
  EXPECT_EQ(count(first, "HTTP/1.1 200"), 1);
  EXPECT_FALSE(s.closed());
  s.send(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n");
  std::string rest = s.read_all(2000);
  EXPECT_EQ(count(rest, "HTTP/1.1 200"), 2);
  EXPECT_TRUE(s.closed());
}

TEST(HttpServer, OversizedHeaderGets431) {
  TestServer server(store::Backend::sqlite, fast_limits());
  auto reply = http_get(server.port(), "/", "X-Padding: " + std::string(4000, 'a') + "\r\n");
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);  // still serving
}

TEST(HttpServer, OversizedBodyGets413BeforeItIsRead) {
  TestServer server(store::Backend::sqlite, fast_limits());
  auto reply = http_post(server.port(), "/aanmelden", std::string(5000, 'a'));
  EXPECT_EQ(reply.status, 413);
  EXPECT_NE(reply.body.find("te groot"), std::string::npos);
}

TEST(HttpServer, ChunkedBodyBeyondTheLimitGets413) {
  TestServer server(store::Backend::sqlite, fast_limits());
  std::string chunked =
      "POST /aanmelden HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n\r\n";
  for (int i = 0; i < 5; ++i) chunked += "400\r\n" + std::string(1024, 'b') + "\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_EQ(raw_request(server.port(), chunked).status, 413);
}

TEST(HttpServer, TricklingHeaderGets408) {
  TestServer server(store::Backend::sqlite, fast_limits());
  Socket s(server.port());
  s.send("GET / HTTP/1.1\r\nHost: x\r\n");
  std::string reply;
  for (int i = 0; i < 8 && reply.empty(); ++i) {  // one byte every 250 ms: never finishes in time
    s.send("X");
    reply = s.read_all(250);
  }
  EXPECT_EQ(reply.rfind("HTTP/1.1 408", 0), 0u) << reply.substr(0, 40);
}

TEST(HttpServer, SlowBodyGets408) {
  TestServer server(store::Backend::sqlite, fast_limits());
  Socket s(server.port());
  s.send(
      "POST /aanmelden HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 100\r\n\r\nemail=a");
  std::string reply = s.read_all(3000);
  EXPECT_EQ(reply.rfind("HTTP/1.1 408", 0), 0u) << reply.substr(0, 40);
}

TEST(HttpServer, IdleKeepAliveConnectionIsClosed) {
  TestServer server(store::Backend::sqlite, fast_limits());
  Socket s(server.port());
  s.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string reply = s.read_all(3000);
  EXPECT_EQ(count(reply, "HTTP/1.1 200"), 1);
  EXPECT_TRUE(s.closed());
}

TEST(HttpServer, ConnectionsBeyondTheMaximumGet503) {
  Config c;
  c.limits.max_connections = 2;
  TestServer server(store::Backend::sqlite, c);
  Socket a(server.port()), b(server.port());
  a.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  b.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  a.read_all(200);
  b.read_all(200);
  auto third = http_get(server.port(), "/healthz");
  EXPECT_EQ(third.status, 503);
}

TEST(HttpServer, GarbageRequestGets400AndServerKeepsServing) {
  TestServer server;
  auto reply = raw_request(server.port(), "HELLO THERE\r\n\r\n");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(raw_request(server.port(), "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n").status, 400);
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
}

TEST(HttpServer, UnknownPathGetsADutch404Page) {
  TestServer server;
  auto reply = http_get(server.port(), "/bestaat-niet");
  EXPECT_EQ(reply.status, 404);
  EXPECT_NE(reply.body.find("Pagina niet gevonden"), std::string::npos);
  EXPECT_NE(reply.body.find("lang=\"nl\""), std::string::npos);
}

TEST(HttpServer, WrongMethodGets405WithAllow) {
  TestServer server;
  auto reply =
      raw_request(server.port(), "DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("Allow"), "GET, HEAD");
}

TEST(HttpServer, HeadGivesTheLengthOfGetWithoutABody) {
  TestServer server;
  auto get = http_get(server.port(), "/privacy");
  auto head = raw_request(server.port(),
                          "HEAD /privacy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1000);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_TRUE(head.body.empty());
}

TEST(HttpServer, BadQueryStringGets400) {
  TestServer server;
  EXPECT_EQ(http_get(server.port(), "/?q=%E2%82").status, 400);
}

void expect_security_headers(const schakel::testing::HttpReply& r, const std::string& what) {
  const std::string csp = r.header("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what;
  EXPECT_NE(csp.find("object-src 'none'"), std::string::npos) << what;
  EXPECT_NE(csp.find("base-uri 'none'"), std::string::npos) << what;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what;
  EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_NE(r.header("Permissions-Policy").find("camera=()"), std::string::npos) << what;
  EXPECT_EQ(r.header("Server"), "") << what;
  EXPECT_EQ(r.header("Strict-Transport-Security"), "") << what << " (plain HTTP, no proxy)";
}

TEST(HttpServer, EveryRouteCarriesTheSecurityHeaders) {
  TestServer server;
  int checked = 0;
  for (const auto& route : server.app().router().routes()) {
    std::string path = route.pattern;
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{'))
      path.replace(open, path.find('}') - open + 1, "x");
    auto reply =
        route.method == "GET" ? http_get(server.port(), path) : http_post(server.port(), path, "");
    expect_security_headers(reply, route.method + " " + path);
    ++checked;
  }
  EXPECT_GE(checked, 8);
  expect_security_headers(http_get(server.port(), "/bestaat-niet"), "404");
  expect_security_headers(http_get(server.port(), server.app().assets().url_for("css/schakel.css")),
                          "asset");
  expect_security_headers(
      http_get(server.port(), "/", "X-Padding: " + std::string(20000, 'a') + "\r\n"), "431");
}

TEST(HttpServer, HstsOnlyBehindATrustedTlsProxy) {
  Config c;
  c.trust_proxy = true;
  schakel::testing::TestDatabase database(store::Backend::sqlite);
  database.migrate();
  ManualClock clock(1'800'000'000);
  App app(c, database.db(), clock);
  install_features(app);
  Server server(c.limits, 1, true, app.server_hooks());
  auto port = server.listen("127.0.0.1", 0);
  server.start();
  auto tls = http_get(port, "/healthz", "X-Forwarded-Proto: https\r\n");
  EXPECT_NE(tls.header("Strict-Transport-Security").find("max-age="), std::string::npos);
  EXPECT_EQ(http_get(port, "/healthz").header("Strict-Transport-Security"), "");
  server.stop();
}

TEST(HttpServer, AnonymousPublicPagesSetNoCookie) {
  TestServer server(store::Backend::sqlite, {}, true);
  for (const char* path :
       {"/", "/netwerk", "/privacy", "/toegankelijkheid", "/veilig-surfen", "/bestaat-niet"}) {
    auto reply = http_get(server.port(), path);
    EXPECT_TRUE(reply.headers("Set-Cookie").empty()) << path;
  }
}

TEST(HttpServer, PostWithoutSessionOrWithWrongCsrfTokenIsRejectedAndChangesNothing) {
  TestServer server;
  auto count_sessions = [&] {
    int n = 0;
    server.db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM sessions", soci::into(n); });
    return n;
  };
  auto form = http_get(server.port(), "/aanmelden");
  const std::string cookie = extract_cookie(form, "__Host-schakel");
  const std::string csrf = extract_csrf(form.body);
  ASSERT_FALSE(cookie.empty());
  ASSERT_FALSE(csrf.empty());
  const int before = count_sessions();

  auto no_session =
      http_post(server.port(), "/aanmelden", "_csrf=" + csrf + "&email=a%40b.be&password=x");
  EXPECT_EQ(no_session.status, 403);
  EXPECT_NE(no_session.body.find("formulier is verlopen"), std::string::npos);
  const std::string with_cookie = "Cookie: __Host-schakel=" + cookie + "\r\n";
  EXPECT_EQ(http_post(server.port(), "/aanmelden", "_csrf=wrong&email=a",
                      "application/x-www-form-urlencoded", with_cookie)
                .status,
            403);
  EXPECT_EQ(http_post(server.port(), "/aanmelden", "email=a", "application/x-www-form-urlencoded",
                      with_cookie)
                .status,
            403);
  EXPECT_EQ(http_post(server.port(), "/afmelden", "_csrf=" + csrf + "x",
                      "application/x-www-form-urlencoded", with_cookie)
                .status,
            403);
  EXPECT_EQ(count_sessions(), before);
  // The right token on the right session passes the CSRF check (and then fails on the password).
  EXPECT_EQ(http_post(server.port(), "/aanmelden",
                      "_csrf=" + csrf + "&email=a%40b.be&password=wrongwrongwrong",
                      "application/x-www-form-urlencoded", with_cookie)
                .status,
            422);
}

TEST(HttpServer, MalformedFormBodiesGet400) {
  TestServer server;
  auto form = http_get(server.port(), "/aanmelden");
  const std::string with_cookie =
      "Cookie: __Host-schakel=" + extract_cookie(form, "__Host-schakel") + "\r\n";
  const auto corpus = std::filesystem::path(SCHAKEL_FUZZ_CORPUS) / "bad";
  int sent = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus / "urlencoded")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto reply = http_post(server.port(), "/aanmelden", ss.str(),
                           "application/x-www-form-urlencoded", with_cookie);
    EXPECT_EQ(reply.status, 400) << entry.path();
    ++sent;
  }
  for (const auto& entry : std::filesystem::directory_iterator(corpus / "multipart")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const auto nl = text.find('\n');
    if (text.rfind("multipart/", 0) != 0) continue;  // a corpus file about another content type
    auto reply = http_post(server.port(), "/aanmelden", text.substr(nl + 1), text.substr(0, nl),
                           with_cookie);
    EXPECT_TRUE(reply.status == 400 || reply.status == 413 || reply.status == 415)
        << entry.path() << " " << reply.status;
    ++sent;
  }
  EXPECT_GE(sent, 20);
  EXPECT_EQ(http_post(server.port(), "/aanmelden", "{}", "application/json", with_cookie).status,
            415);
}

TEST(HttpServer, UnhandledExceptionGivesA500PageWithAnIncidentIdAndTheServerGoesOn) {
  TestServer server(store::Backend::sqlite, {}, false, [](App& app) {
    app.router().get("/test/boom", [](Request&) -> Response { throw std::runtime_error("kapot"); });
  });
  auto reply = http_get(server.port(), "/test/boom");
  EXPECT_EQ(reply.status, 500);
  EXPECT_NE(reply.body.find("Referentie"), std::string::npos);
  EXPECT_EQ(reply.body.find("kapot"), std::string::npos);  // no internals shown
  std::smatch m;
  static const std::regex id(R"([2-9A-Z]{4}-[2-9A-Z]{4})");
  EXPECT_TRUE(std::regex_search(reply.body, m, id));
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
}

TEST(PageCache, AnonymousPagesAreCachedUntilTheDataChanges) {
  std::atomic<int> renders{0};
  std::atomic<bool> change_while_rendering{false};
  TestServer server(store::Backend::sqlite, {}, false, [&](App& app) {
    app.page(
        "/test/cached",
        [&](Request&) {
          ++renders;
          // A change that lands while this page is being made: the page may show
          // the old data, so it must not be kept.
          if (change_while_rendering.exchange(false)) app.invalidate_page_cache();
          return Response::html("<p>" + std::to_string(renders.load()) + "</p>");
        },
        PageOptions{.cache_for_anonymous = true});
  });
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>1</p>");
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>1</p>");  // from the cache
  server.app().invalidate_page_cache();
  change_while_rendering = true;
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>2</p>");
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>3</p>");  // 2 was not kept
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>3</p>");
  EXPECT_EQ(renders.load(), 3);
}

TEST(PageCache, RefusedAnonymousPostsDoNotEmptyTheCache) {
  std::atomic<int> renders{0};
  TestServer server(store::Backend::sqlite, {}, false, [&](App& app) {
    app.page(
        "/test/cached",
        [&](Request&) { return Response::html("<p>" + std::to_string(++renders) + "</p>"); },
        PageOptions{.cache_for_anonymous = true});
  });
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>1</p>");
  // No CSRF token: refused, nothing written.
  EXPECT_EQ(http_post(server.port(), "/aanmelden", "email=x%40y.be&password=z",
                      "application/x-www-form-urlencoded")
                .status,
            403);
  EXPECT_EQ(
      http_post(server.port(), "/test/cached", "", "application/x-www-form-urlencoded").status,
      405);
  EXPECT_EQ(http_get(server.port(), "/test/cached").body, "<p>1</p>");  // still a hit
  EXPECT_EQ(renders.load(), 1);
}

TEST(HttpServer, StaticAssetsAreFingerprintedCompressedAndRevalidated) {
  TestServer server;
  const std::string url = server.app().assets().url_for("css/schakel.css");
  EXPECT_NE(url, "/static/css/schakel.css");
  auto plain = http_get(server.port(), url);
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(plain.header("Content-Type"), "text/css; charset=utf-8");
  const std::string etag = plain.header("ETag");
  ASSERT_FALSE(etag.empty());
  auto gz = http_get(server.port(), url, "Accept-Encoding: gzip\r\n");
  EXPECT_EQ(gz.header("Content-Encoding"), "gzip");
  EXPECT_LT(gz.body.size(), plain.body.size());
  auto br = http_get(server.port(), url, "Accept-Encoding: gzip, br\r\n");
  EXPECT_EQ(br.header("Content-Encoding"), "br");
  auto refused = http_get(server.port(), url, "Accept-Encoding: br;q=0, gzip;q=0\r\n");
  EXPECT_EQ(refused.header("Content-Encoding"), "");
  auto cached = http_get(server.port(), url, "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  EXPECT_EQ(http_get(server.port(), "/static/bestaat-niet.css").status, 404);
}

TEST(HttpServer, SignInAndSignOutThroughHttp) {
  TestServer server;
  accounts::AccountService accounts(server.db(), server.clock());
  ASSERT_TRUE(accounts
                  .create_user({"prof@voorbeeld.be", "Prof Voorbeeld", "een lang wachtwoord",
                                Role::professional, "", false})
                  .ok());

  auto form = http_get(server.port(), "/aanmelden");
  const std::string anon =
      "Cookie: __Host-schakel=" + extract_cookie(form, "__Host-schakel") + "\r\n";
  const std::string csrf = extract_csrf(form.body);
  auto wrong = http_post(server.port(), "/aanmelden",
                         "_csrf=" + csrf + "&email=prof%40voorbeeld.be&password=fout",
                         "application/x-www-form-urlencoded", anon);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("klopt niet"), std::string::npos);

  auto ok = http_post(
      server.port(), "/aanmelden",
      "_csrf=" + csrf + "&email=Prof%40Voorbeeld.be&password=een+lang+wachtwoord&next=%2Fnetwerk",
      "application/x-www-form-urlencoded", anon);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("Location"), "/netwerk");
  const std::string token = extract_cookie(ok, "__Host-schakel");
  ASSERT_FALSE(token.empty());
  EXPECT_NE("Cookie: __Host-schakel=" + token + "\r\n", anon);  // a new token at sign-in
  const std::string signed_in = "Cookie: __Host-schakel=" + token + "\r\n";
  auto home = http_get(server.port(), "/", signed_in);
  EXPECT_NE(home.body.find("Prof Voorbeeld"), std::string::npos);
  EXPECT_NE(home.body.find("Je bent aangemeld"), std::string::npos);
  EXPECT_EQ(http_get(server.port(), "/", anon).body.find("Prof Voorbeeld"),
            std::string::npos);  // old session gone

  const std::string csrf2 = extract_csrf(home.body);
  auto out = http_post(server.port(), "/afmelden", "_csrf=" + csrf2,
                       "application/x-www-form-urlencoded", signed_in);
  EXPECT_EQ(out.status, 303);
  EXPECT_NE(extract_cookie(out, "__Host-schakel").size(), token.size());  // cookie cleared
  EXPECT_EQ(http_get(server.port(), "/", signed_in).body.find("Prof Voorbeeld"), std::string::npos);
}

TEST(HttpServer, OpenRedirectsAreRefusedAfterSignIn) {
  TestServer server;
  accounts::AccountService accounts(server.db(), server.clock());
  ASSERT_TRUE(accounts
                  .create_user(
                      {"p@voorbeeld.be", "P", "een lang wachtwoord", Role::professional, "", false})
                  .ok());
  auto form = http_get(server.port(), "/aanmelden");
  const std::string anon =
      "Cookie: __Host-schakel=" + extract_cookie(form, "__Host-schakel") + "\r\n";
  auto ok =
      http_post(server.port(), "/aanmelden",
                "_csrf=" + extract_csrf(form.body) +
                    "&email=p%40voorbeeld.be&password=een+lang+wachtwoord&next=%2F%2Fevil.example",
                "application/x-www-form-urlencoded", anon);
  EXPECT_EQ(ok.header("Location"), "/");
}

TEST(HttpServer, DemoAccountsSignInOnlyWhenAllowed) {
  TestServer server(store::Backend::sqlite, {}, true);
  auto form = http_get(server.port(), "/aanmelden");
  const std::string anon =
      "Cookie: __Host-schakel=" + extract_cookie(form, "__Host-schakel") + "\r\n";
  auto reply = http_post(server.port(), "/aanmelden",
                         "_csrf=" + extract_csrf(form.body) +
                             "&email=coordinator%40demo.schakel.be&password=schakel-demo-2026",
                         "application/x-www-form-urlencoded", anon);
  EXPECT_EQ(reply.status, 422);
  EXPECT_NE(reply.body.find("demo-installatie"), std::string::npos);
}

TEST(HttpServer, GracefulStopLetsARequestInFlightFinish) {
  auto server = std::make_unique<TestServer>(store::Backend::sqlite, Config{}, false, [](App& app) {
    app.router().get("/test/slow", [](Request&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      return Response::text("klaar");
    });
  });
  const auto port = server->port();
  schakel::testing::HttpReply reply;
  std::thread client([&] { reply = http_get(port, "/test/slow"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  server->server().stop();
  client.join();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "klaar");
  EXPECT_THROW(http_get(port, "/healthz"), std::runtime_error);  // no longer accepting
}

TEST(HttpServer, AnonymousPageCacheFollowsTheChangeFeed) {
  TestServer server(store::Backend::sqlite, {}, true);
  server.app().start_change_follower();
  auto before = http_get(server.port(), "/netwerk");
  EXPECT_EQ(before.body.find("Brugge"), std::string::npos);
  server.db().transact([&](soci::session& sql) {
    network::NetworkStore::add_membership(sql, "31005", 1, false, true, 2);  // records a change
  });
  bool seen = false;
  for (int i = 0; i < 60 && !seen; ++i) {
    seen = http_get(server.port(), "/netwerk").body.find("Brugge") != std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace schakel::web
