#pragma once
// The job runner: scheduled jobs that run once per interval across all nodes.
// Each job has a lease row in the database; a node runs a job only after taking
// its lease with a conditional UPDATE, so with several nodes a job runs once.
// A job that throws is logged and retried after a back-off; it never takes the
// server down.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::jobs {

struct Job {
  std::string name;  // unique, e.g. "mail.send"
  std::int64_t interval_seconds = 60;
  std::int64_t lease_seconds = 300;  // longest a run may take before another node may take over
  std::function<void()> run;
};

// Queues a one-off job of `kind` inside the caller's transaction, to run at or
// after `run_at`. Returns its id.
std::int64_t enqueue(soci::session& sql, const std::string& kind, const std::string& payload,
                     std::int64_t run_at, std::int64_t now);

// Thread-safe after start(): poke() from any thread.
class JobRunner {
 public:
  // `holder` names this node in lease rows (host:pid:random).
  JobRunner(store::Database& db, const Clock& clock, std::string holder = {});
  ~JobRunner();

  // Registers a job. Requires: before start().
  void add(Job job);
  // Runs due jobs on a background thread, checking every `tick_ms`.
  void start(int tick_ms = 1000);
  // Checks for due jobs now (e.g. after queueing mail).
  void poke();
  // Marks job `name` due now on every node (the next tick runs it).
  void trigger(const std::string& name);
  void stop() noexcept;

  // Registers the handler of queued jobs of `kind`. A handler that throws is
  // retried with back-off up to `max_attempts`, then the job is 'failed'.
  // Requires: before start().
  void handle(std::string kind, std::function<void(const std::string& payload)> handler,
              int max_attempts = 5);

  // Runs every due scheduled job and every due queued job once on the calling
  // thread; returns how many ran here. Used by the background thread and tests.
  int run_due();
  // Runs due queued jobs only; returns how many ran here.
  int run_queued();

  const std::string& holder() const { return holder_; }

 private:
  bool acquire(const Job& job, std::int64_t now);
  void release(const Job& job, std::int64_t now, const std::string& error);
  void loop(int tick_ms);

  store::Database& db_;
  const Clock& clock_;
  std::string holder_;
  std::vector<Job> jobs_;
  struct QueueHandler {
    std::function<void(const std::string&)> run;
    int max_attempts = 5;
  };
  std::map<std::string, QueueHandler> handlers_;
  std::mutex mutex_;  // guards stop_, poked_
  std::condition_variable wake_;
  bool stop_ = false;
  bool poked_ = false;
  std::thread thread_;
};

}  // namespace schakel::jobs
