// Result snippets: a piece of a document's text around the query's words, with
// those words marked.
#include <algorithm>
#include <string_view>

#include "search/index_internal.hpp"
#include "search/query.hpp"
#include "search/text.hpp"

namespace schakel::search {

namespace {

// Appends `s` to `out`, escaped for HTML text and attributes: runs without a
// special character are appended whole.
void append_escaped(std::string& out, std::string_view s) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* entity = nullptr;
    switch (s[i]) {
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '&':
        entity = "&amp;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    out.append(s.data() + at, i - at);
    out += entity;
    at = i + 1;
  }
  out.append(s.data() + at, s.size() - at);
}

// The stems that mark `word`: its own search stems and those of its compound
// parts, remembered per thread (running text repeats its words).
const std::vector<std::string>& marking_stems(const std::string& word) {
  thread_local std::unordered_map<std::string, std::vector<std::string>> memo;
  auto it = memo.find(word);
  if (it != memo.end()) return it->second;
  if (memo.size() > 200'000) memo.clear();
  std::vector<std::string> stems = search_stems(word);
  for (const auto& part : parts_of(word))
    for (auto& stem : search_stems(part)) stems.push_back(std::move(stem));
  return memo.emplace(word, std::move(stems)).first->second;
}

// True when `word` is no stop word and is one of the marked words or has one
// of their stems. The stop words are looked up last: few words get that far.
bool marked(const std::string& word, const Marks& marks) {
  bool found = marks.words.count(word) > 0;
  if (!found)
    for (const auto& stem : marking_stems(word))
      if (marks.stems.count(stem)) {
        found = true;
        break;
      }
  return found && !is_stop_word(word);
}

}  // namespace

std::size_t marking_key(const std::string& word_or_stem) {
  return std::hash<std::string>{}(word_or_stem);
}

void Marks::index_keys() {
  keys.clear();
  key_bits = 0;
  for (const auto* set : {&words, &stems})
    for (const auto& s : *set) keys.push_back(marking_key(s));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const auto key : keys) key_bits |= std::uint64_t{1} << (key % 64);
}

TokenKeys token_keys(const std::vector<Token>& tokens) {
  TokenKeys out;
  out.begin.reserve(tokens.size() + 1);
  out.keys.reserve(tokens.size() * 2);
  for (const auto& token : tokens) {
    out.begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
    out.keys.push_back(marking_key(token.word));
    for (const auto& stem : marking_stems(token.word)) out.keys.push_back(marking_key(stem));
  }
  out.begin.push_back(static_cast<std::uint32_t>(out.keys.size()));
  return out;
}

// About `length` bytes of `text` around its first marked word, escaped, with the
// marked words in <mark>.
std::string make_snippet(const std::string& text, const Marks& marks, std::size_t length) {
  Marks indexed = marks;
  indexed.index_keys();
  const auto tokens = tokenize(text);
  return make_snippet(text, tokens, bracket_words(text), token_keys(tokens), indexed, length);
}

std::string make_snippet(const std::string& text, const std::vector<Token>& words,
                         const std::vector<BracketWord>& brackets, const TokenKeys& keys,
                         const Marks& marks, std::size_t length) {
  // Copied only when a bracketed word changes them (rare); else read in place.
  std::vector<Token> merged;
  if (!brackets.empty()) merged = words;
  const std::vector<Token>& tokens = brackets.empty() ? words : merged;
  // Token k is marked when marked() says so; without bracketed words, the
  // keys rule out most tokens first (a key in common is then checked by
  // marked(), so a hash collision marks nothing).
  auto is_marked = [&](std::size_t k) {
    if (brackets.empty() && !marks.may_mark(keys.of(k))) return false;
    return marked(tokens[k].word, marks);
  };
  // A word with a bracketed part is one unit, marked as a whole when either
  // full form is: "<mark>ouderenmis(be)handeling</mark>".
  for (const auto& bracketed : brackets) {
    auto first = std::find_if(merged.begin(), merged.end(),
                              [&](const Token& t) { return t.begin >= bracketed.begin; });
    auto last =
        std::find_if(first, merged.end(), [&](const Token& t) { return t.begin >= bracketed.end; });
    if (first == last) continue;
    Token unit{marked(bracketed.with, marks) ? bracketed.with : bracketed.without, bracketed.begin,
               bracketed.end};
    first = merged.erase(first, last);
    merged.insert(first, std::move(unit));
  }
  // The first marked word places the snippet; only words inside it are marked.
  std::size_t first = tokens.size();
  if (!marks.words.empty())
    for (std::size_t k = 0; k < tokens.size() && first == tokens.size(); ++k)
      if (is_marked(k)) first = k;
  std::size_t begin = 0;
  if (first < tokens.size() && tokens[first].begin > length / 3) {
    // Start a few words before the first match.
    std::size_t k = first;
    while (k > 0 && tokens[first].begin - tokens[k - 1].begin < length / 3) --k;
    begin = tokens[k].begin;
  }
  std::size_t end = std::min(text.size(), begin + length);
  // Do not cut inside a word (nor a UTF-8 sequence).
  for (const auto& t : tokens)
    if (t.begin < end && t.end > end) {
      end = t.begin;
      break;
    }
  std::string out;
  out.reserve(end - begin + 64);  // the text, a few marks and entities: one allocation mostly
  if (begin > 0) out += "… ";
  std::size_t at = begin;
  const std::string_view all(text);
  for (std::size_t k = first; k < tokens.size() && tokens[k].begin < end; ++k) {
    if (tokens[k].begin < begin || tokens[k].end > end) continue;
    if (k != first && !is_marked(k)) continue;
    append_escaped(out, all.substr(at, tokens[k].begin - at));
    out += "<mark>";
    append_escaped(out, all.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
    out += "</mark>";
    at = tokens[k].end;
  }
  append_escaped(out, all.substr(at, end - at));
  if (end < text.size()) out += " …";
  return out;
}

}  // namespace schakel::search
