#include "jobs/runner.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <algorithm>

#include "core/log.hpp"
#include "core/random.hpp"
#include "store/row.hpp"

namespace schakel::jobs {

JobRunner::JobRunner(store::Database& db, const Clock& clock, std::string holder)
    : db_(db), clock_(clock), holder_(std::move(holder)) {
  if (holder_.empty()) {
    char host[128] = {0};
    gethostname(host, sizeof host - 1);
    holder_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + random_hex(4);
  }
}

JobRunner::~JobRunner() { stop(); }

void JobRunner::add(Job job) {
  db_.run([&](soci::session& sql) {
    int exists = 0;
    sql << "SELECT COUNT(*) FROM job_leases WHERE name = :n", soci::use(job.name),
        soci::into(exists);
    if (exists == 0) {
      try {
        sql << "INSERT INTO job_leases (name) VALUES (:n)", soci::use(job.name);
      } catch (const std::exception&) {
        // Another node inserted it at the same moment.
      }
    }
  });
  jobs_.push_back(std::move(job));
}

bool JobRunner::acquire(const Job& job, std::int64_t now) {
  long long now_ll = now, until = now + job.lease_seconds;
  long long affected = 0;
  db_.run([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "UPDATE job_leases SET holder = :h, lease_until = :u "
                        "WHERE name = :n AND next_run_at <= :now1 AND lease_until < :now2",
         soci::use(holder_), soci::use(until), soci::use(job.name), soci::use(now_ll),
         soci::use(now_ll));
    st.execute(true);
    affected = st.get_affected_rows();
  });
  return affected == 1;
}

void JobRunner::release(const Job& job, std::int64_t now, const std::string& error) {
  db_.run([&](soci::session& sql) {
    long long now_ll = now;
    if (error.empty()) {
      long long next = now + job.interval_seconds;
      sql << "UPDATE job_leases SET holder = NULL, lease_until = 0, last_run_at = :now, "
             "next_run_at = :next, "
             "runs = runs + 1, failures = 0, last_error = NULL WHERE name = :n AND holder = :h",
          soci::use(now_ll), soci::use(next), soci::use(job.name), soci::use(holder_);
    } else {
      int failures = 0;
      sql << "SELECT failures FROM job_leases WHERE name = :n", soci::use(job.name),
          soci::into(failures);
      // Back-off: 10 s, 20 s, 40 s ... at most an hour, never sooner than the interval.
      long long delay = std::min<long long>(3600, 10LL << std::min(failures, 9));
      long long next =
          now + std::max<long long>(delay, std::min<long long>(job.interval_seconds, 3600));
      const std::string message = error.substr(0, 500);
      sql << "UPDATE job_leases SET holder = NULL, lease_until = 0, last_run_at = :now, "
             "next_run_at = :next, "
             "failures = failures + 1, last_error = :e WHERE name = :n AND holder = :h",
          soci::use(now_ll), soci::use(next), soci::use(message), soci::use(job.name),
          soci::use(holder_);
    }
  });
}

std::int64_t enqueue(soci::session& sql, const std::string& kind, const std::string& payload,
                     std::int64_t run_at, std::int64_t now) {
  long long id = 0, at = run_at, created = now;
  sql << "INSERT INTO job_queue (kind, payload, run_at, created_at) VALUES (:k, :p, :r, :c) "
         "RETURNING id",
      soci::use(kind), soci::use(payload), soci::use(at), soci::use(created), soci::into(id);
  return id;
}

void JobRunner::handle(std::string kind, std::function<void(const std::string&)> handler,
                       int max_attempts) {
  handlers_[std::move(kind)] = QueueHandler{std::move(handler), max_attempts};
}

