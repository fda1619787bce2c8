#include "store/horizon.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/prepared.hpp"
#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

// One answer of the probe statement: the horizon and the value (nullopt: NULL).
struct Answer {
  std::string horizon;
  std::optional<long long> value;
};

template <class B>
class HorizonTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().execute(
        "CREATE TABLE horizon_probe (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)");
    this->db().execute("INSERT INTO horizon_probe (id, value) VALUES (1, 10)");
    // Another node: its own connection to the same database.
    other_ = Database::open(this->database().url(), 1);
  }
  // Reads row `id`'s value unless nothing committed since horizon `known`, on `db`.
  Answer read(Database& db, const std::string& known, long long id = 1) {
    Answer out;
    const std::string text =
        select_unless_unchanged(db.backend(), {"SELECT value FROM horizon_probe WHERE id = :i"});
    db.run([&](soci::session& sql) {
      long long value = 0;
      soci::indicator ind = soci::i_null;
      EXPECT_TRUE(query_one(sql, text, soci::use(id), soci::use(known), soci::into(out.horizon),
                            soci::into(value, ind)));
      if (ind == soci::i_ok) out.value = value;
    });
    return out;
  }
  bool postgres() const { return B::backend == Backend::postgresql; }
  std::unique_ptr<Database> other_;
};
TYPED_TEST_SUITE(HorizonTest, Backends, BackendNames);

TYPED_TEST(HorizonTest, AnUnchangedHorizonSkipsTheReadsUntilAWriteCommitsOnAnyNode) {
  const Answer first = this->read(*this->other_, "");
  EXPECT_EQ(first.value, 10);
  EXPECT_FALSE(unchanged(first.horizon, ""));
  // Reads (here and on the other node) commit nothing: the horizon stays.
  EXPECT_EQ(this->read(this->db(), "").value, 10);
  Answer again = this->read(*this->other_, first.horizon);
  if (this->postgres()) {
    EXPECT_FALSE(first.horizon.empty());
    // Other tests share this server and their commits move the horizon too:
    // read until a read finds it unchanged; each read that found it moved read
    // the value, the one that found it unchanged did not.
    Answer known = first;
    for (int i = 0; i < 2000 && !unchanged(again.horizon, known.horizon); ++i) {
      EXPECT_EQ(again.value, 10);
      known = again;
      again = this->read(*this->other_, known.horizon);
    }
    EXPECT_TRUE(unchanged(again.horizon, known.horizon));
    EXPECT_EQ(again.value, std::nullopt);  // not read
  } else {
    EXPECT_EQ(first.horizon, "");  // unknown on SQLite: always read
    EXPECT_FALSE(unchanged(again.horizon, first.horizon));
    EXPECT_EQ(again.value, 10);
  }
  // A write on the first node, acknowledged: the other node's next read sees it.
  this->db().execute("UPDATE horizon_probe SET value = 11 WHERE id = 1");
  const Answer after = this->read(*this->other_, again.horizon);
  EXPECT_FALSE(unchanged(after.horizon, again.horizon));
  EXPECT_EQ(after.value, 11);
  // A write to another table moves the horizon too (a wider test than needed, never a stale one).
  this->db().execute("CREATE TABLE horizon_other (id INTEGER PRIMARY KEY)");
  this->db().execute("INSERT INTO horizon_other (id) VALUES (1)");
  const Answer unrelated = this->read(*this->other_, after.horizon);
  EXPECT_FALSE(unchanged(unrelated.horizon, after.horizon));
  EXPECT_EQ(unrelated.value, 11);
}

TYPED_TEST(HorizonTest, AWriteInFlightIsSeenOnceItCommits) {
  const Answer before = this->read(*this->other_, "");
  Answer during;
  this->db().transact([&](soci::session& sql) {
    sql << "UPDATE horizon_probe SET value = 12 WHERE id = 1";
    // Not committed yet: whether or not the reads are skipped, the old value holds.
    during = this->read(*this->other_, before.horizon);
    if (!unchanged(during.horizon, before.horizon)) {
      EXPECT_EQ(during.value, 10);
    }
  });
  const Answer after = this->read(*this->other_, during.horizon);
  EXPECT_FALSE(unchanged(after.horizon, during.horizon));
  EXPECT_FALSE(unchanged(after.horizon, before.horizon));
  EXPECT_EQ(after.value, 12);
}

