#include "store/rate_limits.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class RateLimiterTest : public BackendTest<B> {
 protected:
  ManualClock clock_{1'800'000'000};
};
TYPED_TEST_SUITE(RateLimiterTest, Backends, BackendNames);

TYPED_TEST(RateLimiterTest, ABucketIsBlockedAtItsLimitUntilTheOldestEventLeavesTheWindow) {
  RateLimiter limiter(this->db(), this->clock_);
  const RateRule rule{3, 900};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.wait_seconds("signin:a", rule), 0);
    limiter.hit("signin:a");
    this->clock_.advance(100);
  }
  const auto wait = limiter.wait_seconds("signin:a", rule);
  EXPECT_EQ(wait, 900 - 300 + 1);  // the first event (300 s ago) leaves the window then
  EXPECT_EQ(limiter.wait_seconds("signin:b", rule), 0);  // other buckets are free
  this->clock_.advance(wait);
  EXPECT_EQ(limiter.wait_seconds("signin:a", rule), 0);
}

TYPED_TEST(RateLimiterTest, TwoNodesShareTheCount) {
  auto other_pool = Database::open(this->database().url(), 1);
  RateLimiter a(this->db(), this->clock_), b(*other_pool, this->clock_);
  const RateRule rule{2, 60};
  a.hit("x");
  b.hit("x");
  EXPECT_GT(a.wait_seconds("x", rule), 0);
  EXPECT_GT(b.wait_seconds("x", rule), 0);
}

TYPED_TEST(RateLimiterTest, ClearAndPurgeForgetEvents) {
  RateLimiter limiter(this->db(), this->clock_);
  limiter.hit("a");
  limiter.hit("b");
  limiter.clear("a");
  EXPECT_EQ(limiter.wait_seconds("a", {1, 60}), 0);
  EXPECT_GT(limiter.wait_seconds("b", {1, 60}), 0);
  this->clock_.advance(7200);
  EXPECT_EQ(limiter.purge(3600), 1u);
}

}  // namespace
}  // namespace schakel::store

namespace schakel::store {
namespace {

template <class B>
class ReservationTest : public schakel::testing::BackendTest<B> {
 protected:
  ManualClock clock_{1'800'000'000};
};
TYPED_TEST_SUITE(ReservationTest, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(ReservationTest, ParallelAttemptsNeverExceedTheLimit) {
  RateLimiter limiter(this->db(), this->clock_);
  const RateRule rule{5, 900};
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i)
        if (limiter.reserve("burst", rule).wait == 0) ++admitted;
    });
  for (auto& th : threads) th.join();
  EXPECT_LE(admitted.load(), 5);
  EXPECT_GE(admitted.load(), 1);
  EXPECT_GT(limiter.wait_seconds("burst", rule), 0);
}

TYPED_TEST(ReservationTest, AReleasedReservationDoesNotCount) {
  RateLimiter limiter(this->db(), this->clock_);
  const RateRule rule{1, 900};
  auto first = limiter.reserve("x", rule);
  ASSERT_EQ(first.wait, 0);
  EXPECT_GT(limiter.reserve("x", rule).wait, 0);
  limiter.release(first.id);
  EXPECT_EQ(limiter.reserve("x", rule).wait, 0);
}

}  // namespace
}  // namespace schakel::store
