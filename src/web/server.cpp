// The only translation unit that includes Boost.Beast (it is slow to compile).
#include "web/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/client_key.hpp"
#include "core/random.hpp"

namespace schakel::web {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

namespace {

const char canned_503[] =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Length: 54\r\nConnection: close\r\nRetry-After: 5\r\n\r\n"
    "De server is even overbelast. Probeer het zo opnieuw.\n";
const char continue_100[] = "HTTP/1.1 100 Continue\r\n\r\n";

// An open, already unlinked temporary file for a spooled body; -1 on failure.
int unlinked_temp_file() {
  std::error_code ec;
  std::string dir = std::filesystem::temp_directory_path(ec).string();
  if (ec || dir.empty()) dir = "/tmp";
  std::string path = dir + "/schakel-upload-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd >= 0) ::unlink(path.c_str());
  return fd;
}

}  // namespace

class Connection;

struct Server::Impl : std::enable_shared_from_this<Server::Impl> {
  Impl(Limits l, unsigned t, bool proxy, ServerHooks h)
      : limits(l),
        threads(t ? t : 1),
        trust_proxy(proxy),
        hooks(std::move(h)),
        accept_loop(1),
        acceptor(accept_loop),
        slow_pool(threads) {
    for (unsigned i = 0; i < threads; ++i) iocs.push_back(std::make_unique<net::io_context>(1));
  }

  Limits limits;
  unsigned threads;
  bool trust_proxy;
  ServerHooks hooks;
  // One event loop per worker thread; a connection stays on one (server.hpp).
  std::vector<std::unique_ptr<net::io_context>> iocs;
  std::atomic<unsigned> next_loop{0};  // round-robin over `iocs` for new connections
  // Accepts on a loop of its own, so that a handler that holds a worker's loop
  // holds no new connection.
  net::io_context accept_loop;
  tcp::acceptor acceptor;
  net::io_context& next_ioc() { return *iocs[next_loop++ % iocs.size()]; }
  // Runs the handlers that asked to run off their loop (BodyPlan::off_loop).
  net::thread_pool slow_pool;
  std::vector<std::thread> workers;
  std::atomic<int> active{0};
  std::atomic<bool> draining{false};
  std::atomic<bool> started{false};
  std::atomic<bool> stopped{false};

  std::mutex per_ip_mutex;                      // guards `per_ip`
  std::unordered_map<std::string, int> per_ip;  // open connections by client_key(peer)

  // Counts a connection from `ip`; false (and nothing counted) when the address
  // (for IPv6 its /64) already holds its share.
  bool admit(const std::string& ip) {
    std::lock_guard<std::mutex> lock(per_ip_mutex);
    int& n = per_ip[client_key(ip)];
    if (limits.max_connections_per_ip > 0 && n >= limits.max_connections_per_ip) return false;
    ++n;
    return true;
  }
  void release(const std::string& ip) {
    std::lock_guard<std::mutex> lock(per_ip_mutex);
    auto it = per_ip.find(client_key(ip));
    if (it != per_ip.end() && --it->second <= 0) per_ip.erase(it);
  }

  std::mutex connections_mutex;  // guards `connections`
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> connections;

  void accept();
  void drain_idle();
};

// One client connection. All its handlers run on its strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `ip` was admitted by Server::Impl::admit; the connection releases it.
  Connection(tcp::socket socket, std::shared_ptr<Server::Impl> server, std::string ip)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        server_(std::move(server)),
        remote_ip_(std::move(ip)) {
    ++server_->active;
    // Room for the largest head the limits allow (and a little of what follows
    // it), so that a head under the limit is never refused for buffer space.
    buffer_.max_size(server_->limits.header_bytes + 8192);
  }
  ~Connection() {
    server_->release(remote_ip_);
    --server_->active;
  }

  void start() { wait_for_request(); }

