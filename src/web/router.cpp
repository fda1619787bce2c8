#include "web/router.hpp"

#include <set>
#include <stdexcept>

namespace schakel::web {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  if (!path.empty() && path[0] == '/') i = 1;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern[0] != '/')
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  std::vector<std::string> segments;
  for (auto s : split_path(pattern)) {
    std::string seg(s);
    if (seg.find_first_of("{}") != std::string::npos && !is_param(seg))
      throw std::invalid_argument("malformed parameter in route pattern: " + pattern);
    segments.push_back(std::move(seg));
  }
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern)
      throw std::invalid_argument("duplicate route: " + method + " " + pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), options});
  segments_.push_back(std::move(segments));
}

bool Router::match(const std::vector<std::string>& pattern,
                   const std::vector<std::string_view>& path,
                   std::map<std::string, std::string>* params, int* literal_count) {
  if (pattern.size() != path.size()) return false;
  int literals = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i])) {
      if (path[i].empty()) return false;
      if (params) (*params)[pattern[i].substr(1, pattern[i].size() - 2)] = std::string(path[i]);
    } else if (pattern[i] != path[i]) {
      return false;
    } else {
      ++literals;
    }
  }
  *literal_count = literals;
  return true;
}

Lookup Router::find(std::string_view method, std::string_view path) const {
  const auto parts = split_path(path);
  const std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  const Route* best = nullptr;
  std::size_t best_index = 0;
  int best_literals = -1;
  std::set<std::string> allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    int literals = 0;
    if (!match(segments_[i], parts, nullptr, &literals)) continue;
    if (routes_[i].method != wanted) {
      allowed.insert(routes_[i].method);
      continue;
    }
    if (literals > best_literals) {
      best = &routes_[i];
      best_index = i;
      best_literals = literals;
    }
  }
  if (best) {
    RouteMatch m{best, {}};
    int ignored = 0;
    match(segments_[best_index], parts, &m.params, &ignored);
    return m;
  }
  if (allowed.empty()) return NoRoute{};
  if (allowed.count("GET")) allowed.insert("HEAD");
  std::string allow;
  for (const auto& a : allowed) allow += (allow.empty() ? "" : ", ") + a;
  return WrongMethod{allow};
}

}  // namespace schakel::web
