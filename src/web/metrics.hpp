#pragma once
// Metrics of the request path in the Prometheus text format (exposition format
// 0.0.4): request counts by method, route pattern and status class, and one
// latency histogram. Counting is lock-free (relaxed atomics), so it costs the
// request path no lock; only the set of series is fixed once, before serving.
// Series are labelled by route pattern, never by raw path, so their number is
// bounded by the routes the application registers.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/router.hpp"

namespace schakel::web {

// Label names and values of one sample, in order.
using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Builds the text of one scrape. Not thread-safe; one per scrape.
class Exposition {
 public:
  // The media type of the text format, for Content-Type.
  static constexpr const char* content_type = "text/plain; version=0.0.4; charset=utf-8";

  // Starts a metric family with its "# HELP" and "# TYPE" lines. Requires: `name`
  // matches [a-zA-Z_:][a-zA-Z0-9_:]*, `type` is counter, gauge or histogram, and
  // the family's samples follow before the next family starts.
  void family(std::string_view name, std::string_view type, std::string_view help);
  // One sample line `name{labels} value`. Label values are escaped (\\, \", \n);
  // integral values are written without a fraction.
  void sample(std::string_view name, const MetricLabels& labels, double value);
  // The text so far; every line ends in "\n".
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Upper bounds (seconds) of the latency histogram's buckets; +Inf comes last.
inline constexpr std::array<double, 11> latency_buckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                           0.5,   1,    2.5,   5,    10};

// Request counters and the latency histogram of one process.
// Thread-safety: bind() once before any other call from another thread; then
// record() and write() may run on any threads at once (atomics only).
class RequestMetrics {
 public:
  // Fixes the series: one per route of `routes` (labelled with its method and
  // pattern), one for static assets and one for requests that matched no route.
  // Requires: `routes` is not changed afterwards (slot_of compares addresses).
  // A second call does nothing.
  void bind(const std::vector<Route>& routes);

  // The slot of a matched route; of unmatched() when `route` is not one of the
  // bound routes.
  std::size_t slot_of(const Route* route) const noexcept;
  // The slot of static assets under /static/.
  std::size_t static_assets() const noexcept { return routes_; }
  // The slot of requests that matched no route (404, 405, 400 before routing).
  std::size_t unmatched() const noexcept { return routes_ + 1; }

  // Counts one answered request in `slot` with its `status` and duration.
  // Lock-free; a slot out of range counts as unmatched(). Before bind(): only
  // the histogram counts.
  void record(std::size_t slot, int status, double seconds) noexcept;

  // Writes the families schakel_http_requests_total (counter; only series seen
  // at least once) and schakel_http_request_duration_seconds (histogram).
  void write(Exposition& out) const;

 private:
  static constexpr std::size_t classes = 5;  // 1xx .. 5xx
  std::atomic<bool> bound_{false};
  const Route* first_ = nullptr;
  std::size_t routes_ = 0;
  std::vector<std::pair<std::string, std::string>> labels_;  // method, route per slot
  std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;     // slot * classes + class
  std::array<std::atomic<std::uint64_t>, latency_buckets.size() + 1> buckets_{};  // not cumulative
  std::atomic<std::uint64_t> sum_microseconds_{0};
};

// True when `ip` (as Request::remote_ip holds it) is a loopback address:
// 127.0.0.0/8, ::1 or an IPv4-mapped 127.x address.
bool is_loopback(std::string_view ip);

// Whether `req` may read /metrics: from a loopback address (the peer, or behind
// --trust-proxy the forwarded client), or with "Authorization: Bearer TOKEN"
// equal to `token` (compared in constant time) when `token` is not empty.
bool metrics_allowed(const Request& req, std::string_view token);

}  // namespace schakel::web