  // Called (via post) when the server drains: an idle connection closes now.
  void close_if_idle() {
    if (phase_ == Phase::idle) close();
  }
  void post_close_if_idle() {
    net::post(socket_.get_executor(), [self = shared_from_this()] { self->close_if_idle(); });
  }

 private:
  enum class Phase { idle, header, body, handling, writing, lingering, closed };

  void arm(int seconds) {
    const unsigned generation = ++timer_generation_;
    timed_out_ = false;
    timer_.expires_after(std::chrono::seconds(seconds));
    timer_.async_wait([self = shared_from_this(), generation](error_code ec) {
      if (ec || generation != self->timer_generation_) return;
      self->timed_out_ = true;
      error_code ignored;
      self->socket_.cancel(ignored);
    });
  }
  void disarm() {
    ++timer_generation_;
    timer_.cancel();
  }

  void wait_for_request() {
    if (server_->draining) return close();
    phase_ = Phase::idle;
    if (buffer_.size() > 0) return read_header();  // pipelined request already buffered
    arm(served_ == 0 ? server_->limits.header_timeout_seconds
                     : server_->limits.idle_timeout_seconds);
    // Read the first bytes ourselves (rather than only wait for them): the
    // parser then finds them in the buffer, which saves a system call per request.
    auto space = buffer_.prepare(8192);
    socket_.async_read_some(space, [self = shared_from_this()](error_code ec, std::size_t n) {
      if (ec || self->timed_out_) return self->close();
      self->buffer_.commit(n);
      self->read_header();
    });
  }

