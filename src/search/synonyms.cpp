#include "search/synonyms.hpp"

#include <algorithm>
#include <set>

#include "search/text.hpp"

namespace schakel::search {

namespace {

constexpr std::size_t max_alternative_words = 6;

// One line of a synonym text: as written, and its alternatives (as written,
// trimmed, and folded into words). Comment and blank lines have none.
struct SynonymLine {
  std::string text;
  std::vector<std::string> written;
  std::vector<std::vector<std::string>> words;
};

std::vector<SynonymLine> split_lines(std::string_view text) {
  std::vector<SynonymLine> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    SynonymLine line;
    line.text = std::string(text.substr(start, end - start));
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    auto first = line.text.find_first_not_of(" \t");
    if (first != std::string::npos && line.text[first] != '#') {
      std::size_t from = 0;
      while (from <= line.text.size()) {
        auto comma = line.text.find(',', from);
        if (comma == std::string::npos) comma = line.text.size();
        std::string piece = line.text.substr(from, comma - from);
        from = comma + 1;
        std::vector<std::string> words;
        for (auto& token : tokenize(piece)) words.push_back(token.word);
        if (words.empty()) continue;
        auto b = piece.find_first_not_of(" \t");
        auto e = piece.find_last_not_of(" \t");
        line.written.push_back(piece.substr(b, e - b + 1));
        line.words.push_back(std::move(words));
      }
    }
    out.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

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
      if (words.size() > max_alternative_words)
        return Error::invalid("synonyms", "Regel " + std::to_string(line_number) +
                                              ": een synoniem heeft hoogstens 6 woorden.");
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

int thesaurus_version(std::string_view thesaurus) {
  constexpr std::string_view marker = "# thesaurus-versie:";
  auto at = thesaurus.find(marker);
  if (at == std::string_view::npos) return 0;
  int version = 0;
  for (std::size_t i = at + marker.size(); i < thesaurus.size(); ++i) {
    const char c = thesaurus[i];
    if (c == ' ') continue;
    if (c < '0' || c > '9' || version > 100'000) break;
    version = version * 10 + (c - '0');
  }
  return version;
}

std::string merge_thesaurus(std::string_view current, std::string_view thesaurus, int version) {
  auto lines = split_lines(current);
  std::set<std::vector<std::string>> present;
  for (const auto& line : lines) present.insert(line.words.begin(), line.words.end());
  std::vector<std::string> appended;
  for (const auto& group : split_lines(thesaurus)) {
    if (group.words.size() < 2) continue;
    std::vector<std::size_t> missing;
    for (std::size_t a = 0; a < group.words.size(); ++a)
      if (!present.count(group.words[a])) missing.push_back(a);
    if (missing.empty()) continue;
    SynonymLine* shared = nullptr;
    for (auto& line : lines)
      for (const auto& words : line.words)
        if (!shared &&
            std::find(group.words.begin(), group.words.end(), words) != group.words.end())
          shared = &line;
    if (shared) {
      for (auto a : missing) shared->text += ", " + group.written[a];
    } else {
      appended.push_back(group.text);
    }
    for (auto a : missing) present.insert(group.words[a]);
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i].text;
  }
  if (!appended.empty()) {
    while (!out.empty() && out.back() == '\n') out.pop_back();
    if (!out.empty()) out += '\n';
    out += "# Aangevuld uit de thesaurus van het werkveld (versie " + std::to_string(version) +
           "); pas gerust aan.";
    for (const auto& line : appended) out += "\n" + line;
  }
  if (!Synonyms::parse(out)) return std::string(current);
  return out;
}

}  // namespace schakel::search