// horizon_only() reads the same horizon as the full statement, and moves with
// every commit just as it does.
TYPED_TEST(HorizonTest, TheHorizonAloneMatchesTheFullStatementsAndMovesWithACommit) {
  const std::string text = horizon_only(this->db().backend());
  if (!this->postgres()) {
    EXPECT_EQ(text, "");  // nothing to read on SQLite
    return;
  }
  auto alone = [&] {
    std::string h;
    this->other_->run(
        [&](soci::session& sql) { EXPECT_TRUE(query_one(sql, text, soci::into(h))); });
    return h;
  };
  // Other tests share this server: read both until no commit came between.
  std::string h = alone();
  Answer full = this->read(*this->other_, "");
  for (int i = 0; i < 2000 && h != full.horizon; ++i) {
    h = alone();
    full = this->read(*this->other_, "");
  }
  EXPECT_FALSE(h.empty());
  EXPECT_EQ(h, full.horizon);
  EXPECT_TRUE(unchanged(h, full.horizon));
  this->db().execute("UPDATE horizon_probe SET value = 13 WHERE id = 1");
  EXPECT_FALSE(unchanged(alone(), full.horizon));
}

TYPED_TEST(HorizonTest, ARowThatIsMissingReadsAsNull) {
  const Answer missing = this->read(this->db(), "", 2);
  EXPECT_EQ(missing.value, std::nullopt);
  EXPECT_FALSE(unchanged(missing.horizon, ""));
}

// True when snapshot `horizon` ("xmin:xmax:xip,...") sees transaction `xid`
// as committed (the caller knows it committed): below xmax, not in progress.
bool sees(const std::string& horizon, unsigned long long xid) {
  const auto first = horizon.find(':');
  const auto second = horizon.find(':', first + 1);
  if (first == std::string::npos || second == std::string::npos) return false;
  if (xid >= std::stoull(horizon.substr(first + 1, second - first - 1))) return false;
  std::size_t at = second + 1;
  while (at < horizon.size()) {
    auto comma = horizon.find(',', at);
    if (comma == std::string::npos) comma = horizon.size();
    if (std::stoull(horizon.substr(at, comma - at)) == xid) return false;
    at = comma + 1;
  }
  return true;
}

// Threads sharing one reader, each committing and then reading: every read
// sees the reader's own commit (a read started before the call is never
// answered), and the threads share reads (fewer statements than calls).
TYPED_TEST(HorizonTest, ASharedReadSeesEveryCommitMadeBeforeItWasAskedFor) {
  if (!this->postgres()) return;  // SQLite has no horizon to read
  HorizonReader reader(this->db().backend());
  auto node = Database::open(this->database().url(), 8);
  constexpr int threads = 8, rounds = 150;
  std::atomic<int> stale{0}, calls{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (int r = 0; r < rounds; ++r) {
        std::string xid;
        node->transact([&](soci::session& sql) {
          sql << "UPDATE horizon_probe SET value = value + 1 WHERE id = 1";
          sql << "SELECT pg_current_xact_id()::text", soci::into(xid);
        });
        // Half the threads also read without a commit of their own first.
        if (t % 2 == 0) node->run([&](soci::session& sql) { reader.read(sql); });
        std::string horizon;
        node->run([&](soci::session& sql) { horizon = reader.read(sql); });
        calls += t % 2 == 0 ? 2 : 1;
        if (!sees(horizon, std::stoull(xid))) ++stale;
      }
    });
  for (auto& thread : pool) thread.join();
  EXPECT_EQ(stale.load(), 0);
  EXPECT_GT(reader.reads(), 0u);
  EXPECT_LT(reader.reads(), static_cast<std::uint64_t>(calls.load()));
  // The test's own check of a snapshot: a transaction not yet committed is not
  // seen, one committed is.
  EXPECT_TRUE(sees("100:105:101,103", 102));
  EXPECT_FALSE(sees("100:105:101,103", 103));
  EXPECT_FALSE(sees("100:105:", 105));
}

}  // namespace
}  // namespace schakel::store
