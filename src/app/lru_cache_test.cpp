// The page cache's storage: least recently used entries go first, a hit
// refreshes, the byte budget and the entry count hold, and an entry larger
// than the budget is not kept.
#include "app/lru_cache.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace schakel {
namespace {

// The cost of an entry of `bytes` under a one-letter key.
constexpr std::size_t cost(std::size_t bytes) { return bytes + 1 + LruCache<int>::entry_overhead; }

TEST(LruCache, TheLeastRecentlyUsedEntryGoesFirst) {
  LruCache<int> cache(1 << 20, 3);
  cache.insert("a", 1, 10);
  cache.insert("b", 2, 10);
  cache.insert("c", 3, 10);
  cache.insert("d", 4, 10);  // a is the oldest
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.find("a"), nullptr);
  ASSERT_NE(cache.find("b"), nullptr);
  EXPECT_EQ(*cache.find("d"), 4);
  EXPECT_EQ(cache.evictions(), 1u);
}

TEST(LruCache, AHitMakesAnEntryTheMostRecent) {
  LruCache<int> cache(1 << 20, 3);
  cache.insert("a", 1, 10);
  cache.insert("b", 2, 10);
  cache.insert("c", 3, 10);
  ASSERT_NE(cache.find("a"), nullptr);  // now b is the oldest
  cache.insert("d", 4, 10);
  EXPECT_EQ(cache.find("b"), nullptr);
  ASSERT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(*cache.find("a"), 1);
  ASSERT_NE(cache.find("c"), nullptr);
  ASSERT_NE(cache.find("d"), nullptr);
}

TEST(LruCache, TheByteBudgetHoldsAfterManyInserts) {
  const std::size_t budget = 10 * cost(1000);
  LruCache<int> cache(budget, 1000000);
  for (int i = 0; i < 5000; ++i) {
    // Sizes from 0 to 2,999 bytes; keys of 1 to 4 digits.
    const std::size_t bytes = static_cast<std::size_t>(i * 7919 % 3000);
    cache.insert(std::to_string(i), i, bytes);
    ASSERT_LE(cache.bytes(), budget) << "after insert " << i;
  }
  // The newest entry is always there, and what remains are the newest ones:
  // every key kept is newer than every key dropped.
  ASSERT_NE(cache.find("4999"), nullptr);
  int oldest_kept = 5000;
  for (int i = 0; i < 5000; ++i)
    if (cache.find(std::to_string(i))) oldest_kept = std::min(oldest_kept, i);
  for (int i = oldest_kept; i < 5000; ++i) EXPECT_NE(cache.find(std::to_string(i)), nullptr) << i;
  EXPECT_EQ(cache.evictions(), static_cast<std::uint64_t>(oldest_kept));
  // The budget is used: no more was dropped than needed, so the largest entry
  // (2,999 bytes under a four-digit key) would not fit beside them.
  EXPECT_GT(cache.bytes() + 2999 + 4 + LruCache<int>::entry_overhead, budget);
}

TEST(LruCache, TheEntryCountHolds) {
  LruCache<int> cache(1 << 30, 50);
  for (int i = 0; i < 1000; ++i) cache.insert(std::to_string(i), i, 1);
  EXPECT_EQ(cache.size(), 50u);
  EXPECT_EQ(cache.evictions(), 950u);
  EXPECT_EQ(cache.find("949"), nullptr);
  EXPECT_NE(cache.find("950"), nullptr);
}

TEST(LruCache, AnEntryLargerThanTheBudgetIsNotKept) {
  LruCache<int> cache(cost(100), 10);
  EXPECT_TRUE(cache.insert("a", 1, 100));  // exactly the budget
  EXPECT_FALSE(cache.insert("b", 2, 101));
  EXPECT_EQ(cache.find("b"), nullptr);
  // The one that fitted is still there: a refused page evicts nothing.
  ASSERT_NE(cache.find("a"), nullptr);
  EXPECT_EQ(cache.evictions(), 0u);
  // A new value too large for a key drops the old value of that key.
  EXPECT_FALSE(cache.insert("a", 3, 1000));
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(LruCache, ReplacingAKeyCountsItsBytesOnce) {
  LruCache<int> cache(1 << 20, 10);
  cache.insert("a", 1, 500);
  cache.insert("a", 2, 200);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), cost(200));
  EXPECT_EQ(*cache.find("a"), 2);
  EXPECT_EQ(cache.evictions(), 0u);
}

TEST(LruCache, ClearEmptiesItAndItFillsAgain) {
  LruCache<int> cache(1 << 20, 2);
  cache.insert("a", 1, 10);
  cache.insert("b", 2, 10);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.find("a"), nullptr);
  cache.insert("c", 3, 10);
  cache.insert("d", 4, 10);
  cache.insert("e", 5, 10);
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.find("c"), nullptr);
  EXPECT_EQ(*cache.find("e"), 5);
}

TEST(LruCache, SwappedEntriesMoveWithTheirBytesAndStayFindable) {
  LruCache<int> cache(1 << 20, 4);
  cache.insert("a", 1, 10);
  cache.insert("b", 2, 20);
  LruCache<int> taken(1 << 20, 4);
  cache.swap_entries(taken);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken.bytes(), cost(10) + cost(20));
  ASSERT_NE(taken.find("b"), nullptr);
  EXPECT_EQ(*taken.find("b"), 2);
  taken.erase("a");  // its list position came along with it
  EXPECT_EQ(taken.bytes(), cost(20));
  cache.insert("c", 3, 10);
  EXPECT_EQ(cache.bytes(), cost(10));
}

}  // namespace
}  // namespace schakel
