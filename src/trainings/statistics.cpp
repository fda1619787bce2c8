#include "trainings/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace schakel::trainings {

Summary summarize(const std::vector<int>& values, int min, int max) {
  Summary s;
  s.counts.assign(static_cast<std::size_t>(max - min + 1), 0);
  double sum = 0;
  for (int v : values) {
    if (v < min || v > max) continue;
    ++s.counts[static_cast<std::size_t>(v - min)];
    ++s.n;
    sum += v;
  }
  if (s.n == 0) return s;
  const double mean = sum / s.n;
  s.mean = mean;
  if (s.n < 2) return s;
  double squares = 0;
  for (int v : values)
    if (v >= min && v <= max) squares += (v - mean) * (v - mean);
  s.sd = std::sqrt(squares / (s.n - 1));
  return s;
}

PairedChange paired_change(const std::vector<std::pair<double, double>>& pairs) {
  PairedChange c;
  c.pairs = static_cast<int>(pairs.size());
  if (pairs.empty()) return c;
  double before = 0, after = 0, diff = 0;
  for (const auto& [b, a] : pairs) {
    before += b;
    after += a;
    diff += a - b;
  }
  const double n = c.pairs;
  c.mean_before = before / n;
  c.mean_after = after / n;
  c.mean_difference = diff / n;
  if (c.pairs < 2) return c;
  double squares = 0;
  for (const auto& [b, a] : pairs) {
    const double d = (a - b) - *c.mean_difference;
    squares += d * d;
  }
  c.sd_difference = std::sqrt(squares / (n - 1));
  const double half = student_t_quantile(0.975, c.pairs - 1) * *c.sd_difference / std::sqrt(n);
  c.ci_low = *c.mean_difference - half;
  c.ci_high = *c.mean_difference + half;
  return c;
}

namespace {

// The continued fraction of the incomplete beta function (modified Lentz).
double beta_fraction(double x, double a, double b) {
  constexpr double tiny = 1e-300;
  constexpr double eps = 1e-15;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < eps) break;
  }
  return h;
}

}  // namespace

double incomplete_beta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  // The fraction converges fast for x < (a+1)/(a+b+2); use the symmetry beyond.
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
  return 1 - front * beta_fraction(1 - x, b, a) / b;
}

double student_t_cdf(double t, int df) {
  if (df < 1) throw std::invalid_argument("student_t_cdf: df < 1");
  const double v = df;
  const double tail = 0.5 * incomplete_beta(v / (v + t * t), v / 2, 0.5);  // P(T > |t|)
  return t >= 0 ? 1 - tail : tail;
}

double student_t_quantile(double p, int df) {
  if (!(p > 0 && p < 1) || df < 1) throw std::invalid_argument("student_t_quantile: bad input");
  if (p == 0.5) return 0;
  if (p < 0.5) return -student_t_quantile(1 - p, df);
  // The quantile is positive; widen the bracket until it holds it (t(0.9999999, 1) ≈ 3e6).
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < p && hi < 1e12) {
    lo = hi;
    hi *= 2;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-12 * std::max(1.0, hi); ++i) {
    const double mid = (lo + hi) / 2;
    if (student_t_cdf(mid, df) < p)
      lo = mid;
    else
      hi = mid;
  }
  return (lo + hi) / 2;
}

std::string format_decimal(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.rfind("-", 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

std::string format_optional(const std::optional<double>& value, int decimals,
                            const std::string& missing) {
  return value ? format_decimal(*value, decimals) : missing;
}

std::string format_interval(const PairedChange& change) {
  if (change.pairs > 0 && change.pairs < min_pairs_for_interval) return "te weinig paren";
  if (!change.ci_low || !change.ci_high) return "–";
  return format_decimal(*change.ci_low) + " tot " + format_decimal(*change.ci_high);
}

std::optional<double> reported_bound(const PairedChange& change,
                                     const std::optional<double>& bound) {
  if (change.pairs < min_pairs_for_interval) return std::nullopt;
  return bound;
}

}  // namespace schakel::trainings
