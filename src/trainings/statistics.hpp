#pragma once
// Descriptive statistics of evaluation answers and the paired change in
// confidence (after − before) with a 95% confidence interval from Student's t.
// Pure functions, no I/O. Undefined figures are nullopt, never a made-up number.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace schakel::trainings {

// Answers on a scale min..max (1-5 or 1-10).
struct Summary {
  int n = 0;
  std::optional<double> mean;  // nullopt when n == 0
  std::optional<double> sd;    // sample standard deviation (n−1); nullopt when n < 2
  std::vector<int> counts;     // counts[i] = answers with value min + i
};
// Requires: min <= max. Values outside min..max are ignored (not counted in n).
Summary summarize(const std::vector<int>& values, int min, int max);

// The change of paired measurements: one (before, after) per participant.
struct PairedChange {
  int pairs = 0;
  std::optional<double> mean_before;      // nullopt when pairs == 0
  std::optional<double> mean_after;       // nullopt when pairs == 0
  std::optional<double> mean_difference;  // mean of (after − before); nullopt when pairs == 0
  std::optional<double> sd_difference;    // nullopt when pairs < 2
  // 95% interval of the mean difference: mean ± t(0.975, pairs−1) · sd / √pairs.
  // nullopt when pairs < 2 (no spread to estimate from).
  std::optional<double> ci_low;
  std::optional<double> ci_high;
};
PairedChange paired_change(const std::vector<std::pair<double, double>>& pairs);

// The regularised incomplete beta function I_x(a, b). Requires: a, b > 0, 0 <= x <= 1.
double incomplete_beta(double x, double a, double b);
// P(T <= t) for Student's t with `df` degrees of freedom. Requires: df >= 1.
double student_t_cdf(double t, int df);
// The p-quantile of Student's t with `df` degrees of freedom, found by bisection
// on student_t_cdf (accurate to about 1e-10). Requires: 0 < p < 1, df >= 1.
double student_t_quantile(double p, int df);

// A number for people: Dutch decimal comma, `decimals` places ("3,5", "-0,25").
std::string format_decimal(double value, int decimals = 2);
// The number, or `missing` when there is none.
std::string format_optional(const std::optional<double>& value, int decimals = 2,
                            const std::string& missing = "–");

// Fewer pairs than this give no interval on a page or in an export: with 2 to 4
// pairs the interval is so wide (t is 12.7 for 2 pairs) that it reads as a finding.
constexpr int min_pairs_for_interval = 5;
// The 95% interval for people: "0,41 tot 1,59", "te weinig paren" below
// min_pairs_for_interval, "–" when there is none.
std::string format_interval(const PairedChange& change);
// The interval bound to export, nullopt below min_pairs_for_interval.
std::optional<double> reported_bound(const PairedChange& change,
                                     const std::optional<double>& bound);

}  // namespace schakel::trainings
