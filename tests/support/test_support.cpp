#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <regex>

#include "app/demo.hpp"
#include "core/random.hpp"
#include "store/migrations.hpp"

namespace schakel::testing {

TempDir::TempDir() {
  auto base = std::filesystem::temp_directory_path() / ("schakel-test-" + random_hex(8));
  std::filesystem::create_directories(base);
  path_ = base;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string postgres_url() {
  const char* url = std::getenv("SCHAKEL_TEST_POSTGRES_URL");
  return url ? url : "";
}

TestDatabase::TestDatabase(store::Backend backend, std::size_t pool_size) : backend_(backend) {
  if (backend == store::Backend::sqlite) {
    url_ = "sqlite:" + (dir_.path() / "test.db").string();
  } else {
    const std::string base = postgres_url();
    if (base.empty())
      throw std::runtime_error("no PostgreSQL configured (SCHAKEL_TEST_POSTGRES_URL)");
    schema_ = "t_" + random_hex(8);
    auto admin = store::Database::open(base, 1);
    admin->execute("CREATE SCHEMA " + schema_);
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema_;
  }
  db_ = store::Database::open(url_, pool_size);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!schema_.empty()) {
    try {
      auto admin = store::Database::open(postgres_url(), 1);
      admin->execute("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // Leaves a schema behind in a throw-away test server; never fails a test.
    }
  }
}

void TestDatabase::migrate() { store::migrate(*db_, store::embedded_migrations()); }

std::string HttpReply::header(const std::string& name) const {
  auto all = headers(name);
  return all.empty() ? std::string() : all.front();
}

std::vector<std::string> HttpReply::headers(const std::string& name) const {
  std::vector<std::string> out;
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head.size()) {
    std::size_t end = head.find("\r\n", pos + 2);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(pos + 2, end - pos - 2);
    auto colon = line.find(':');
    if (colon != std::string::npos && web::iequals(line.substr(0, colon), name)) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      out.push_back(value);
    }
    pos = end == head.size() ? std::string::npos : end;
  }
  return out;
}

HttpReply raw_request(unsigned short port, const std::string& raw, int timeout_ms) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  std::size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may close early (413): read what it said
    sent += static_cast<std::size_t>(n);
  }
  std::string data;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    deadline - std::chrono::steady_clock::now())
                                    .count());
    if (::poll(&p, 1, std::max(left, 1)) <= 0) break;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    auto head_end = data.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      std::smatch m;
      std::string head = data.substr(0, head_end);
      static const std::regex length(R"(\r\n[Cc]ontent-[Ll]ength:\s*(\d+))");
      if (std::regex_search(head, m, length) && data.size() >= head_end + 4 + std::stoul(m[1]))
        break;
      if (head.rfind("HTTP/1.1 304", 0) == 0) break;
    }
  }
  ::close(fd);
  HttpReply reply;
  auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) return reply;
  reply.head = data.substr(0, head_end);
  reply.body = data.substr(head_end + 4);
  if (reply.head.size() > 12) reply.status = std::stoi(reply.head.substr(9, 3));
  return reply;
}

HttpReply http_get(unsigned short port, const std::string& target, const std::string& extra) {
  return raw_request(
      port,
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + "\r\n");
}

HttpReply http_post(unsigned short port, const std::string& target, const std::string& body,
                    const std::string& content_type, const std::string& extra) {
  return raw_request(
      port,
      "POST " + target +
          " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: " + content_type +
          "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body);
}

TestServer::TestServer(store::Backend backend, Config config, bool with_demo,
                       std::function<void(App&)> extra_routes)
    : database_(backend, 6), clock_(1'780'000'000) {
  database_.migrate();
  config.access_log = "";
  config.quick_exit_url = "https://example.org/weer";
  config.limits.shutdown_grace_seconds = 2;
  app_ = std::make_unique<App>(config, database_.db(), clock_);
  install_features(*app_);
  if (extra_routes) extra_routes(*app_);
  if (with_demo) {
    auto status = load_demo(*app_, false);
    if (!status) throw std::runtime_error("demo failed");
  }
  server_ = std::make_unique<web::Server>(config.limits, 2, false, app_->server_hooks());
  port_ = server_->listen("127.0.0.1", 0);
  server_->start();
}

TestServer::~TestServer() {
  server_->stop();
  server_.reset();
  app_.reset();
}

std::string extract_csrf(const std::string& html) {
  static const std::regex pattern(R"re(name="_csrf" value="([A-Za-z0-9_-]+)")re");
  std::smatch m;
  if (std::regex_search(html, m, pattern)) return m[1];
  return {};
}

std::string extract_cookie(const HttpReply& reply, const std::string& name) {
  for (const auto& value : reply.headers("Set-Cookie")) {
    if (value.rfind(name + "=", 0) == 0) {
      auto end = value.find(';');
      return value.substr(name.size() + 1, end - name.size() - 1);
    }
  }
  return {};
}

}  // namespace schakel::testing
