#pragma once
// The HTTP/1.1 server on Boost.Beast and Asio. This header holds no Beast types:
// only server.cpp includes Beast, so the rest of the project compiles quickly.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "web/http.hpp"

namespace schakel::web {

// What the access log records of one exchange. No query string, no bodies,
// no cookies, no tokens.
struct AccessRecord {
  std::string method;
  std::string path;
  int status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
  std::string request_id;
};

// What the server does with a request body, decided before it reads a byte of it.
struct BodyPlan {
  int refuse = 0;         // non-zero: answer with this status and read no body
  std::size_t limit = 0;  // the largest body accepted (bytes); more gets 413
  bool spool = false;     // write the body to an unlinked temporary file, not memory
  // The handler may take long (an import, a PDF, an export): it runs on the
  // server's pool for such work, so that the other connections of the request's
  // event loop are not held while it runs.
  bool off_loop = false;
};

struct ServerHooks {
  // Answers a complete request. Called on a server thread; may block on the
  // database. Exceptions become a plain 500 (the app renders its own first).
  std::function<Response(Request&)> dispatch;
  // Decides, from the request head alone (no body, no form, no files), whether and
  // how the body is read: refused with a status, or up to a limit, in memory or
  // spooled to a temporary file. Called on a server thread; may block on the
  // database. Unset: every body up to Limits::form_body_bytes, in memory.
  std::function<BodyPlan(const Request& head)> body_plan;
  // Renders an error page for statuses the server itself decides (400, 408,
  // 413, 431, 503) before any handler runs.
  std::function<Response(int status)> error_page;
  // Called after each response is written.
  std::function<void(const AccessRecord&)> on_complete;
};

// Thread-safe: stop() may be called from any thread or a signal handler's
// completion; everything else runs on the server's own threads.
//
// Each worker thread runs its own event loop, and a connection stays on the loop
// it was accepted on (round-robin): its handlers never hand work to another
// thread, which on a small machine costs more than most handlers. The price is
// that a handler holds the other connections of its loop while it runs; handlers
// that may take long say so in their BodyPlan (off_loop) and run on a separate
// pool of `threads` threads instead.
class Server {
 public:
  // Limits::max_connections_per_ip counts connections by peer address (an IPv6
  // peer by its /64, see client_key): behind a
  // trusted proxy that is the proxy's address (the forwarded client address is
  // not known at accept time).
  Server(Limits limits, unsigned threads, bool trust_proxy, ServerHooks hooks);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Port 0 picks a free port. Returns the bound port.
  // Throws std::runtime_error when the address cannot be bound.
  unsigned short listen(const std::string& host, unsigned short port);
  // Starts the worker threads and returns at once.
  void start();
  // Starts, then blocks until SIGINT/SIGTERM or stop(), then drains.
  void run_until_signal();
  // Graceful stop: no new connections; idle keep-alive connections close; requests
  // in flight finish for up to Limits::shutdown_grace_seconds. Returns when done.
  void stop();
  // Connections currently open.
  int connections() const;

  struct Impl;  // public so that connections (in server.cpp) can name it

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace schakel::web
