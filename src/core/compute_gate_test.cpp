#include "core/compute_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace schakel {
namespace {

using std::chrono::milliseconds;

TEST(ComputeGate, NoMoreThreadsComputeAtOnceThanItHasPermits) {
  ComputeGate gate(2);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] {
      for (int round = 0; round < 5; ++round) {
        ComputeGate::Pass pass(gate);
        const int now = inside.fetch_add(1) + 1;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(milliseconds(2));
        inside.fetch_sub(1);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(most.load(), 2);
  EXPECT_EQ(inside.load(), 0);
}

TEST(ComputeGate, AThreadThatWaitsLetsAnotherCompute) {
  ComputeGate gate(1);
  std::promise<void> waiting, other_done;
  std::atomic<bool> back{false};
  std::thread first([&] {
    ComputeGate::Pass pass(gate);
    {
      Waiting wait;
      EXPECT_EQ(held_permits(), 0);
      waiting.set_value();
      other_done.get_future().wait();
    }
    back = true;
    EXPECT_EQ(held_permits(), 1);
  });
  waiting.get_future().wait();
  {
    // The only permit is free while the first thread waits.
    ComputeGate::Pass pass(gate);
    EXPECT_EQ(held_permits(), 1);
    other_done.set_value();
    // The first thread cannot come back from its wait while this one computes.
    std::this_thread::sleep_for(milliseconds(50));
    EXPECT_FALSE(back.load());
  }
  first.join();
  EXPECT_TRUE(back.load());
}

TEST(ComputeGate, OnlyTheOutermostWaitLetsGo) {
  ComputeGate gate(1);
  ComputeGate::Pass pass(gate);
  EXPECT_EQ(held_permits(), 1);
  {
    Waiting outer;
    EXPECT_EQ(held_permits(), 0);
    {
      Waiting inner;
      EXPECT_EQ(held_permits(), 0);
    }
    // Still waiting: the inner wait took nothing back.
    EXPECT_EQ(held_permits(), 0);
    std::atomic<bool> got{false};
    std::thread other([&] {
      ComputeGate::Pass second(gate);
      got = true;
    });
    other.join();
    EXPECT_TRUE(got.load());
  }
  EXPECT_EQ(held_permits(), 1);
}

TEST(ComputeGate, AWaitOnAThreadWithoutAPermitChangesNothing) {
  ComputeGate gate(1);
  {
    Waiting wait;
    EXPECT_EQ(held_permits(), 0);
  }
  // The gate's one permit is still free, and no second one appeared.
  ComputeGate::Pass pass(gate);
  std::atomic<bool> got{false};
  std::thread other([&] {
    ComputeGate::Pass second(gate);
    got = true;
  });
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_FALSE(got.load());
  {
    Waiting wait;  // lets the other thread in
    other.join();
  }
  EXPECT_TRUE(got.load());
}

TEST(ComputeGate, WhileWaitingTakesThePermitBackWhenItsWorkThrows) {
  ComputeGate gate(1);
  ComputeGate::Pass pass(gate);
  EXPECT_THROW(while_waiting(true,
                             [] {
                               EXPECT_EQ(held_permits(), 0);
                               throw std::runtime_error("weg");
                             }),
               std::runtime_error);
  EXPECT_EQ(held_permits(), 1);
  EXPECT_EQ(while_waiting(false, [] { return held_permits(); }), 1);
  EXPECT_EQ(while_waiting(true, [] { return held_permits(); }), 0);
}

TEST(ComputeGate, ZeroPermitsMeansOne) { EXPECT_EQ(ComputeGate(0).permits(), 1u); }

}  // namespace
}  // namespace schakel
