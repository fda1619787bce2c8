// The overview's figures on FIXED data, checked against values computed by hand
// (the arithmetic is in the comments), on SQLite and PostgreSQL: the coverage
// matrix, the roll-ups, the lists of problems and the goals' actions; and the
// rules of editing a goal.
#include <gtest/gtest.h>

#include "signals/goal_service.hpp"
#include "signals/overview.hpp"
#include "signals/overview_store.hpp"
#include "signals/overview_test_data.hpp"
#include "signals/public_model.hpp"
#include "test_support.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;
namespace td = testdata;

constexpr const char* gent = "44021";
constexpr const char* aalst = "41002";
constexpr const char* today = "2026-06-15";

// The fixed data set (themes CA child_abuse, PV partner_violence, EA elder_abuse):
//   signals  S1 Gent [CA] open; S2 Gent [CA, PV] open, own municipality only;
//            S3 Gent [CA] closed; S4 Aalst [EA] open; S5 Aalst [PV] open.
//   needs    N1 supra-local [EA] in_progress; N2 Gent [CA] open; N3 Gent [PV] addressed;
//            N4 Aalst [PV] open; N5 Aalst [EA] not_addressed.
//   actions  A1 owner Gent, answers N1, goal 2, status Loopt (50), running, public;
//            A2 owner a partner, answers N2, goals 1 and 3, no own progress, public,
//               with parts A2a (status Bijna klaar, 80, public) and A2b (own progress
//               30, not public), both running and answering no need;
//            A3 owner Aalst, answers N3, goal 1, own progress 60, ended 2001-01-01;
//            A4 owner Aalst, answers nothing, goal 1, Gepland (0), starts 2999-01-01;
//            A5 owner Gent, answers N2, no goal, own progress 100.
// Counted progress: A1 50 (status), A2a 80 (status), A2b 30 (own),
// A2 round((80 + 30) / 2) = 55 (mean of its parts), A3 60, A4 0, A5 100.
// Standing on 2026-06-15: A1, A2, A2a, A2b running; A3 overdue; A4 planned; A5 done.
struct Ids {
  std::int64_t n1, n2, n3, n4, n5, a1, a2, a2a, a2b, a3, a4, a5;
};

template <class B>
class OverviewFigures : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      for (int g = 1; g <= 4; ++g)
        GoalStore::insert(sql, Goal{g, "Doel " + std::to_string(g), "Uitleg"}, 1);
      td::signal(sql, gent, {"child_abuse"});
      td::signal(sql, gent, {"child_abuse", "partner_violence"}, false, true);
      td::signal(sql, gent, {"child_abuse"}, true);
      td::signal(sql, aalst, {"elder_abuse"});
      td::signal(sql, aalst, {"partner_violence"});
      ids_.n1 = td::need(sql, "N1", std::nullopt, {"elder_abuse"}, "in_progress");
      ids_.n2 = td::need(sql, "N2", std::string(gent), {"child_abuse"}, "open");
      ids_.n3 = td::need(sql, "N3", std::string(gent), {"partner_violence"}, "addressed");
      ids_.n4 = td::need(sql, "N4", std::string(aalst), {"partner_violence"}, "open");
      ids_.n5 = td::need(sql, "N5", std::string(aalst), {"elder_abuse"}, "not_addressed");
      ids_.a1 = td::action(sql, {.title = "A1",
                                 .owner_nis = gent,
                                 .status = "Loopt",
                                 .is_public = true,
                                 .needs = {ids_.n1},
                                 .goals = {2}});
      ids_.a2 = td::action(sql, {.title = "A2",
                                 .status = "Gepland",
                                 .is_public = true,
                                 .needs = {ids_.n2},
                                 .goals = {1, 3}});
      ids_.a2a = td::action(
          sql, {.title = "A2a", .parent = ids_.a2, .status = "Bijna klaar", .is_public = true});
      ids_.a2b =
          td::action(sql, {.title = "A2b", .parent = ids_.a2, .status = "Gepland", .progress = 30});
      ids_.a3 = td::action(sql, {.title = "A3",
                                 .owner_nis = aalst,
                                 .ends_on = "2001-01-01",
                                 .progress = 60,
                                 .needs = {ids_.n3},
                                 .goals = {1}});
      ids_.a4 = td::action(sql, {.title = "A4",
                                 .owner_nis = aalst,
                                 .starts_on = "2999-01-01",
                                 .status = "Gepland",
                                 .goals = {1}});
      ids_.a5 = td::action(sql, {.title = "A5",
                                 .owner_nis = gent,
                                 .status = "Afgerond",
                                 .progress = 100,
                                 .needs = {ids_.n2}});
      td::milestone(sql, ids_.a1, "Eerste sessie", "2026-03-01");
      td::output(sql, ids_.a1, "link", "https://voorbeeld.be/reeks", "De reeks");
      td::indicator(sql, ids_.a1, "bereikte deelnemers", 84, 120, "deelnemers");
    });
    data_ = OverviewStore(this->db()).load();
    progress_ = counted_progress(data_.actions, data_.statuses);
  }
  Ids ids_{};
  OverviewData data_;
  std::map<std::int64_t, int> progress_;
};
TYPED_TEST_SUITE(OverviewFigures, Backends, BackendNames);

