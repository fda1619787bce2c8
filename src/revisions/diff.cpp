#include "revisions/diff.hpp"

#include <algorithm>

namespace schakel::revisions {

std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after) {
  auto split = [](const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    if (!lines.empty() && lines.back().empty() && !text.empty() && text.back() == '\n')
      lines.pop_back();
    return lines;
  };
  const auto a = split(before), b = split(after);
  // Bounded so that a hostile huge text cannot make the history page slow.
  if (a.size() * b.size() > 4'000'000) {
    std::vector<DiffLine> out;
    for (const auto& l : a) out.push_back({'-', l});
    for (const auto& l : b) out.push_back({'+', l});
    return out;
  }
  std::vector<std::vector<int>> lcs(a.size() + 1, std::vector<int>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<DiffLine> out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      out.push_back({' ', a[i]});
      ++i;
      ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push_back({'-', a[i++]});
    } else {
      out.push_back({'+', b[j++]});
    }
  }
  for (; i < a.size(); ++i) out.push_back({'-', a[i]});
  for (; j < b.size(); ++j) out.push_back({'+', b[j]});
  return out;
}

}  // namespace schakel::revisions
