#pragma once
// How easy a Dutch text reads: the Flesch-Douma reading ease (Douma 1960, after
// Flesch), for the editor of the help pages.
//
//   score = 206.84 - 0.77 * (syllables per 100 words) - 0.93 * (words per sentence)
//
// Syllables are counted by vowel groups: a run of a, e, i, o, u, y (and the j of
// "ij") counts once, so the diphthongs ij, ei, ui, ou, au, ie, oe, eu count once;
// a vowel with a diaeresis (ë, ï, ö, ü, ä) starts a new group ("ideeën" 3,
// "coördinator" 5); a word without vowels ("1712") counts one. A word is a run of
// letters (ASCII and accented Latin letters) and digits; dashes, quotes and other
// symbols are no words. A sentence ends at ".", "!" or "?" followed by a space or
// the end, and at the end of a line (Markdown puts each heading and list item on
// a line of its own). Link targets of Markdown ("](...)") are not read.
#include <optional>
#include <string_view>

namespace schakel::citizens {

enum class ReadingLevel { easy, moderate, hard };

struct TextCounts {
  int words = 0;
  int sentences = 0;
  int syllables = 0;
};

struct Readability {
  TextCounts counts;
  double score = 0;  // may be below 0 or above 100 for extreme texts
  ReadingLevel level = ReadingLevel::easy;
};

// The syllables of one word by the rule above (at least 1).
int dutch_syllables(std::string_view word);
TextCounts count_text(std::string_view text);
// > 60 easy, 30..60 moderate, < 30 hard.
ReadingLevel level_of(double score);
// The score of `text`, or nullopt when it has no words.
std::optional<Readability> readability(std::string_view text);

}  // namespace schakel::citizens
