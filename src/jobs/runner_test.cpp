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
    sql << "UPDATE job_leases SET holder = 'dead', lease_until = :u WHERE name = 'cleanup'", soci::use(until);
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