  void read_header() {
    phase_ = Phase::header;
    file_parser_.reset();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_->limits.header_bytes));
    // Beast would refuse a Content-Length over the body limit while it parses the
    // head; the route's own limit is only known after it, so on_header decides.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    arm(server_->limits.header_timeout_seconds);
    started_ = std::chrono::steady_clock::now();
    http::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
  }

  // The head of the request being read, whichever parser holds it.
  http::request_header<>& head() {
    return file_parser_ ? file_parser_->get().base() : parser_->get().base();
  }

  // The request as handlers see it, without a body.
  Request request_of_head() {
    auto& msg = head();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    const auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    req.query = q == std::string::npos ? std::string() : req.target.substr(q + 1);
    for (const auto& field : msg)
      req.headers.add(std::string(field.name_string()), std::string(field.value()));
    req.remote_ip = remote_ip_;
    if (server_->trust_proxy) {
      // The address our proxy saw is the last element of the last header line;
      // anything before it came from the client and proves nothing.
      std::string_view forwarded;
      for (const auto& [name, value] : req.headers.fields())
        if (iequals(name, "X-Forwarded-For")) forwarded = value;
      if (!forwarded.empty()) {
        auto comma = forwarded.rfind(',');
        std::string_view last =
            comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
        while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
        while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
        error_code bad;
        auto address = net::ip::make_address(std::string(last), bad);
        if (!bad) req.remote_ip = address.to_string();
      }
      req.secure = iequals(req.headers.get("X-Forwarded-Proto"), "https");
    }
    return req;
  }

  void on_header(error_code ec) {
    if (ec) return on_read_error(ec);
    const bool expects_continue =
        beast::iequals(parser_->get()[http::field::expect], "100-continue");
    BodyPlan plan{0, server_->limits.form_body_bytes, false, false};
    if (server_->hooks.body_plan) {
      try {
        Request head_request = request_of_head();
        auto decoded = percent_decode(head_request.path, false);
        head_request.path = decoded ? std::move(*decoded) : std::string();
        plan = server_->hooks.body_plan(head_request);
      } catch (const std::exception& e) {
        std::cerr << "body plan failed: " << e.what() << "\n";
        return fail(500, true);
      }
    }
    if (plan.refuse) return fail(plan.refuse, true);
    off_loop_ = plan.off_loop;
    if (auto length = parser_->content_length(); length && *length > plan.limit)
      return fail(413, true);
    parser_->body_limit(plan.limit);
    if (parser_->is_done()) return handle();
    if (plan.spool) {
      // The body goes to an unlinked temporary file: memory stays small whatever
      // its size, and the file disappears with its last descriptor.
      const int fd = unlinked_temp_file();
      if (fd < 0) return fail(503, true);
      beast::file file;
      file.native_handle(fd);
      file_parser_.emplace(std::move(*parser_));
      parser_.reset();
      file_parser_->body_limit(plan.limit);
      error_code file_ec;
      file_parser_->get().body().reset(std::move(file), file_ec);
      if (file_ec) return fail(503, true);
    }
    phase_ = Phase::body;
    arm(server_->limits.body_timeout_seconds);
    if (expects_continue) {
      net::async_write(socket_, net::buffer(continue_100, sizeof continue_100 - 1),
                       [self = shared_from_this()](error_code ec, std::size_t) {
                         if (ec) return self->close();
                         self->read_body();
                       });
      return;
    }
    read_body();
  }

  void read_body() {
    auto done = [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->on_read_error(ec);
      self->handle();
    };
    if (file_parser_)
      http::async_read(socket_, buffer_, *file_parser_, std::move(done));
    else
      http::async_read(socket_, buffer_, *parser_, std::move(done));
  }

  void on_read_error(error_code ec) {
    if (timed_out_) {
      // The client started a request but did not finish it in time.
      return fail(408, true);
    }
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted)
      return close();
    if (ec == http::error::header_limit) return fail(431, true);
    if (ec == http::error::body_limit) return fail(413, true);
    return fail(400, true);
  }

  // Answers with an error page decided by the server itself.
  void fail(int status, bool close_after) {
    Response res = server_->hooks.error_page
                       ? server_->hooks.error_page(status)
                       : Response::text(std::string(status_title_nl(status)), status);
    res.status = status;
    AccessRecord record;
    record.status = status;
    if (parser_ || file_parser_) {
      record.method = std::string(head().method_string());
      const std::string target(head().target());
      record.path = target.substr(0, target.find('?'));
    }
    record.request_id = incident_id();
    write(std::move(res), false, !close_after, std::move(record));
  }

  void handle() {
    phase_ = Phase::handling;
    disarm();
    Request req = request_of_head();
    const std::string raw_path = req.path;
    req.path.clear();
    if (file_parser_) {
      try {
        const int fd = ::dup(file_parser_->get().body().file().native_handle());
        if (fd < 0) throw std::runtime_error("dup failed");
        req.spooled = std::make_shared<SpooledBody>(fd);
      } catch (const std::exception& e) {
        std::cerr << "spooled body unreadable: " << e.what() << "\n";
        return fail(500, true);
      }
      file_parser_->get().body().file().close(ignored_);
    } else {
      req.body = std::move(parser_->get().body());
    }
    req.request_id = incident_id();
    const bool head_only = head().method() == http::verb::head;
    const bool keep_alive =
        file_parser_ ? file_parser_->get().keep_alive() : parser_->get().keep_alive();
    AccessRecord record;
    record.method = req.method;
    record.path = raw_path;
    record.request_id = req.request_id;

    if (!off_loop_) {
      Response res = answer(req, raw_path);
      record.status = res.status;
      return write(std::move(res), head_only, keep_alive, std::move(record));
    }
    // Answered on the slow pool, written on the connection's loop; the phase stays
    // `handling` meanwhile, so that a drain does not close the connection.
    net::post(server_->slow_pool, [self = shared_from_this(), req = std::move(req), raw_path,
                                   head_only, keep_alive, record = std::move(record)]() mutable {
      Response res = self->answer(req, raw_path);
      record.status = res.status;
      net::post(self->socket_.get_executor(), [self, res = std::move(res), head_only, keep_alive,
                                               record = std::move(record)]() mutable {
        self->write(std::move(res), head_only, keep_alive, std::move(record));
      });
    });
  }

  // The app's answer to `req`, whose path is still `raw_path` (percent-encoded);
  // a 400 for a path that is not absolute or not decodable.
  Response answer(Request& req, const std::string& raw_path) {
    Response res;
    if (raw_path.empty() || raw_path[0] != '/') {
      res = server_->hooks.error_page ? server_->hooks.error_page(400) : Response::text("", 400);
      res.status = 400;
    } else if (auto decoded = percent_decode(raw_path, false); !decoded) {
      res = server_->hooks.error_page ? server_->hooks.error_page(400) : Response::text("", 400);
      res.status = 400;
    } else {
      req.path = std::move(*decoded);
      try {
        res = server_->hooks.dispatch(req);
      } catch (const std::exception& e) {
        std::cerr << "unhandled exception in request " << req.request_id << ": " << e.what()
                  << "\n";
        res = Response::text("Er ging iets mis. Referentie: " + req.request_id, 500);
      }
    }
    return res;
  }

  void write(Response res, bool head, bool keep_alive, AccessRecord record) {
    phase_ = Phase::writing;
    auto out = std::make_shared<http::response<http::string_body>>();
    out->result(static_cast<unsigned>(res.status));
    out->version(11);
    for (const auto& [name, value] : res.headers.fields()) out->insert(name, value);
    const bool alive = keep_alive && !server_->draining;
    out->keep_alive(alive);
    record.bytes = res.body.size();
    if (head) {
      out->content_length(res.body.size());
    } else {
      out->body() = std::move(res.body);
      out->prepare_payload();
    }
    arm(server_->limits.body_timeout_seconds);
    http::async_write(socket_, *out,
                      [self = shared_from_this(), out, alive, record = std::move(record)](
                          error_code ec, std::size_t) mutable {
                        self->disarm();
                        record.duration_ms = std::chrono::duration<double, std::milli>(
                                                 std::chrono::steady_clock::now() - self->started_)
                                                 .count();
                        if (self->server_->hooks.on_complete)
                          self->server_->hooks.on_complete(record);
                        ++self->served_;
                        if (ec || !alive) return self->close();
                        self->wait_for_request();
                      });
  }

  // Half-closes, then reads and discards what the client still sends for a
  // moment, so that an early answer (413, 408) is not lost to a TCP reset.
  void close() {
    if (phase_ == Phase::closed || phase_ == Phase::lingering) return;
    phase_ = Phase::lingering;
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    arm(2);
    linger();
  }
  void linger() {
    socket_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](error_code ec, std::size_t) {
                              if (ec || self->timed_out_) return self->final_close();
                              self->linger();
                            });
  }
  void final_close() {
    phase_ = Phase::closed;
    disarm();
    error_code ignored;
    socket_.close(ignored);
  }

  tcp::socket socket_;
  net::steady_timer timer_;
  std::shared_ptr<Server::Impl> server_;
  beast::flat_buffer buffer_{8192};
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::request_parser<http::file_body>> file_parser_;  // a spooled body
  std::string remote_ip_;
  error_code ignored_;
  char scratch_[4096];
  Phase phase_ = Phase::idle;
  unsigned timer_generation_ = 0;
  bool timed_out_ = false;
  bool off_loop_ = false;  // this request's BodyPlan::off_loop
  std::size_t served_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

