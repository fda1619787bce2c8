#pragma once
// The synonym list a coordinator keeps: groups of words and phrases that mean
// the same ("huiselijk geweld, intrafamiliaal geweld, IFG"). A query that
// contains one of them also finds the others.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace schakel::search {

// One group: its alternatives, each a sequence of folded words.
struct SynonymGroup {
  std::vector<std::vector<std::string>> alternatives;
};

class Synonyms {
 public:
  Synonyms() = default;
  static constexpr std::size_t max_bytes = 50'000;
  // Parses the edited text: one group per line, alternatives separated by commas,
  // '#' starts a comment line. Errors (field "synonyms") name the line: a group
  // needs two alternatives; an alternative has 1 to 4 words; at most 500 groups
  // and max_bytes of text.
  static Result<Synonyms> parse(std::string_view text);

  const std::vector<SynonymGroup>& groups() const { return groups_; }
  // The groups whose alternative matches `words` starting at `at`, longest first,
  // as (group index, alternative length).
  struct Match {
    std::size_t group = 0;
    std::size_t length = 0;
  };
  std::vector<Match> matches_at(const std::vector<std::string>& words, std::size_t at) const;

 private:
  std::vector<SynonymGroup> groups_;
};

}  // namespace schakel::search
