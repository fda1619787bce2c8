#include "search/query.hpp"

#include "search/text.hpp"

namespace schakel::search {

namespace {

void add_words(ParsedQuery& query, std::string_view chunk, bool excluded) {
  const auto bracketed = bracket_words(chunk);
  auto tokens = tokenize(chunk);
  std::size_t next = 0;  // the next bracket word
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (query.parts.size() >= max_query_parts) return;
    QueryPart part;
    if (next < bracketed.size() && tokens[t].begin >= bracketed[next].begin) {
      // "mis(be)handeling": one word with two spellings, not three words.
      part.words.push_back(bracketed[next].without);
      part.spellings.push_back(bracketed[next].with);
      while (t + 1 < tokens.size() && tokens[t + 1].begin < bracketed[next].end) ++t;
      ++next;
    } else {
      part.words.push_back(std::move(tokens[t].word));
    }
    part.excluded = excluded;
    excluded = false;  // "-a b" excludes a only
    query.parts.push_back(std::move(part));
  }
}

}  // namespace

ParsedQuery parse_query(std::string_view text) {
  if (text.size() > max_query_bytes) text = text.substr(0, max_query_bytes);
  ParsedQuery query;
  std::size_t i = 0;
  while (i < text.size() && query.parts.size() < max_query_parts) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '+') {
      ++i;
      continue;
    }
    bool excluded = false;
    if (c == '-') {
      excluded = true;
      ++i;
      if (i >= text.size()) break;
      c = text[i];
    }
    if (c == '"') {
      auto close = text.find('"', i + 1);
      auto inner = text.substr(
          i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      i = close == std::string_view::npos ? text.size() : close + 1;
      QueryPart part;
      part.phrase = true;
      part.excluded = excluded;
      for (auto& token : tokenize(inner)) {
        if (part.words.size() >= max_phrase_words) break;
        part.words.push_back(std::move(token.word));
      }
      if (part.words.size() == 1) part.phrase = false;
      if (!part.words.empty()) query.parts.push_back(std::move(part));
      continue;
    }
    auto end = text.find_first_of(" \t\r\n\"", i);
    if (end == std::string_view::npos) end = text.size();
    add_words(query, text.substr(i, end - i), excluded);
    i = end;
  }
  bool any_included = false;
  for (const auto& part : query.parts) any_included = any_included || !part.excluded;
  if (!any_included) query.parts.clear();
  return query;
}

std::string to_text(const ParsedQuery& query) {
  std::string out;
  for (const auto& part : query.parts) {
    if (!out.empty()) out += ' ';
    if (part.excluded) out += '-';
    if (part.phrase) out += '"';
    for (std::size_t k = 0; k < part.words.size(); ++k) {
      if (k) out += ' ';
      out += part.words[k];
    }
    if (part.phrase) out += '"';
  }
  return out;
}

}  // namespace schakel::search