// The cell of `m` for row `row` and theme `theme`.
MatrixCell cell(const CoverageMatrix& m, const std::string& row, const std::string& theme) {
  const auto col = std::find(m.themes.begin(), m.themes.end(), theme) - m.themes.begin();
  for (const auto& r : m.rows)
    if (r.key == row) return r.cells.at(static_cast<std::size_t>(col));
  ADD_FAILURE() << "no row " << row;
  return {};
}

TYPED_TEST(OverviewFigures, TheStoreReadsEveryPartOfAnAction) {
  ASSERT_EQ(this->data_.actions.size(), 7u);
  const Action& a1 = this->data_.actions.front();
  EXPECT_EQ(a1.title, "A1");
  EXPECT_EQ(a1.owner_nis_code, std::optional<std::string>(gent));
  EXPECT_EQ(a1.need_ids, std::vector<std::int64_t>{this->ids_.n1});
  EXPECT_EQ(a1.goal_numbers, std::vector<int>{2});
  ASSERT_EQ(a1.milestones.size(), 1u);
  EXPECT_EQ(a1.milestones[0].due_on, "2026-03-01");
  ASSERT_EQ(a1.outputs.size(), 1u);
  EXPECT_EQ(a1.outputs[0].target, "https://voorbeeld.be/reeks");
  ASSERT_EQ(a1.indicators.size(), 1u);
  EXPECT_DOUBLE_EQ(a1.indicators[0].value, 84);
  EXPECT_EQ(a1.indicators[0].target, std::optional<double>(120));
  EXPECT_FALSE(a1.progress.has_value());
  EXPECT_EQ(this->data_.needs.size(), 5u);
  EXPECT_FALSE(this->data_.needs[0].nis_code.has_value());  // N1 is supra-local
  // Open signals per (municipality, theme): S3 is closed, S2 counts under both themes.
  EXPECT_EQ(this->data_.open_signals.at({gent, "child_abuse"}), 2);       // S1, S2
  EXPECT_EQ(this->data_.open_signals.at({gent, "partner_violence"}), 1);  // S2
  EXPECT_EQ(this->data_.open_signals.size(), 4u);  // + Aalst EA (S4), Aalst PV (S5)
}

TYPED_TEST(OverviewFigures, CountedProgressFollowsTheRules) {
  const auto& p = this->progress_;
  EXPECT_EQ(p.at(this->ids_.a1), 50);   // status Loopt
  EXPECT_EQ(p.at(this->ids_.a2a), 80);  // status Bijna klaar
  EXPECT_EQ(p.at(this->ids_.a2b), 30);  // own
  EXPECT_EQ(p.at(this->ids_.a2), 55);   // (80 + 30) / 2
  EXPECT_EQ(p.at(this->ids_.a3), 60);
  EXPECT_EQ(p.at(this->ids_.a4), 0);
  EXPECT_EQ(p.at(this->ids_.a5), 100);
}

