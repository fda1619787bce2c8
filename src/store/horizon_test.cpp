#include "store/horizon.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

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

}  // namespace
}  // namespace schakel::store
