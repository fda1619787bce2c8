#pragma once
// How many request handlers compute at once (issue 16).
//
// A request's thread also waits: for a PostgreSQL round trip, for SQLite's
// write lock and fsync. With one thread per core, a core sits idle while its
// thread waits; the signed-in pages on PostgreSQL lost a third of their
// throughput that way. With more threads than cores and nothing else, long
// handlers (a search) share the cores by time slices, and a short one can wait
// a slice behind them: the p99 of search at 4 connections doubled. So the
// server runs two threads per core, and a thread holds one of the gate's
// permits (one per core) while it runs a route's handler (app/pipeline.cpp);
// it hands the permit back while it waits (while_waiting(), which
// store/database calls around its waits), so that another handler computes
// meanwhile. The short work before a handler (the session check, a page from
// the cache) takes no permit: it is over before a time slice is.
//
// Permits go to waiting threads in the order they asked (no thread starves).
// Thread-safe: `mutex_` guards `free_` and `queue_`; which gate a thread holds
// is thread-local.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace schakel {

class ComputeGate {
 public:
  // Requires: permits >= 1.
  explicit ComputeGate(unsigned permits);
  ComputeGate(const ComputeGate&) = delete;
  ComputeGate& operator=(const ComputeGate&) = delete;

  unsigned permits() const { return permits_; }

  // Holds one permit for the calling thread from construction (which blocks
  // until one is free) to destruction. Requires: the thread holds no permit
  // yet, and the gate outlives the pass.
  class Pass {
   public:
    explicit Pass(ComputeGate& gate);
    ~Pass();
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    ComputeGate& gate_;
  };

 private:
  friend class Waiting;
  // One thread waiting for a permit; lives on that thread's stack.
  struct Waiter {
    std::condition_variable wake;
    bool granted = false;
  };
  void acquire() noexcept;
  void release() noexcept;

  const unsigned permits_;
  std::mutex mutex_;
  unsigned free_;              // guarded by mutex_
  std::deque<Waiter*> queue_;  // guarded by mutex_; the longest waiting first
};

// Gives the calling thread's permit back from construction to destruction,
// and takes one again (blocking until one is free) when destroyed. Does
// nothing on a thread that holds no permit, or inside another Waiting (so
// only the outermost wait lets go).
class Waiting {
 public:
  Waiting() noexcept;
  ~Waiting();
  Waiting(const Waiting&) = delete;
  Waiting& operator=(const Waiting&) = delete;

 private:
  ComputeGate* released_ = nullptr;
};

// Runs f() as a wait (see Waiting) when `waits` is true, else as it is.
// Returns what f returns; what f throws passes through, the permit taken
// again first.
template <class F>
auto while_waiting(bool waits, F&& f) -> decltype(f()) {
  if (!waits) return f();
  Waiting waiting;
  return f();
}

// Counts, for tests: how many permits the calling thread holds (0 or 1).
int held_permits();

}  // namespace schakel
