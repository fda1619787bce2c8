#include "web/metrics.hpp"

#include <cmath>
#include <cstdio>

#include "core/random.hpp"

namespace schakel::web {

namespace {

// Escapes backslash and newline, and with `quote` also the double quote (label
// values escape all three, HELP texts the first two).
void append_escaped(std::string& out, std::string_view value, bool quote) {
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (quote && c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
}

void append_value(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else if (value == std::floor(value) && std::fabs(value) < 9.0e15) {
    out += std::to_string(static_cast<long long>(value));
  } else {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    out += buffer;
  }
}

std::string bound_label(double bound) {
  std::string out;
  append_value(out, bound);
  return out;
}

}  // namespace

void Exposition::family(std::string_view name, std::string_view type, std::string_view help) {
  text_ += "# HELP ";
  text_ += name;
  text_ += ' ';
  append_escaped(text_, help, false);
  text_ += "\n# TYPE ";
  text_ += name;
  text_ += ' ';
  text_ += type;
  text_ += '\n';
}

void Exposition::sample(std::string_view name, const MetricLabels& labels, double value) {
  text_ += name;
  if (!labels.empty()) {
    text_ += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) text_ += ',';
      text_ += labels[i].first;
      text_ += "=\"";
      append_escaped(text_, labels[i].second, true);
      text_ += '"';
    }
    text_ += '}';
  }
  text_ += ' ';
  append_value(text_, value);
  text_ += '\n';
}

void RequestMetrics::bind(const std::vector<Route>& routes) {
  if (bound_.load()) return;
  first_ = routes.empty() ? nullptr : routes.data();
  routes_ = routes.size();
  for (const auto& r : routes) labels_.emplace_back(r.method, r.pattern);
  labels_.emplace_back("GET", "/static/{asset}");
  labels_.emplace_back("any", "unmatched");
  counts_ = std::make_unique<std::atomic<std::uint64_t>[]>(labels_.size() * classes);
  for (std::size_t i = 0; i < labels_.size() * classes; ++i) counts_[i].store(0);
  bound_.store(true);
}

std::size_t RequestMetrics::slot_of(const Route* route) const noexcept {
  if (!first_ || route < first_ || route >= first_ + routes_) return unmatched();
  return static_cast<std::size_t>(route - first_);
}

void RequestMetrics::record(std::size_t slot, int status, double seconds) noexcept {
  if (bound_.load(std::memory_order_acquire)) {
    if (slot >= labels_.size()) slot = unmatched();
    const int cls = status / 100;
    if (cls >= 1 && cls <= 5)
      counts_[slot * classes + static_cast<std::size_t>(cls - 1)].fetch_add(
          1, std::memory_order_relaxed);
  }
  std::size_t bucket = 0;
  while (bucket < latency_buckets.size() && seconds > latency_buckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  const double micros = seconds > 0 ? seconds * 1e6 : 0;
  sum_microseconds_.fetch_add(static_cast<std::uint64_t>(micros), std::memory_order_relaxed);
}

void RequestMetrics::write(Exposition& out) const {
  out.family("schakel_http_requests_total", "counter",
             "Requests answered by the application, by method, route pattern and status class.");
  if (bound_.load(std::memory_order_acquire)) {
    for (std::size_t slot = 0; slot < labels_.size(); ++slot) {
      for (std::size_t cls = 0; cls < classes; ++cls) {
        const auto n = counts_[slot * classes + cls].load(std::memory_order_relaxed);
        if (n == 0) continue;
        MetricLabels labels = {{"method", labels_[slot].first},
                               {"route", labels_[slot].second},
                               {"status", std::to_string(cls + 1) + "xx"}};
        out.sample("schakel_http_requests_total", labels, static_cast<double>(n));
      }
    }
  }
  out.family("schakel_http_request_duration_seconds", "histogram",
             "Time from a complete request to its answer in the application.");
  // _count is the +Inf bucket as read here, so that one scrape is consistent in
  // itself even while requests are counted meanwhile.
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out.sample("schakel_http_request_duration_seconds_bucket",
               {{"le", bound_label(latency_buckets[i])}}, static_cast<double>(cumulative));
  }
  cumulative += buckets_.back().load(std::memory_order_relaxed);
  out.sample("schakel_http_request_duration_seconds_bucket", {{"le", "+Inf"}},
             static_cast<double>(cumulative));
  out.sample("schakel_http_request_duration_seconds_sum", {},
             static_cast<double>(sum_microseconds_.load(std::memory_order_relaxed)) / 1e6);
  out.sample("schakel_http_request_duration_seconds_count", {}, static_cast<double>(cumulative));
}

bool is_loopback(std::string_view ip) {
  if (ip == "::1") return true;
  if (ip.rfind("::ffff:", 0) == 0) ip.remove_prefix(7);
  return ip.rfind("127.", 0) == 0;
}

bool metrics_allowed(const Request& req, std::string_view token) {
  if (is_loopback(req.remote_ip)) return true;
  if (token.empty()) return false;
  constexpr std::string_view scheme = "Bearer ";
  const std::string_view sent = req.headers.get("Authorization");
  if (sent.size() <= scheme.size() || !iequals(sent.substr(0, scheme.size()), scheme)) return false;
  return equal_secret(sent.substr(scheme.size()), token);
}

}  // namespace schakel::web
