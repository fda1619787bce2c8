// The server's limits as the README states them, decided from the request head:
// 431 for a head over --max-header-bytes, 413 for a body over the route's own
// limit, uploads only from a signed-in session with its CSRF token in the head,
// and a cap on the connections one address may hold.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "files/sample_files.hpp"
#include "test_support.hpp"
#include "web/sessions.hpp"

namespace schakel::web {
namespace {

using schakel::testing::extract_cookie;
using schakel::testing::extract_csrf;
using schakel::testing::http_get;
using schakel::testing::raw_request;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

// A client socket from `local` (a loopback address) to the test server.
class Client {
 public:
  Client(unsigned short port, const char* local = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, local, &from.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0)
      throw std::runtime_error("bind");
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0)
      throw std::runtime_error("connect");
  }
  ~Client() { ::close(fd_); }
  // False when the server no longer takes data.
  bool send(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // What arrives within `timeout_ms` (until the peer closes).
  std::string read(int timeout_ms) {
    std::string out;
    char buf[8192];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      if (out.find("\r\n\r\n") != std::string::npos &&
          out.find("Content-Length") != std::string::npos)
        break;
    }
    return out;
  }

 private:
  int fd_ = -1;
};

int status_of(const std::string& reply) {
  return reply.size() > 12 && reply.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(reply.substr(9, 3)) : 0;
}

const std::string boundary = "----schakelgrens";

std::string multipart(const std::string& csrf, const std::string& file_name,
                      const std::string& data) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
         "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\r\n--" +
         boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
         "\"\r\nContent-Type: application/pdf\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
}

const char* upload_path = "/kennisbank/demo-gent-buurtaanpak/bijlagen";

std::string upload_head(const std::string& target, std::size_t length, const std::string& extra) {
  return "POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " +
         "multipart/form-data; boundary=" + boundary +
         "\r\nContent-Length: " + std::to_string(length) + "\r\n" + extra + "\r\n";
}

int count_attachments(TestServer& server) {
  int n = 0;
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM resource_attachments", soci::into(n);
  });
  return n;
}

TEST(ServerLimits, HeadUpToTheHeaderLimitIsServedBeyondItGets431) {
  TestServer server;  // the defaults: 16 KiB
  auto padded = [&](std::size_t n) {
    return http_get(server.port(), "/healthz", "X-Padding: " + std::string(n, 'a') + "\r\n");
  };
  EXPECT_EQ(padded(8200).status, 200);
  EXPECT_EQ(padded(16000).status, 200);
  auto over = padded(17000);
  EXPECT_EQ(over.status, 431);
  EXPECT_NE(over.body.find("kopregels"), std::string::npos);
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
}

TEST(ServerLimits, UploadsUpToTheUploadLimitAreAcceptedFormsStopAtTheFormLimit) {
  TestServer server(store::Backend::sqlite, {}, true);
  std::string csrf;
  const std::string cookie = session_cookie(server, "spoc.gent@demo.schakel.be", &csrf);
  const std::string target = std::string(upload_path) + "?csrf=" + csrf;
  // 1.1 MB through the form's own action (the token in the query): read and handled.
  const std::string pdf = files::samples::pdf() + std::string(1'100'000, ' ');
  auto big = raw_request(server.port(),
                         upload_head(target, multipart(csrf, "groot.pdf", pdf).size(), cookie) +
                             multipart(csrf, "groot.pdf", pdf),
                         20000);
  EXPECT_NE(big.status, 413);
  EXPECT_TRUE(big.status == 303 || big.status == 422) << big.status;
  // Over 25 MiB by its Content-Length: 413 at once, before the body.
  Client over(server.port());
  over.send(upload_head(target, 25 * 1024 * 1024 + 1, cookie));
  const std::string refused = over.read(3000);
  EXPECT_EQ(status_of(refused), 413);
  // A form route keeps the 1 MiB form limit.
  Client form(server.port());
  form.send(
      "POST /aanmelden HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 1100000\r\n\r\n");
  EXPECT_EQ(status_of(form.read(3000)), 413);
}

