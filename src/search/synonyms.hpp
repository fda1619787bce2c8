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
  // needs two alternatives; an alternative has 1 to 6 words ("geweld tussen
  // broers en zussen"); at most 500 groups and max_bytes of text.
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

// The version of a thesaurus text: the number on its "# thesaurus-versie: N"
// line, 0 when it has none.
int thesaurus_version(std::string_view thesaurus);

// `current` (the coordinator's list) with the groups of `thesaurus` (same form)
// added, without removing or reordering anything of `current`: a thesaurus
// group that shares an alternative with a line of `current` adds its missing
// alternatives at the end of the first such line; a group that shares none is
// appended, after a comment line that names `version`. Alternatives already
// anywhere in `current` are not added again, so merging twice changes nothing.
// Returns `current` unchanged when the result would not parse (too long).
std::string merge_thesaurus(std::string_view current, std::string_view thesaurus, int version);

}  // namespace schakel::search