void Server::Impl::accept() {
  acceptor.async_accept(
      next_ioc().get_executor(), [self = shared_from_this()](error_code ec, tcp::socket socket) {
        if (ec) {
          if (!self->acceptor.is_open()) return;  // closed by stop()
          // Out of file descriptors or similar: keep accepting after a breath.
          auto timer =
              std::make_shared<net::steady_timer>(self->accept_loop, std::chrono::milliseconds(50));
          timer->async_wait([self, timer](error_code) { self->accept(); });
          return;
        }
        if (self->draining) return;
        error_code peer_ec;
        auto peer = socket.remote_endpoint(peer_ec);
        std::string ip = peer_ec ? std::string() : peer.address().to_string();
        if (self->active.load() >= self->limits.max_connections || !self->admit(ip)) {
          auto sock = std::make_shared<tcp::socket>(std::move(socket));
          net::async_write(*sock, net::buffer(canned_503, sizeof canned_503 - 1),
                           [sock](error_code, std::size_t) {
                             error_code ignored;
                             sock->shutdown(tcp::socket::shutdown_send, ignored);
                             sock->close(ignored);
                           });
        } else {
          error_code ignored;
          socket.set_option(tcp::no_delay(true), ignored);
          auto loop = socket.get_executor();
          auto conn = std::make_shared<Connection>(std::move(socket), self, std::move(ip));
          {
            std::lock_guard<std::mutex> lock(self->connections_mutex);
            if (self->connections.size() > 1024) {
              for (auto it = self->connections.begin(); it != self->connections.end();)
                it = it->expired() ? self->connections.erase(it) : std::next(it);
            }
            self->connections.insert(conn);
          }
          // Everything the connection does, from its first read on, runs on its loop.
          net::post(loop, [conn] { conn->start(); });
        }
        self->accept();
      });
}

