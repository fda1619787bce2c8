#include "web/upload_slots.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace schakel::web {
namespace {

using namespace std::chrono_literals;

TEST(UploadSlots, GivesAtMostItsCapacityAndFreesASlotWhenItIsDropped) {
  UploadSlots slots(2);
  auto a = slots.acquire(0ms);
  auto b = slots.acquire(0ms);
  ASSERT_TRUE(a && b);
  EXPECT_FALSE(slots.acquire(20ms));
  a.reset();
  auto c = slots.acquire(0ms);
  EXPECT_TRUE(c);
  EXPECT_FALSE(slots.acquire(0ms));
}

TEST(UploadSlots, AMovedSlotIsReleasedOnce) {
  UploadSlots slots(1);
  {
    auto a = slots.acquire(0ms);
    ASSERT_TRUE(a);
    UploadSlots::Slot moved = std::move(*a);
    a.reset();  // the moved-from slot releases nothing
    EXPECT_FALSE(slots.acquire(0ms));
  }
  EXPECT_TRUE(slots.acquire(0ms));
  EXPECT_TRUE(slots.acquire(0ms));  // the temporary above was released again
}

TEST(UploadSlots, ConcurrentHoldersNeverExceedTheCapacity) {
  UploadSlots slots(3);
  std::atomic<int> inside{0}, most{0}, served{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto slot = slots.acquire(10s);
        ASSERT_TRUE(slot);
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(200us);
        --inside;
        ++served;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(served.load(), 12 * 20);
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 2);  // they did run at the same time
}

}  // namespace
}  // namespace schakel::web
