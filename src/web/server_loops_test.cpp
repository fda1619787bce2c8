// The server's event loops: one per worker thread, connections spread over them,
// and handlers that say they run long taken off their loop. A bare web::Server
// with its own hooks, spoken to over real sockets.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "test_support.hpp"
#include "web/server.hpp"

namespace schakel::web {
namespace {

using namespace std::chrono_literals;
using schakel::testing::http_get;
using schakel::testing::HttpReply;

// A gate that "/slow" waits behind until the test opens it (or 5 s pass).
class Gate {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    entered_ = true;
    changed_.notify_all();
    changed_.wait_for(lock, 5s, [this] { return open_; });
  }
  // Waits until a handler stands at the gate (or 5 s pass); true when one does.
  bool wait_for_visitor() {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, 5s, [this] { return entered_; });
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;  // guards entered_ and open_
  std::condition_variable changed_;
  bool entered_ = false;
  bool open_ = false;
};

// A server with `threads` loops whose "/slow" waits at `gate`, run off the loop
// when `slow_off_loop`; every other path answers at once.
class LoopServer {
 public:
  LoopServer(unsigned threads, bool slow_off_loop, Gate& gate)
      : server_(Limits{}, threads, false, hooks(slow_off_loop, gate)) {
    port_ = server_.listen("127.0.0.1", 0);
    server_.start();
  }
  ~LoopServer() { server_.stop(); }
  unsigned short port() const { return port_; }
  Server& server() { return server_; }

 private:
  static ServerHooks hooks(bool slow_off_loop, Gate& gate) {
    ServerHooks h;
    h.dispatch = [&gate](Request& req) {
      if (req.path == "/slow") {
        gate.wait();
        return Response::text("traag");
      }
      return Response::text("snel");
    };
    h.body_plan = [slow_off_loop](const Request& head) {
      BodyPlan plan;
      plan.limit = 4096;
      plan.off_loop = slow_off_loop && head.path == "/slow";
      return plan;
    };
    return h;
  }
  Server server_;
  unsigned short port_ = 0;
};

// GETs `path` on a new connection, in the background.
std::future<HttpReply> get_later(unsigned short port, const std::string& path) {
  return std::async(std::launch::async, [port, path] { return http_get(port, path); });
}

// On a server of `threads` loops: while a first connection's "/slow" waits at
// the gate, is a second connection's "/snel" answered (within `patience`)?
// Both answers are checked once the gate opens.
bool answered_while_slow_waits(unsigned threads, bool slow_off_loop,
                               std::chrono::milliseconds patience) {
  Gate gate;
  LoopServer server(threads, slow_off_loop, gate);
  auto slow = get_later(server.port(), "/slow");
  EXPECT_TRUE(gate.wait_for_visitor());
  auto fast = get_later(server.port(), "/snel");
  const bool answered = fast.wait_for(patience) == std::future_status::ready;
  EXPECT_EQ(slow.wait_for(0ms), std::future_status::timeout);  // still at the gate
  gate.open();
  EXPECT_EQ(fast.get().body, "snel");
  const HttpReply reply = slow.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "traag");
  return answered;
}

TEST(ServerLoops, AHandlerOnItsLoopHoldsTheOtherConnectionsOfThatLoop) {
  // The price of a loop per thread, shown so that the next tests mean something:
  // one loop, and a handler that waits on it holds every other connection.
  EXPECT_FALSE(answered_while_slow_waits(1, false, 300ms));
}

TEST(ServerLoops, AHandlerThatRunsLongHoldsNoOtherConnection) {
  // Answered while "/slow" still waits, on the same (only) loop.
  EXPECT_TRUE(answered_while_slow_waits(1, true, 3s));
}

TEST(ServerLoops, ConnectionsAreSpreadOverTheLoops) {
  // Two loops: the second connection is accepted on the other loop, so a handler
  // that holds the first loop does not hold it.
  EXPECT_TRUE(answered_while_slow_waits(2, false, 3s));
}

TEST(ServerLoops, AStopLetsAHandlerOffItsLoopFinishAndWriteItsAnswer) {
  Gate gate;
  LoopServer server(1, true, gate);
  auto slow = get_later(server.port(), "/slow");
  ASSERT_TRUE(gate.wait_for_visitor());
  std::thread stopper([&] { server.server().stop(); });
  std::this_thread::sleep_for(150ms);
  EXPECT_EQ(server.server().connections(), 1);  // still waiting for the answer
  gate.open();
  stopper.join();
  const HttpReply reply = slow.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "traag");
  EXPECT_THROW(http_get(server.port(), "/snel"), std::runtime_error);  // no longer accepting
}

}  // namespace
}  // namespace schakel::web