TYPED_TEST(OverviewFigures, TheMatrixCountsWhatItsLinksFilter) {
  const std::vector<std::string> catalog = {
      "child_abuse", "partner_violence", "frames_of_reference", "elder_abuse", "sibling_violence"};
  const auto themes = themes_in_use(this->data_, catalog);
  // Only themes with a signal, need or action, in catalog order.
  EXPECT_EQ(themes, (std::vector<std::string>{"child_abuse", "partner_violence", "elder_abuse"}));
  const auto m = coverage_matrix(this->data_, this->progress_, {gent, aalst}, themes, today);
  ASSERT_EQ(m.rows.size(), 3u);
  EXPECT_EQ(m.rows[0].key, gent);
  EXPECT_EQ(m.rows[2].key, supra_local_key);
  // Gent x CA: signals S1 + S2 = 2 (S3 closed); needs N2 (open) = 1;
  // running actions: A2 (municipality Gent via N2, theme CA via N2) = 1; A5 is done.
  EXPECT_EQ(cell(m, gent, "child_abuse").signals, 2);
  EXPECT_EQ(cell(m, gent, "child_abuse").needs, 1);
  EXPECT_EQ(cell(m, gent, "child_abuse").actions, 1);
  // Gent x PV: signals S2 = 1; N3 is addressed = 0; A3 (Gent via N3, PV) is overdue = 0.
  EXPECT_EQ(cell(m, gent, "partner_violence").signals, 1);
  EXPECT_EQ(cell(m, gent, "partner_violence").needs, 0);
  EXPECT_EQ(cell(m, gent, "partner_violence").actions, 0);
  // Gent x EA: no signal, N1 is supra-local = 0; A1 (owner Gent, EA via N1) running = 1.
  EXPECT_EQ(cell(m, gent, "elder_abuse").signals, 0);
  EXPECT_EQ(cell(m, gent, "elder_abuse").needs, 0);
  EXPECT_EQ(cell(m, gent, "elder_abuse").actions, 1);
  // Aalst x PV: S5 = 1; N4 open = 1; A3 overdue = 0. Aalst x EA: S4 = 1; N5 not
  // addressed = 0; A4 (Aalst, no theme) = 0. Aalst x CA: nothing.
  EXPECT_EQ(cell(m, aalst, "partner_violence").signals, 1);
  EXPECT_EQ(cell(m, aalst, "partner_violence").needs, 1);
  EXPECT_EQ(cell(m, aalst, "partner_violence").actions, 0);
  EXPECT_EQ(cell(m, aalst, "elder_abuse").signals, 1);
  EXPECT_EQ(cell(m, aalst, "elder_abuse").needs, 0);
  EXPECT_EQ(cell(m, aalst, "child_abuse").signals + cell(m, aalst, "child_abuse").needs +
                cell(m, aalst, "child_abuse").actions,
            0);
  // Supra-local: N1 (EA, in progress) = 1; never signals or actions.
  EXPECT_EQ(cell(m, supra_local_key, "elder_abuse").needs, 1);
  EXPECT_EQ(cell(m, supra_local_key, "child_abuse").needs, 0);
  for (const auto& c : m.rows[2].cells) EXPECT_EQ(c.signals + c.actions, 0);
}

TYPED_TEST(OverviewFigures, RollUpsAreMeansOverTopLevelActions) {
  const RollUps r = roll_ups(this->data_, this->progress_);
  // Goal 1: A2 55, A3 60, A4 0 -> 115 / 3 = 38.33 -> 38 (parts A2a, A2b are in A2).
  EXPECT_EQ(r.by_goal.at("1").actions, 3);
  EXPECT_EQ(r.by_goal.at("1").progress, 38);
  // Goal 2: A1 50. Goal 3: A2 55. Goal 4: no action, no group.
  EXPECT_EQ(r.by_goal.at("2").progress, 50);
  EXPECT_EQ(r.by_goal.at("3").progress, 55);
  EXPECT_EQ(r.by_goal.count("4"), 0u);
  // Themes (of the actions' needs): CA A2 55 + A5 100 -> 155 / 2 = 77.5 -> 78;
  // PV A3 60; EA A1 50.
  EXPECT_EQ(r.by_theme.at("child_abuse").actions, 2);
  EXPECT_EQ(r.by_theme.at("child_abuse").progress, 78);
  EXPECT_EQ(r.by_theme.at("partner_violence").progress, 60);
  EXPECT_EQ(r.by_theme.at("elder_abuse").progress, 50);
  // Municipalities: Gent A1 50 (owner), A2 55 (N2), A3 60 (N3), A5 100 (owner)
  // -> 265 / 4 = 66.25 -> 66; Aalst A3 60 (owner) + A4 0 (owner) -> 30.
  EXPECT_EQ(r.by_municipality.at(gent).actions, 4);
  EXPECT_EQ(r.by_municipality.at(gent).progress, 66);
  EXPECT_EQ(r.by_municipality.at(aalst).actions, 2);
  EXPECT_EQ(r.by_municipality.at(aalst).progress, 30);
}

TYPED_TEST(OverviewFigures, TheListsNameTheProblems) {
  // N4 is open and no action answers it; N5 has no action but is closed as not addressed.
  const auto needs = needs_without_action(this->data_);
  ASSERT_EQ(needs.size(), 1u);
  EXPECT_EQ(needs[0].id, this->ids_.n4);
  // A4 answers no need; A2a and A2b neither, but they are parts of A2.
  const auto lonely = actions_without_need(this->data_);
  ASSERT_EQ(lonely.size(), 1u);
  EXPECT_EQ(lonely[0].id, this->ids_.a4);
  const auto late = overdue_actions(this->data_, this->progress_, today);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].id, this->ids_.a3);
}

