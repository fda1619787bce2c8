#include "jobs/runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_support.hpp"

namespace schakel::jobs {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class JobRunnerTest : public BackendTest<B> {
 protected:
  ManualClock clock_{1'800'000'000};
};
TYPED_TEST_SUITE(JobRunnerTest, Backends, BackendNames);

TYPED_TEST(JobRunnerTest, TwoNodesRunAScheduledJobOncePerInterval) {
  std::atomic<int> runs{0};
  auto second_pool = store::Database::open(this->database().url(), 2);
  JobRunner a(this->db(), this->clock_, "node-a"), b(*second_pool, this->clock_, "node-b");
  a.add(Job{"digest", 60, 300, [&] { ++runs; }});
  b.add(Job{"digest", 60, 300, [&] { ++runs; }});
  for (int round = 0; round < 3; ++round) {
    std::thread ta([&] { a.run_due(); });
    std::thread tb([&] { b.run_due(); });
    ta.join();
    tb.join();
    EXPECT_EQ(runs.load(), round + 1) << "round " << round;
    a.run_due();  // not due again within the interval
    b.run_due();
    EXPECT_EQ(runs.load(), round + 1);
    this->clock_.advance(60);
  }
}

TYPED_TEST(JobRunnerTest, AJobThatThrowsIsRetriedLaterAndDoesNotStopOthers) {
  int failing_runs = 0, healthy_runs = 0;
  JobRunner runner(this->db(), this->clock_, "node");
  runner.add(Job{"fragile", 5, 300, [&] {
                   ++failing_runs;
                   throw std::runtime_error("SMTP down");
                 }});
  runner.add(Job{"healthy", 5, 300, [&] { ++healthy_runs; }});
  EXPECT_EQ(runner.run_due(), 2);
  EXPECT_EQ(failing_runs, 1);
  EXPECT_EQ(healthy_runs, 1);
  std::string error;
  int failures = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT last_error, failures FROM job_leases WHERE name = 'fragile'", soci::into(error),
        soci::into(failures);
  });
  EXPECT_EQ(error, "SMTP down");
  EXPECT_EQ(failures, 1);
  this->clock_.advance(6);
  runner.run_due();
  EXPECT_EQ(healthy_runs, 2);
  EXPECT_EQ(failing_runs, 1);  // backing off
  this->clock_.advance(60);
  runner.run_due();
  EXPECT_EQ(failing_runs, 2);
}

TYPED_TEST(JobRunnerTest, ALeaseOfADeadNodeExpires) {
  int runs = 0;
  JobRunner runner(this->db(), this->clock_, "survivor");
  runner.add(Job{"cleanup", 60, 120, [&] { ++runs; }});
  // Another node took the lease and died.
  long long until = this->clock_.now() + 120;
  this->db().run([&](soci::session& sql) {
    sql << "UPDATE job_leases SET holder = 'dead', lease_until = :u WHERE name = 'cleanup'",
        soci::use(until);
  });
  runner.run_due();
  EXPECT_EQ(runs, 0);
  this->clock_.advance(121);
  runner.run_due();
  EXPECT_EQ(runs, 1);
}

TYPED_TEST(JobRunnerTest, TriggerMakesAJobDueNow) {
  int runs = 0;
  JobRunner runner(this->db(), this->clock_, "node");
  runner.add(Job{"weekly", 7 * 86400, 300, [&] { ++runs; }});
  runner.run_due();
  runner.run_due();
  EXPECT_EQ(runs, 1);
  runner.trigger("weekly");
  runner.run_due();
  EXPECT_EQ(runs, 2);
}

}  // namespace
}  // namespace schakel::jobs

namespace schakel::jobs {
namespace {

template <class B>
class JobQueueTest : public schakel::testing::BackendTest<B> {
 protected:
  ManualClock clock_{1'800'000'000};
  std::int64_t queue(const std::string& kind, const std::string& payload, std::int64_t delay = 0) {
    return this->db().transact([&](soci::session& sql) {
      return enqueue(sql, kind, payload, clock_.now() + delay, clock_.now());
    });
  }
  std::string status(std::int64_t id) {
    std::string s;
    long long key = id;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT status FROM job_queue WHERE id = :i", soci::use(key), soci::into(s);
    });
    return s;
  }
};
TYPED_TEST_SUITE(JobQueueTest, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(JobQueueTest, AQueuedJobRunsOnceWhenDueOnOneOfTwoNodes) {
  std::vector<std::string> seen;
  std::mutex m;
  auto other_pool = store::Database::open(this->database().url(), 2);
  JobRunner a(this->db(), this->clock_, "a"), b(*other_pool, this->clock_, "b");
  for (auto* r : {&a, &b})
    r->handle("reminder", [&](const std::string& p) {
      std::lock_guard<std::mutex> lock(m);
      seen.push_back(p);
    });
  const auto later = this->queue("reminder", "sessie 12", 3600);
  const auto now = this->queue("reminder", "sessie 7");
  std::thread ta([&] { a.run_due(); });
  std::thread tb([&] { b.run_due(); });
  ta.join();
  tb.join();
  EXPECT_EQ(seen, std::vector<std::string>{"sessie 7"});
  EXPECT_EQ(this->status(now), "done");
  EXPECT_EQ(this->status(later), "queued");
  this->clock_.advance(3600);
  a.run_due();
  b.run_due();
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(this->status(later), "done");
}

TYPED_TEST(JobQueueTest, AFailingQueuedJobIsRetriedThenMarkedFailed) {
  int attempts = 0;
  JobRunner runner(this->db(), this->clock_, "node");
  runner.handle(
      "fragile",
      [&](const std::string&) {
        ++attempts;
        throw std::runtime_error("nog niet");
      },
      3);
  const auto id = this->queue("fragile", "");
  for (int i = 0; i < 10; ++i) {
    runner.run_queued();
    this->clock_.advance(3600);
  }
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(this->status(id), "failed");
}

}  // namespace
}  // namespace schakel::jobs
