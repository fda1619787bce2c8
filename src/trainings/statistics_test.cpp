// Evaluation statistics against values computed by hand and against published
// tables of Student's t.
#include "trainings/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace schakel::trainings {
namespace {

TEST(Statistics, StudentQuantileMatchesTables) {
  // Two-sided 95% critical values from any statistics table.
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.7062, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.3027, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.7764, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.2622, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 29), 2.0452, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 100), 1.9840, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 100000), 1.9600, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.95, 10), 1.8125, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.995, 5), 4.0321, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.025, 9), -2.2622, 5e-4);
  EXPECT_DOUBLE_EQ(student_t_quantile(0.5, 7), 0.0);
}

TEST(Statistics, StudentCdfIsSymmetricAndKnown) {
  EXPECT_NEAR(student_t_cdf(0, 3), 0.5, 1e-12);
  // df = 1 is the Cauchy distribution: P(T <= 1) = 1/2 + atan(1)/pi = 0.75.
  EXPECT_NEAR(student_t_cdf(1, 1), 0.75, 1e-10);
  EXPECT_NEAR(student_t_cdf(-1, 1), 0.25, 1e-10);
  // df = 2 has a closed form: P(T <= t) = 1/2 + t / (2 sqrt(2 + t^2)); t = 2 gives 0.908248.
  EXPECT_NEAR(student_t_cdf(2, 2), 0.5 + 2 / (2 * std::sqrt(6.0)), 1e-10);
  EXPECT_NEAR(incomplete_beta(0.5, 2, 2), 0.5, 1e-12);
  EXPECT_NEAR(incomplete_beta(0.3, 1, 1), 0.3, 1e-12);
}

TEST(Statistics, SummaryOfAFixedDataSet) {
  // Values 1, 2, 2, 3, 5 on the scale 1-5, by hand:
  //   n = 5, mean = 13 / 5 = 2.6
  //   squared deviations: 2.56 + 0.36 + 0.36 + 0.16 + 5.76 = 9.2
  //   variance = 9.2 / (5 - 1) = 2.3, sd = sqrt(2.3) = 1.516575
  //   counts per value 1..5: 1, 2, 1, 0, 1
  // The 0 and 6 are outside the scale and not counted.
  const Summary s = summarize({1, 2, 2, 3, 5, 0, 6}, 1, 5);
  EXPECT_EQ(s.n, 5);
  ASSERT_TRUE(s.mean && s.sd);
  EXPECT_NEAR(*s.mean, 2.6, 1e-12);
  EXPECT_NEAR(*s.sd, 1.516575, 1e-6);
  EXPECT_EQ(s.counts, (std::vector<int>{1, 2, 1, 0, 1}));
}

TEST(Statistics, SummaryStatesWhatIsUndefined) {
  const Summary none = summarize({}, 1, 5);
  EXPECT_EQ(none.n, 0);
  EXPECT_FALSE(none.mean);
  EXPECT_FALSE(none.sd);
  EXPECT_EQ(none.counts, (std::vector<int>{0, 0, 0, 0, 0}));
  const Summary one = summarize({4}, 1, 5);
  ASSERT_TRUE(one.mean);
  EXPECT_DOUBLE_EQ(*one.mean, 4.0);
  EXPECT_FALSE(one.sd) << "no spread from one answer";
}

TEST(Statistics, PairedChangeOfAFixedDataSet) {
  // Pairs (before, after): (3,5) (4,6) (5,5) (2,6) (6,8). By hand:
  //   mean before = 20 / 5 = 4, mean after = 30 / 5 = 6
  //   differences 2, 2, 0, 4, 2: mean = 10 / 5 = 2
  //   squared deviations 0 + 0 + 4 + 4 + 0 = 8, variance = 8 / 4 = 2, sd = sqrt(2) = 1.414214
  //   standard error = sqrt(2) / sqrt(5) = sqrt(0.4) = 0.632456
  //   t(0.975, 4) = 2.776445 (table), half width = 2.776445 * 0.632456 = 1.755978
  //   95% interval = 2 ± 1.755978 = [0.244022, 3.755978]
  const PairedChange c = paired_change({{3, 5}, {4, 6}, {5, 5}, {2, 6}, {6, 8}});
  EXPECT_EQ(c.pairs, 5);
  ASSERT_TRUE(c.mean_before && c.mean_after && c.mean_difference && c.sd_difference);
  EXPECT_NEAR(*c.mean_before, 4.0, 1e-12);
  EXPECT_NEAR(*c.mean_after, 6.0, 1e-12);
  EXPECT_NEAR(*c.mean_difference, 2.0, 1e-12);
  EXPECT_NEAR(*c.sd_difference, 1.414214, 1e-6);
  ASSERT_TRUE(c.ci_low && c.ci_high);
  EXPECT_NEAR(*c.ci_low, 0.244022, 1e-5);
  EXPECT_NEAR(*c.ci_high, 3.755978, 1e-5);
}

TEST(Statistics, PairedChangeWithFewerThanTwoPairsHasNoInterval) {
  const PairedChange none = paired_change({});
  EXPECT_EQ(none.pairs, 0);
  EXPECT_FALSE(none.mean_difference);
  EXPECT_FALSE(none.ci_low);
  const PairedChange one = paired_change({{4, 7}});
  EXPECT_EQ(one.pairs, 1);
  ASSERT_TRUE(one.mean_difference);
  EXPECT_DOUBLE_EQ(*one.mean_difference, 3.0);
  EXPECT_FALSE(one.sd_difference);
  EXPECT_FALSE(one.ci_low);
  EXPECT_FALSE(one.ci_high);
}

TEST(Statistics, IdenticalDifferencesGiveAZeroWidthInterval) {
  const PairedChange c = paired_change({{2, 5}, {4, 7}, {6, 9}});
  ASSERT_TRUE(c.ci_low && c.ci_high);
  EXPECT_NEAR(*c.ci_low, 3.0, 1e-12);
  EXPECT_NEAR(*c.ci_high, 3.0, 1e-12);
}

TEST(Statistics, DecimalsInDutch) {
  EXPECT_EQ(format_decimal(2.6), "2,60");
  EXPECT_EQ(format_decimal(-0.001, 2), "0,00");
  EXPECT_EQ(format_decimal(-1.25, 1), "-1,2");
  EXPECT_EQ(format_optional(std::nullopt), "–");
  EXPECT_EQ(format_optional(3.14159, 1), "3,1");
}

}  // namespace
}  // namespace schakel::trainings
