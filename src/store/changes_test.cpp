#include "store/changes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class ChangeOrderTest : public BackendTest<B> {
 protected:
  // The ids of the changes of `entity`, by entity_id.
  std::map<std::string, std::int64_t> ids_of(const std::string& entity) {
    std::map<std::string, std::int64_t> out;
    for (const auto& c :
         this->db().run([](soci::session& sql) { return changes_after(sql, 0, 100000); }))
      if (c.entity == entity) out[c.entity_id] = c.id;
    return out;
  }
};
TYPED_TEST_SUITE(ChangeOrderTest, Backends, BackendNames);

// The first transaction records its change, then waits before it commits; the
// second starts meanwhile (on SQLite it waits for the write lock), records and
// commits. Whichever committed first must have the lower id, else a reader that
// saw the later id would never see the earlier change.
TYPED_TEST(ChangeOrderTest, ChangeIdsFollowTheOrderOfCommits) {
  std::mutex order_mutex;
  std::vector<std::string> committed;  // guarded by order_mutex
  std::atomic<bool> first_recorded{false};
  std::thread first([&] {
    this->db().transact([&](soci::session& sql) {
      record_change(sql, "order", "slow", "created", 1);
      first_recorded = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
    });
    std::lock_guard<std::mutex> lock(order_mutex);
    committed.push_back("slow");
  });
  while (!first_recorded) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  this->db().transact(
      [](soci::session& sql) { record_change(sql, "order", "quick", "created", 2); });
  {
    std::lock_guard<std::mutex> lock(order_mutex);
    committed.push_back("quick");
  }
  first.join();
  ASSERT_EQ(committed.size(), 2u);
  if (TypeParam::backend == Backend::postgresql) {
    EXPECT_EQ(committed[0], "quick");
  }
  const auto ids = this->ids_of("order");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_LT(ids.at(committed[0]), ids.at(committed[1]));
}

// Writers that each wait a random moment between recording and committing, and a
// reader that notes the feed's end and how many changes lie at or below it:
// nothing may appear below an end a reader has already seen.
TYPED_TEST(ChangeOrderTest, NothingAppearsBelowAnEndAReaderHasSeen) {
  std::atomic<bool> writing{true};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([this, t] {
      std::mt19937 random(static_cast<unsigned>(t + 1));
      for (int i = 0; i < 15; ++i) {
        this->db().transact([&](soci::session& sql) {
          record_change(sql, "race", std::to_string(t * 100 + i), "created", 1);
          std::this_thread::sleep_for(std::chrono::milliseconds(random() % 8));
        });
      }
    });
  }
  std::vector<std::pair<std::int64_t, std::size_t>> seen;  // (end, changes at or below it)
  std::thread reader([&] {
    while (writing) {
      const auto ids = this->ids_of("race");
      std::int64_t end = 0;
      for (const auto& [key, id] : ids) end = std::max(end, id);
      seen.emplace_back(end, ids.size());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  for (auto& w : writers) w.join();
  writing = false;
  reader.join();
  const auto all = this->ids_of("race");
  ASSERT_EQ(all.size(), 60u);
  ASSERT_GT(seen.size(), 5u);
  for (const auto& [end, count] : seen) {
    std::size_t now_at_or_below = 0;
    for (const auto& [key, id] : all) now_at_or_below += id <= end ? 1 : 0;
    EXPECT_EQ(now_at_or_below, count) << "a change appeared below " << end;
  }
}

TYPED_TEST(ChangeOrderTest, ARolledBackTransactionLeavesNoChangeAndTheNextOneCommitsItsOwn) {
  EXPECT_THROW(this->db().transact([](soci::session& sql) {
    record_change(sql, "undone", "1", "created", 1);
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  // The same pooled connection may serve the next transaction: nothing held
  // back from the failed one may come along.
  for (int i = 0; i < 3; ++i)
    this->db().transact(
        [&](soci::session& sql) { record_change(sql, "undone", "2", "created", 2); });
  int undone = 0, kept = 0;
  for (const auto& c :
       this->db().run([](soci::session& sql) { return changes_after(sql, 0, 100000); })) {
    if (c.entity == "undone") (c.entity_id == "1" ? undone : kept) += 1;
  }
  EXPECT_EQ(undone, 0);
  EXPECT_EQ(kept, 3);
}

}  // namespace
}  // namespace schakel::store
