#pragma once
// A readable line diff between two versions of a text, for the history pages of
// every feature that keeps revisions (the kennisbank, the help pages).
#include <string>
#include <vector>

namespace schakel::revisions {

// One line of a readable diff: kept, removed or added.
struct DiffLine {
  char op;  // ' ', '-', '+'
  std::string text;
};
// Line diff of two texts (longest common subsequence). Bounded: two texts whose
// line counts multiply beyond 4,000,000 show as all removed, then all added.
std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after);

}  // namespace schakel::revisions