void Server::Impl::drain_idle() {
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard<std::mutex> lock(connections_mutex);
    for (const auto& weak : connections)
      if (auto c = weak.lock()) open.push_back(std::move(c));
  }
  // Each close runs on the connection's own strand.
  for (auto& c : open) c->post_close_if_idle();
}

Server::Server(Limits limits, unsigned threads, bool trust_proxy, ServerHooks hooks)
    : impl_(std::make_shared<Impl>(limits, threads, trust_proxy, std::move(hooks))) {}

Server::~Server() { stop(); }

unsigned short Server::listen(const std::string& host, unsigned short port) {
  error_code ec;
  auto address = net::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
  if (ec) throw std::runtime_error("cannot listen on '" + host + "': not an IP address");
  tcp::endpoint endpoint(address, port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                             ec.message());
  return acceptor.local_endpoint().port();
}

void Server::start() {
  if (impl_->started.exchange(true)) return;
  impl_->accept();
  impl_->workers.emplace_back([impl = impl_] {
    auto busy = net::make_work_guard(impl->accept_loop);  // until stop()
    impl->accept_loop.run();
  });
  for (unsigned i = 0; i < impl_->threads; ++i)
    impl_->workers.emplace_back([impl = impl_, i] {
      // Kept busy until stop(): a loop without connections yet must not return.
      auto busy = net::make_work_guard(*impl->iocs[i]);
      impl->iocs[i]->run();
    });
}

void Server::run_until_signal() {
  net::signal_set signals(impl_->accept_loop, SIGINT, SIGTERM);
  std::atomic<bool> signalled{false};
  signals.async_wait([&](error_code ec, int) {
    if (!ec) signalled = true;
  });
  start();
  while (!signalled && !impl_->stopped) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  signals.cancel();
  stop();
}

void Server::stop() {
  if (!impl_ || impl_->stopped.exchange(true)) return;
  impl_->draining = true;
  if (impl_->started) {
    std::promise<void> closed;
    net::post(impl_->acceptor.get_executor(), [this, &closed] {
      error_code ignored;
      impl_->acceptor.close(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
    impl_->drain_idle();
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::seconds(impl_->limits.shutdown_grace_seconds);
    while (impl_->active > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      impl_->drain_idle();
    }
    impl_->accept_loop.stop();
    for (auto& loop : impl_->iocs) loop->stop();
    for (auto& t : impl_->workers)
      if (t.joinable()) t.join();
    impl_->slow_pool.stop();  // what waits was not started: its connections are closed
    impl_->slow_pool.join();
    // Runs the acceptor's aborted last completion: waiting, it would hold this Impl.
    impl_->accept_loop.restart();
    impl_->accept_loop.poll();
    impl_->workers.clear();
  } else {
    error_code ignored;
    impl_->acceptor.close(ignored);
  }
}

int Server::connections() const { return impl_->active.load(); }

}  // namespace schakel::web
