#include "search/synonyms.hpp"

#include <algorithm>

#include "search/text.hpp"

namespace schakel::search {

Result<Synonyms> Synonyms::parse(std::string_view text) {
  if (text.size() > max_bytes)
    return Error::invalid("synonyms", "De lijst is te lang (hoogstens 50.000 tekens).");
  Synonyms out;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') {
      if (end == text.size()) break;
      continue;
    }
    SynonymGroup group;
    std::size_t from = 0;
    while (from <= line.size()) {
      auto comma = line.find(',', from);
      if (comma == std::string_view::npos) comma = line.size();
      std::vector<std::string> words;
      for (auto& token : tokenize(line.substr(from, comma - from))) words.push_back(token.word);
      from = comma + 1;
      if (words.empty()) continue;
      if (words.size() > 4)
        return Error::invalid("synonyms", "Regel " + std::to_string(line_number) +
                                              ": een synoniem heeft hoogstens 4 woorden.");
      if (std::find(group.alternatives.begin(), group.alternatives.end(), words) ==
          group.alternatives.end())
        group.alternatives.push_back(std::move(words));
    }
    if (group.alternatives.size() < 2)
      return Error::invalid("synonyms", "Regel " + std::to_string(line_number) +
                                            ": zet minstens twee woorden of woordgroepen op "
                                            "een regel, gescheiden door komma's.");
    out.groups_.push_back(std::move(group));
    if (out.groups_.size() > 500)
      return Error::invalid("synonyms", "Hoogstens 500 regels met synoniemen.");
    if (end == text.size()) break;
  }
  return out;
}

std::vector<Synonyms::Match> Synonyms::matches_at(const std::vector<std::string>& words,
                                                  std::size_t at) const {
  std::vector<Match> out;
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    for (const auto& alternative : groups_[g].alternatives) {
      if (at + alternative.size() > words.size()) continue;
      if (std::equal(alternative.begin(), alternative.end(), words.begin() + at)) {
        out.push_back({g, alternative.size()});
        break;
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Match& a, const Match& b) { return a.length > b.length; });
  return out;
}

}  // namespace schakel::search
