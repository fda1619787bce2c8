#include "test_support.hpp"
#include <cstdio>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "accounts/store.hpp"
#include "core/random.hpp"
#include "root/demo.hpp"
#include "root/features.hpp"
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

std::string run_command(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  EXPECT_EQ(status, 0) << command << " printed: " << out;
  return out;
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
  config.data_dir = data_dir_.path().string();
  config.quick_exit_url = "https://example.org/weer";
  config.limits.shutdown_grace_seconds = 2;
  app_ = std::make_unique<App>(config, database_.db(), clock_);
  install_features(*app_);
  if (extra_routes) extra_routes(*app_);
  if (with_demo) {
    auto status = load_demo(*app_, false);
    if (!status) throw std::runtime_error("demo failed");
  }
  // As `schakel serve` does: the search index in the data folder, kept current
  // from the change feed.
  app_->start_search();
  app_->start_change_follower();
  server_ = std::make_unique<web::Server>(config.limits, 2, false, app_->server_hooks());
  port_ = server_->listen("127.0.0.1", 0);
  app_->set_base_url("http://127.0.0.1:" + std::to_string(port_));
  server_->start();
}

TestServer::~TestServer() {
  server_->stop();
  server_.reset();
  app_.reset();
}

SecondNode::SecondNode(TestServer& first, const std::function<void(App&)>& extra_routes)
    : db_(store::Database::open(first.db().url(), 4)), clock_(first.clock().now()) {
  Config config;
  config.access_log = "";
  config.data_dir = data_dir_.path().string();
  config.limits.shutdown_grace_seconds = 2;
  app_ = std::make_unique<App>(config, *db_, clock_);
  install_features(*app_);
  if (extra_routes) extra_routes(*app_);
  app_->start_search();
  server_ = std::make_unique<web::Server>(config.limits, 2, false, app_->server_hooks());
  port_ = server_->listen("127.0.0.1", 0);
  server_->start();
}

SecondNode::~SecondNode() {
  server_->stop();
  server_.reset();
  app_.reset();
}

double metric_value(unsigned short port, const std::string& sample) {
  const std::string body = http_get(port, "/metrics").body;
  const std::string line_start = sample + " ";
  for (std::size_t at = 0; at < body.size();) {
    std::size_t end = body.find('\n', at);
    if (end == std::string::npos) end = body.size();
    if (body.compare(at, line_start.size(), line_start) == 0)
      return std::stod(body.substr(at + line_start.size(), end - at - line_start.size()));
    at = end + 1;
  }
  return -1;
}

std::int64_t user_id(store::Database& db, const std::string& email) {
  long long id = 0;
  db.run([&](soci::session& sql) {
    sql << "SELECT id FROM users WHERE email = :e", soci::use(email), soci::into(id);
  });
  return id;
}

Config demo_config() {
  Config config;
  config.allow_demo_accounts = true;
  return config;
}

std::unique_ptr<TestServer> demo_server(store::Backend backend, Config config) {
  return std::make_unique<TestServer>(backend, std::move(config), true);
}

web::Principal principal(TestServer& server, const std::string& email) {
  auto user =
      accounts::UserStore(server.db(), server.clock()).find_by_id(user_id(server.db(), email));
  if (!user || user->status != "active") {
    ADD_FAILURE() << "no active account " << email;
    return {};
  }
  return web::Principal{user->id,           user->display_name,
                        user->email,        user->role,
                        user->nis_code,     user->spoc_of,
                        user->totp_enabled, role_requires_totp(user->role) && !user->totp_enabled};
}

std::string session_cookie(TestServer& server, const std::string& email, std::string* csrf) {
  auto session = server.app().sessions().create(user_id(server.db(), email), "test");
  if (csrf) *csrf = session->csrf_token;
  return cookie_header(session->token);
}

std::string cookie_header(const std::string& token) {
  return "Cookie: __Host-schakel=" + token + "\r\n";
}

std::string cookie_of(const HttpReply& reply) {
  return cookie_header(extract_cookie(reply, "__Host-schakel"));
}

namespace {
unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool port_open(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

std::string base64_decode(const std::string& text) {
  std::string clean;
  for (char c : text)
    if (c != '\r' && c != '\n' && c != ' ') clean.push_back(c);
  std::string out(clean.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), clean.data(),
                        clean.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return {};
  out.resize(len);
  return out;
}
}  // namespace

extern "C" char** environ;

SmtpServer::SmtpServer() {
  port_ = free_port();
  const std::string listen = "127.0.0.1:" + std::to_string(port_);
  const std::string maildir = (dir_.path() / "maildir").string();
  std::vector<std::string> args = {
      "/usr/bin/python3",          "-m",   "aiosmtpd", "-n", "-l", listen, "-c",
      "aiosmtpd.handlers.Mailbox", maildir};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start aiosmtpd (install python3-aiosmtpd)");
  pid_ = pid;
  for (int i = 0; i < 100 && !port_open(port_); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (!port_open(port_)) throw std::runtime_error("aiosmtpd did not start");
}

SmtpServer::~SmtpServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::vector<std::string> SmtpServer::messages() const {
  std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
  for (const char* sub : {"new", "cur"}) {
    const auto dir = dir_.path() / "maildir" / sub;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      found.emplace_back(entry.last_write_time(), ss.str());
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

std::string SmtpServer::wait_for(const std::string& to, int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    auto all = messages();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
      if (mail_header(*it, "To").find(to) != std::string::npos) return *it;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return {};
}

std::string mail_header(const std::string& raw, const std::string& name) {
  std::istringstream in(raw);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    auto colon = line.find(':');
    if (colon != std::string::npos && web::iequals(line.substr(0, colon), name)) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (value.rfind("=?UTF-8?B?", 0) == 0 && value.size() > 12)
        return base64_decode(value.substr(10, value.size() - 12));
      return value;
    }
  }
  return {};
}

std::string mail_text(const std::string& crlf_raw) {
  // Maildirs store messages with LF line ends; compare without CR.
  std::string raw;
  for (char c : crlf_raw)
    if (c != '\r') raw.push_back(c);
  const auto part = raw.find("Content-Type: text/plain");
  if (part == std::string::npos) return {};
  const auto body = raw.find("\n\n", part);
  const auto boundary = raw.find("\n--", body + 2);
  const std::string encoded = raw.substr(body + 2, boundary - body - 2);
  const auto encoding = raw.find("Content-Transfer-Encoding: base64", part);
  if (encoding != std::string::npos && encoding < body) return base64_decode(encoded);
  return encoded;
}

std::string first_link(const std::string& text) {
  auto start = text.find("http://");
  if (start == std::string::npos) start = text.find("https://");
  if (start == std::string::npos) return {};
  auto end = text.find_first_of(" \r\n\t<>\"", start);
  return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string path_of(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  auto slash = url.find('/', scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
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
