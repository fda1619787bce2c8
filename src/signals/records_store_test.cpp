// The SQL of signals and needs: every filter of the lists, and the visibility
// of own-municipality-only signals applied in the query. Typed tests run on
// SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "signals/need_store.hpp"
#include "signals/signal_store.hpp"
#include "test_support.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class RecordsStore : public BackendTest<B> {
 protected:
  std::int64_t add(const std::string& nis, std::vector<std::string> themes, bool own_only,
                   bool closed, const std::string& on = "2026-03-01") {
    Signal s;
    s.nis_code = nis;
    s.description = "Een situatie in " + nis;
    s.themes = std::move(themes);
    s.observed_on = on;
    s.own_municipality_only = own_only;
    if (closed) s.closed_at = 1000;
    return this->db().transact(
        [&](soci::session& sql) { return SignalStore::insert(sql, s, false, 100); });
  }
  std::vector<std::int64_t> ids(const SignalQuery& q, const SignalViewer& v) {
    std::vector<std::int64_t> out;
    this->db().run([&](soci::session& sql) {
      for (const auto& s : SignalStore::list(sql, q, v, 100)) out.push_back(s.id);
      EXPECT_EQ(SignalStore::count(sql, q, v), static_cast<std::int64_t>(out.size()));
    });
    return out;
  }
};
TYPED_TEST_SUITE(RecordsStore, Backends, BackendNames);

TYPED_TEST(RecordsStore, SignalListsFilterAndHideOtherMunicipalitiesOwnSignals) {
  const auto gent = this->add("44021", {"child_abuse"}, false, false, "2026-03-02");
  const auto gent_own = this->add("44021", {"partner_violence", "child_abuse"}, true, false);
  const auto aalst = this->add("41002", {"elder_abuse"}, false, false);
  const auto aalst_closed = this->add("41002", {"elder_abuse"}, false, true);
  const SignalViewer coordinator{true, {}};
  const SignalViewer aalst_spoc{false, {"41002"}};
  const SignalViewer gent_spoc{false, {"44021", "44088"}};
  using V = std::vector<std::int64_t>;
  // Newest observation first, then newest id.
  EXPECT_EQ(this->ids({{}, "", "open"}, coordinator), (V{gent, aalst, gent_own}));
  EXPECT_EQ(this->ids({{}, "", "open"}, aalst_spoc), (V{gent, aalst}));
  EXPECT_EQ(this->ids({{}, "", "open"}, gent_spoc), (V{gent, aalst, gent_own}));
  EXPECT_EQ(this->ids({{"44021"}, "", "open"}, aalst_spoc), V{gent});
  EXPECT_EQ(this->ids({{"44021"}, "child_abuse", "all"}, gent_spoc), (V{gent, gent_own}));
  EXPECT_EQ(this->ids({{"44021"}, "partner_violence", "open"}, coordinator), V{gent_own});
  EXPECT_EQ(this->ids({{"41002"}, "", "closed"}, aalst_spoc), V{aalst_closed});
  EXPECT_EQ(this->ids({{"41002", "44021"}, "elder_abuse", "all"}, gent_spoc),
            (V{aalst_closed, aalst}));
  EXPECT_EQ(this->ids({{"41"}, "", "all"}, coordinator), V{});  // no partial codes
  this->db().run([&](soci::session& sql) {
    EXPECT_FALSE(SignalStore::find(sql, gent_own, aalst_spoc));
    auto found = SignalStore::find(sql, gent_own, gent_spoc);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->themes, (std::vector<std::string>{"child_abuse", "partner_violence"}));
    EXPECT_TRUE(found->own_municipality_only);
  });
}

TYPED_TEST(RecordsStore, NeedListsFilterByScopeThemeAndStatus) {
  const auto s = this->add("44021", {"child_abuse"}, false, false);
  auto add_need = [&](std::optional<std::string> nis, std::vector<std::string> themes,
                      std::string status) {
    Need n;
    n.title = "Nood";
    n.nis_code = std::move(nis);
    n.themes = std::move(themes);
    n.status = std::move(status);
    n.signal_ids = {s};
    return this->db().transact(
        [&](soci::session& sql) { return NeedStore::insert(sql, n, false, 200); });
  };
  const auto supra = add_need(std::nullopt, {"elder_abuse"}, "in_progress");
  const auto gent = add_need("44021", {"child_abuse"}, "open");
  const auto done = add_need("44021", {"child_abuse"}, "addressed");
  const auto aalst = add_need("41002", {"partner_violence"}, "not_addressed");
  auto ids = [&](NeedQuery q) {
    std::vector<std::int64_t> out;
    this->db().run([&](soci::session& sql) {
      for (const auto& n : NeedStore::list(sql, q, 100)) out.push_back(n.id);
      EXPECT_EQ(NeedStore::count(sql, q), static_cast<std::int64_t>(out.size()));
    });
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids({"all", "", "", "outstanding"}), (V{gent, supra}));
  EXPECT_EQ(ids({"all", "", "", "all"}), (V{aalst, done, gent, supra}));
  EXPECT_EQ(ids({"supra", "", "", "all"}), V{supra});
  EXPECT_EQ(ids({"municipality", "44021", "", "all"}), (V{done, gent}));
  EXPECT_EQ(ids({"municipality", "44021", "child_abuse", "addressed"}), V{done});
  EXPECT_EQ(ids({"all", "", "partner_violence", "not_addressed"}), V{aalst});
  EXPECT_EQ(ids({"all", "", "elder_abuse", "open"}), V{});
  this->db().transact([&](soci::session& sql) {
    auto n = NeedStore::find(sql, gent);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->signal_ids, std::vector<std::int64_t>{s});
    EXPECT_EQ(n->nis_code, std::optional<std::string>("44021"));
    NeedStore::unlink(sql, gent, s);
    EXPECT_TRUE(NeedStore::find(sql, gent)->signal_ids.empty());
    EXPECT_FALSE(NeedStore::find(sql, supra)->nis_code);
    EXPECT_EQ(SignalStore::need_ids(sql, s), (std::vector<std::int64_t>{supra, done, aalst}));
    EXPECT_TRUE(NeedStore::answering_actions(sql, gent).empty());
    // An action answering the need (written here as the actions part would).
    long long action = 0;
    sql << "INSERT INTO actions (title, owner_kind, starts_on, status_id, created_at, updated_at) "
           "VALUES ('Vorming', 'partner', '2026-01-01', (SELECT MIN(id) FROM action_statuses), "
           "1, 1) RETURNING id",
        soci::into(action);
    const long long g = gent;
    sql << "INSERT INTO action_needs (action_id, need_id) VALUES (:a, :n)", soci::use(action),
        soci::use(g);
    auto answering = NeedStore::answering_actions(sql, gent);
    ASSERT_EQ(answering.size(), 1u);
    EXPECT_EQ(answering[0].first, action);
    EXPECT_EQ(answering[0].second, "Vorming");
  });
}

}  // namespace
}  // namespace schakel::signals
