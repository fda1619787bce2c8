#pragma once
// Dutch text for the search index: accent folding and word splitting. The
// index, the query parser and the snippets share these so that "één", "EEN" and
// "een" are one word everywhere.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::search {

// Lower-cases ASCII and folds the accented Latin letters of Dutch, French and
// German to their base letter ("é" → "e", "ĳ" → "ij", "ß" → "ss"). Other UTF-8
// sequences are kept as they are; invalid bytes are dropped.
std::string fold(std::string_view text);

// One word of a text: its folded form and where it stands in the original bytes.
struct Token {
  std::string word;  // folded; letters and digits only
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last byte
};

// Splits `text` into words. A word is a run of letters and digits (any non-ASCII
// UTF-8 letter counts as a letter); everything else separates words. Words longer
// than `max_word_bytes` are cut there.
std::vector<Token> tokenize(std::string_view text, std::size_t max_word_bytes = 64);

// A word written with an optional part between brackets, as the field writes
// "ouderenmis(be)handeling", "vriend(in)" or "(groot)ouders": its two full forms
// (folded) and the bytes it spans in the original text, brackets included.
// tokenize() sees such a word as two or three words; the index and the query
// also use these full forms. The bracketed part is 1 to 8 letters.
struct BracketWord {
  std::string without;  // "ouderenmishandeling"
  std::string with;     // "ouderenmisbehandeling"
  std::size_t begin = 0;
  std::size_t end = 0;  // one past the last byte
  std::size_t at = 0;   // where `with` inserts the bracketed part into `without`
};
std::vector<BracketWord> bracket_words(std::string_view text);

// Markdown as plain text for snippets: emphasis, code and heading marks,
// quote and list markers, table bars and link targets left out; runs of
// whitespace become one space. Round brackets in words ("mis(be)handeling")
// stay. At most `max_bytes` bytes, never cut inside a UTF-8 sequence.
std::string markdown_to_plain(std::string_view markdown, std::size_t max_bytes = 100'000);

// True for the small Dutch function words ("de", "van", "en", "voor", …) that
// carry no meaning of their own: a query does not require them and snippets do
// not mark them. `word` is folded.
bool is_stop_word(std::string_view word);

}  // namespace schakel::search
