#include "signals/progress.hpp"

#include <gtest/gtest.h>

namespace schakel::signals {
namespace {

Action action(std::int64_t id, std::int64_t status, std::optional<int> own = std::nullopt,
              std::optional<std::int64_t> parent = std::nullopt) {
  Action a;
  a.id = id;
  a.status_id = status;
  a.progress = own;
  a.parent_id = parent;
  a.starts_on = "2026-01-01";
  return a;
}

const std::vector<ActionStatus> kStatuses = {
    {1, "Gepland", 0, 1}, {2, "Loopt", 50, 2}, {3, "Afgerond", 100, 3}};

TEST(CountedProgress, OwnProgressBeatsPartsAndStatus) {
  const auto p = counted_progress({action(1, 2, 30), action(2, 3, std::nullopt, 1)}, kStatuses);
  EXPECT_EQ(p.at(1), 30);
  EXPECT_EQ(p.at(2), 100);
}

TEST(CountedProgress, ParentWithoutOwnProgressIsTheRoundedMeanOfItsParts) {
  // Parts of 1: action 2 (own 25), action 3 (status Loopt: 50) and action 4,
  // which counts 35 through its own part 5. (25 + 50 + 35) / 3 = 36.67 -> 37.
  const auto p = counted_progress({action(1, 1), action(2, 1, 25, 1), action(3, 2, {}, 1),
                                   action(4, 3, {}, 1), action(5, 1, 35, 4)},
                                  kStatuses);
  EXPECT_EQ(p.at(4), 35);
  EXPECT_EQ(p.at(1), 37);
}

TEST(CountedProgress, HalvesRoundUp) {
  // (25 + 50) / 2 = 37.5 -> 38.
  const auto p =
      counted_progress({action(1, 1), action(2, 1, 25, 1), action(3, 2, {}, 1)}, kStatuses);
  EXPECT_EQ(p.at(1), 38);
}

TEST(CountedProgress, UnknownStatusCountsZeroAndACycleDoesNotLoop) {
  const auto p =
      counted_progress({action(1, 99), action(2, 2, {}, 3), action(3, 2, {}, 2)}, kStatuses);
  EXPECT_EQ(p.at(1), 0);
  EXPECT_EQ(p.size(), 3u);
}

TEST(Standing, FollowsDatesAndProgress) {
  Action a = action(1, 1);
  a.starts_on = "2026-03-01";
  a.ends_on = "2026-06-30";
  EXPECT_EQ(standing(a, 10, "2026-02-28"), Standing::planned);
  EXPECT_EQ(standing(a, 10, "2026-03-01"), Standing::running);
  EXPECT_EQ(standing(a, 10, "2026-06-30"), Standing::running);
  EXPECT_EQ(standing(a, 10, "2026-07-01"), Standing::overdue);
  EXPECT_EQ(standing(a, 100, "2026-07-01"), Standing::done);
  a.ends_on.reset();
  EXPECT_EQ(standing(a, 99, "2030-01-01"), Standing::running);
  EXPECT_EQ(standing_label(Standing::overdue), "Over de einddatum");
}

TEST(ActionPlaces, MunicipalitiesAndThemesComeFromOwnerAndNeeds) {
  Need local;
  local.id = 7;
  local.nis_code = "44021";
  local.themes = {"partner_violence", "child_abuse"};
  Need supra;
  supra.id = 8;
  supra.themes = {"elder_abuse", "child_abuse"};
  Need other;
  other.id = 9;
  other.nis_code = "11002";
  other.themes = {"sibling_violence"};
  Action a = action(1, 1);
  a.owner_nis_code = "44083";
  a.need_ids = {7, 8};
  EXPECT_EQ(action_municipalities(a, {local, supra, other}),
            (std::vector<std::string>{"44021", "44083"}));
  EXPECT_EQ(action_themes(a, {local, supra, other}),
            (std::vector<std::string>{"child_abuse", "elder_abuse", "partner_violence"}));
}

TEST(RollUp, MeanOfTopLevelActionsPerKeyByHand) {
  // Action 2 is the parent of 3 but has its own progress, 90, which counts.
  // Goal 1: actions 1 (40) and 2 (90) -> (40 + 90) / 2 = 65; action 3 is a part
  // and so not counted again. Goal 2: actions 2 (90) and 4 (status 0) -> 45.
  std::vector<Action> actions = {action(1, 1, 40), action(2, 1), action(3, 3, 80, 2), action(4, 1)};
  actions[1].goal_numbers = {1, 2};
  actions[0].goal_numbers = {1};
  actions[2].goal_numbers = {1};
  actions[3].goal_numbers = {2};
  actions[1].progress = 90;
  const auto progress = counted_progress(actions, kStatuses);
  const auto by_goal = roll_up(actions, progress, [](const Action& a) {
    std::vector<std::string> keys;
    for (int g : a.goal_numbers) keys.push_back(std::to_string(g));
    return keys;
  });
  ASSERT_EQ(by_goal.size(), 2u);
  EXPECT_EQ(by_goal.at("1").actions, 2);
  EXPECT_EQ(by_goal.at("1").progress, 65);
  EXPECT_EQ(by_goal.at("2").actions, 2);
  EXPECT_EQ(by_goal.at("2").progress, 45);
}

}  // namespace
}  // namespace schakel::signals