int JobRunner::run_queued() {
  if (handlers_.empty()) return 0;
  const long long now = clock_.now();
  struct Due {
    long long id;
    std::string kind;
  };
  std::vector<Due> due;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT id, kind FROM job_queue WHERE (status = 'queued' AND run_at <= :n1) OR "
                "(status = 'running' AND claimed_until < :n2) ORDER BY run_at, id LIMIT 100",
         soci::use(now), soci::use(now));
    for (const auto& r : rows) due.push_back(Due{store::int64_at(r, 0), store::string_at(r, 1)});
  });
  int ran = 0;
  for (const auto& d : due) {
    auto handler = handlers_.find(d.kind);
    if (handler == handlers_.end()) continue;  // another version of the server handles it
    long long claim_until = now + 300;
    long long affected = 0;
    std::string payload;
    int attempts = 0;
    db_.transact([&](soci::session& sql) {
      soci::statement st =
          (sql.prepare
               << "UPDATE job_queue SET status = 'running', claimed_by = :h, claimed_until = :c, "
                  "attempts = attempts + 1 WHERE id = :id AND ((status = 'queued' AND run_at <= "
                  ":n1) OR "
                  "(status = 'running' AND claimed_until < :n2))",
           soci::use(holder_), soci::use(claim_until), soci::use(d.id), soci::use(now),
           soci::use(now));
      st.execute(true);
      affected = st.get_affected_rows();
      if (affected == 1)
        sql << "SELECT payload, attempts FROM job_queue WHERE id = :id", soci::use(d.id),
            soci::into(payload), soci::into(attempts);
    });
    if (affected != 1) continue;  // another node took it
    std::string error;
    try {
      handler->second.run(payload);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "unknown error";
    } catch (...) {
      error = "unknown error";
    }
    const long long done_at = clock_.now();
    db_.transact([&](soci::session& sql) {
      if (error.empty()) {
        sql << "UPDATE job_queue SET status = 'done', last_error = NULL WHERE id = :id",
            soci::use(d.id);
      } else {
        log::app()->error("queued job {} #{} failed: {}", d.kind, d.id, error);
        const bool give_up = attempts >= handler->second.max_attempts;
        const std::string status = give_up ? "failed" : "queued";
        const long long next = done_at + std::min<long long>(3600, 10LL << std::min(attempts, 8));
        const std::string message = error.substr(0, 500);
        sql << "UPDATE job_queue SET status = :s, run_at = :r, last_error = :e WHERE id = :id",
            soci::use(status), soci::use(next), soci::use(message), soci::use(d.id);
      }
    });
    ++ran;
  }
  return ran;
}

int JobRunner::run_due() {
  int ran = run_queued();
  for (const auto& job : jobs_) {
    const std::int64_t now = clock_.now();
    try {
      if (!acquire(job, now)) continue;
    } catch (const std::exception& e) {
      log::app()->warn("job {}: lease not taken: {}", job.name, e.what());
      continue;
    }
    std::string error;
    try {
      job.run();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "unknown error";
      log::app()->error("job {} failed: {}", job.name, error);
    } catch (...) {
      error = "unknown error";
      log::app()->error("job {} failed with an unknown exception", job.name);
    }
    try {
      release(job, clock_.now(), error);
    } catch (const std::exception& e) {
      log::app()->error("job {}: lease not released: {}", job.name, e.what());  // expires by itself
    }
    ++ran;
  }
  return ran;
}

void JobRunner::trigger(const std::string& name) {
  db_.run([&](soci::session& sql) {
    sql << "UPDATE job_leases SET next_run_at = 0 WHERE name = :n", soci::use(name);
  });
  poke();
}

void JobRunner::start(int tick_ms) {
  thread_ = std::thread([this, tick_ms] { loop(tick_ms); });
}

void JobRunner::poke() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    poked_ = true;
  }
  wake_.notify_one();
}

void JobRunner::stop() noexcept {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::loop(int tick_ms) {
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(tick_ms), [this] { return stop_ || poked_; });
      if (stop_) return;
      poked_ = false;
    }
    try {
      run_due();
    } catch (const std::exception& e) {
      log::app()->error("job runner: {}", e.what());  // the database may be back at the next tick
    }
  }
}

}  // namespace schakel::jobs