TYPED_TEST(OverviewFigures, AGoalShowsItsActionsAndOnlyPublicOnesInPublic) {
  // Goal 1, everything: A2 (with parts A2a, A2b), A3, A4; roll-up 38 over 3 as above.
  const GoalActions all = goal_actions(this->data_, this->progress_, 1, false);
  ASSERT_EQ(all.top.size(), 3u);
  EXPECT_EQ(all.top[0].id, this->ids_.a2);
  EXPECT_EQ(all.parts.at(this->ids_.a2).size(), 2u);
  EXPECT_EQ(all.roll_up.actions, 3);
  EXPECT_EQ(all.roll_up.progress, 38);
  // In public: A2 only, with its public part A2a; A2 still counts 55 (its parts' mean).
  const GoalActions open = goal_actions(this->data_, this->progress_, 1, true);
  ASSERT_EQ(open.top.size(), 1u);
  EXPECT_EQ(open.top[0].id, this->ids_.a2);
  ASSERT_EQ(open.parts.at(this->ids_.a2).size(), 1u);
  EXPECT_EQ(open.parts.at(this->ids_.a2)[0].id, this->ids_.a2a);
  EXPECT_EQ(open.roll_up.actions, 1);
  EXPECT_EQ(open.roll_up.progress, 55);
  // Goal 4 has no action.
  const GoalActions none = goal_actions(this->data_, this->progress_, 4, false);
  EXPECT_TRUE(none.top.empty());
  EXPECT_EQ(none.roll_up.actions, 0);
  // The service's summaries for the home page: public roll-ups per goal.
  ManualClock clock(1781517600);  // 2026-06-15 12:00 Brussels
  const auto summaries = GoalService(this->db(), clock).public_summaries();
  ASSERT_EQ(summaries.size(), 4u);
  EXPECT_EQ(summaries[0].roll_up.progress, 55);  // goal 1: A2
  EXPECT_EQ(summaries[1].roll_up.progress, 50);  // goal 2: A1
  EXPECT_EQ(summaries[3].roll_up.actions, 0);
}

TYPED_TEST(OverviewFigures, TheActionModelWritesFiguresInDutch) {
  const auto m = action_model(this->data_.actions.front(), this->progress_, this->data_, today);
  EXPECT_EQ(m["progress"], 50);
  EXPECT_EQ(m["standing_label"], "Loopt");
  EXPECT_EQ(m["status_label"], "Loopt");
  EXPECT_EQ(m["indicators"][0]["value"], "84 van 120 deelnemers");
  EXPECT_EQ(m["outputs"][0]["href"], "https://voorbeeld.be/reeks");
  EXPECT_EQ(m["milestones"][0]["due_on"], "1 maart 2026");
  EXPECT_EQ(number_nl(1250), "1.250");
  EXPECT_EQ(number_nl(2.5), "2,5");
}

TYPED_TEST(OverviewFigures, EditingAGoalChecksItsTextsAndChangesNothingOnFailure) {
  ManualClock clock(1781517600);
  GoalService service(this->db(), clock);
  web::Principal coordinator;
  coordinator.role = Role::coordinator;
  web::Principal spoc;
  spoc.role = Role::spoc;
  auto goal_1 = [&] { return GoalStore(this->db()).find(1).value(); };
  auto empty = service.update(coordinator, 1, "   ", "Uitleg");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().failure, Failure::invalid);
  EXPECT_EQ(empty.error().fields[0].field, "title");
  EXPECT_EQ(empty.error().fields[0].message, "Geef de doelstelling een titel.");
  auto huge = service.update(coordinator, 1, "Titel", std::string(2001, 'x'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().fields[0].field, "description");
  EXPECT_FALSE(service.update(coordinator, 1, std::string(201, 'x'), ""));
  EXPECT_EQ(service.update(spoc, 1, "Titel", "").error().failure, Failure::forbidden);
  EXPECT_EQ(service.update(std::nullopt, 1, "Titel", "").error().failure, Failure::forbidden);
  EXPECT_EQ(service.update(coordinator, 9, "Titel", "").error().failure, Failure::not_found);
  EXPECT_EQ(goal_1().title, "Doel 1");
  // 200 characters of two bytes each are 200 characters, not 400.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  EXPECT_TRUE(service.update(coordinator, 1, accents, ""));
  ASSERT_TRUE(service.update(coordinator, 1, "  Kennis delen  ", "Wat werkt, delen we."));
  EXPECT_EQ(goal_1().title, "Kennis delen");
  EXPECT_EQ(goal_1().description, "Wat werkt, delen we.");
  long long changes = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM changes WHERE entity = 'goal' AND entity_id = '1' AND "
           "action = 'updated'",
        soci::into(changes);
  });
  EXPECT_EQ(changes, 2);
}

}  // namespace
}  // namespace schakel::signals
