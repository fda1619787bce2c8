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

}  // namespace schakel::search
