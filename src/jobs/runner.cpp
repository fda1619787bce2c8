#include "jobs/runner.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>
#include <algorithm>

#include "core/log.hpp"
#include "core/random.hpp"

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

int JobRunner::run_due() {
  int ran = 0;
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
    run_due();
  }
}

}  // namespace schakel::jobs