TEST(ServerLimits, UploadsWithoutASignedInSessionAndCsrfTokenInTheHeadAreRefusedBeforeTheBody) {
  TestServer server(store::Backend::sqlite, {}, true);
  std::string csrf;
  const std::string cookie = session_cookie(server, "spoc.gent@demo.schakel.be", &csrf);
  auto anonymous_form = http_get(server.port(), "/aanmelden");
  const std::string anonymous =
      "Cookie: __Host-schakel=" + extract_cookie(anonymous_form, "__Host-schakel") + "\r\n";
  const std::string anonymous_csrf = extract_csrf(anonymous_form.body);
  const int before = count_attachments(server);
  const std::size_t length = 20'000'000;
  struct Case {
    const char* what;
    std::string target;
    std::string extra;
  };
  const std::vector<Case> refused = {
      {"no session", upload_path, ""},
      {"no session, a token", std::string(upload_path) + "?csrf=" + csrf, ""},
      {"anonymous visitor with its own token", std::string(upload_path) + "?csrf=" + anonymous_csrf,
       anonymous},
      {"session, token only in the body", upload_path, cookie},
      {"session, wrong token", std::string(upload_path) + "?csrf=" + csrf + "x", cookie},
      {"session, wrong header token", upload_path, cookie + "X-CSRF-Token: fout\r\n"},
  };
  for (const auto& c : refused) {
    Client client(server.port());
    client.send(upload_head(c.target, length, c.extra));
    // Only the head and a first slice of the body went out: the answer comes
    // while the client would still be sending.
    client.send(std::string(64 * 1024, 'x'));
    const std::string reply = client.read(3000);
    EXPECT_EQ(status_of(reply), 403) << c.what;
  }
  // The same head with a valid session and token is waiting for its body.
  Client accepted(server.port());
  accepted.send(upload_head(std::string(upload_path) + "?csrf=" + csrf, length, cookie));
  accepted.send(std::string(64 * 1024, 'x'));
  EXPECT_EQ(accepted.read(500), "");
  Client by_header(server.port());
  by_header.send(upload_head(upload_path, length, cookie + "X-CSRF-Token: " + csrf + "\r\n"));
  EXPECT_EQ(by_header.read(500), "");
  EXPECT_EQ(count_attachments(server), before);
}

TEST(ServerLimits, ChunkedUploadsAreCountedAsTheyArriveAndSpooledWhenAccepted) {
  Config config;
  config.limits.upload_body_bytes = 64 * 1024;
  TestServer server(store::Backend::sqlite, config, true);
  std::string csrf;
  const std::string cookie = session_cookie(server, "spoc.gent@demo.schakel.be", &csrf);
  auto chunked = [&](const std::string& body) {
    std::string out = "POST " + std::string(upload_path) + "?csrf=" + csrf +
                      " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " +
                      "multipart/form-data; boundary=" + boundary +
                      "\r\nTransfer-Encoding: chunked\r\n" + cookie + "\r\n";
    for (std::size_t at = 0; at < body.size(); at += 4096) {
      const std::string piece = body.substr(at, 4096);
      char size[16];
      std::snprintf(size, sizeof size, "%zx", piece.size());
      out += std::string(size) + "\r\n" + piece + "\r\n";
    }
    return out + "0\r\n\r\n";
  };
  const int before = count_attachments(server);
  // Over the limit in total, though no chunk is large: 413.
  const std::string too_big = multipart(csrf, "groot.pdf", std::string(80 * 1024, 'x'));
  EXPECT_EQ(raw_request(server.port(), chunked(too_big)).status, 413);
  EXPECT_EQ(count_attachments(server), before);
  // Within the limit: spooled, then parsed and stored as before.
  auto ok =
      raw_request(server.port(), chunked(multipart(csrf, "verslag.pdf", files::samples::pdf())));
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(count_attachments(server), before + 1);
}

TEST(ServerLimits, OneAddressCannotTakeEveryConnection) {
  Config config;
  config.limits.max_connections_per_ip = 4;
  TestServer server(store::Backend::sqlite, config);
  std::vector<std::unique_ptr<Client>> hogs;
  for (int i = 0; i < 4; ++i) hogs.push_back(std::make_unique<Client>(server.port()));
  // Wait until the server holds them (accepting is asynchronous).
  for (int i = 0; i < 200 && server.server().connections() < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(server.server().connections(), 4);
  Client excess(server.port());
  EXPECT_EQ(status_of(excess.read(3000)), 503);
  // Another address is served.
  Client other(server.port(), "127.0.0.2");
  other.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(other.read(3000)), 200);
  // When one of the first address's connections ends, it may open another.
  hogs.pop_back();
  for (int i = 0; i < 200 && server.server().connections() > 3; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  Client again(server.port());
  again.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(again.read(3000)), 200);
}

}  // namespace
}  // namespace schakel::web
