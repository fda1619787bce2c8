#pragma once
// What a visitor types in the search box, parsed: words, "quoted phrases" and
// -excluded words. The parser accepts any bytes and never throws.
#include <string>
#include <string_view>
#include <vector>

namespace schakel::search {

struct QueryPart {
  std::vector<std::string> words;  // folded; one word, or the words of a phrase
  bool phrase = false;             // typed between double quotes
  bool excluded = false;           // typed with a leading '-'
  // Other full forms of a single word typed with a bracketed part:
  // "mis(be)handeling" is words {"mishandeling"}, spellings {"misbehandeling"}.
  std::vector<std::string> spellings;
};

struct ParsedQuery {
  std::vector<QueryPart> parts;
  bool empty() const { return parts.empty(); }
};

// Limits that keep one query cheap: longer input is cut.
inline constexpr std::size_t max_query_bytes = 256;
inline constexpr std::size_t max_query_parts = 12;
inline constexpr std::size_t max_phrase_words = 8;

// Parses `text`. An unclosed quote makes a phrase of the rest; a phrase of one
// word is a word; '-' only excludes at the start of a word (so "ex-partner" is
// two words). A query of only excluded parts is empty.
ParsedQuery parse_query(std::string_view text);

// The query written back as text ("kind \"huiselijk geweld\" -test"), for links
// and for "Bedoelde je".
std::string to_text(const ParsedQuery& query);

}  // namespace schakel::search
