#include "search/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace schakel::search {

namespace {

// Decodes one UTF-8 sequence at `i`; returns the code point and advances `i`.
// An invalid sequence yields 0xFFFD and advances by one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int length = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + length > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The folded ASCII of a Latin-1 Supplement or Latin Extended-A letter, or
// nullptr when `cp` has none.
const char* folded_letter(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static const char* const latin1[] = {
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
    return latin1[cp - 0xC0];
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Pairs of upper/lower case letters, mostly; the base letters in order.
    static const char* const ext_a[] = {
        "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
    return ext_a[cp - 0x100];
  }
  return nullptr;
}

bool is_ascii_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Code points that separate words although they are not ASCII: typographic
// punctuation and spaces.
bool is_separator(char32_t cp) {
  return cp == 0xFFFD || (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF;
}

// Shortens `s` to at most `max` bytes without leaving half a UTF-8 sequence.
void cut_utf8(std::string& s, std::size_t max) {
  if (s.size() <= max) return;
  s.resize(max);
  std::size_t lead = s.size();
  while (lead > 0 && (static_cast<unsigned char>(s[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) {
    s.clear();
    return;
  }
  const auto b = static_cast<unsigned char>(s[lead - 1]);
  std::size_t need = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
  if (lead - 1 + need > s.size()) s.resize(lead - 1);
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = next_code_point(text, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else if (cp == 0xFFFD) {
      continue;
    } else if (const char* f = folded_letter(cp)) {
      out += f;
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::vector<Token> tokenize(std::string_view text, std::size_t max_word_bytes) {
  std::vector<Token> out;
  std::size_t i = 0;
  Token current;
  bool in_word = false;
  auto finish = [&](std::size_t at) {
    if (!in_word) return;
    current.end = at;
    cut_utf8(current.word, max_word_bytes);
    if (!current.word.empty()) out.push_back(std::move(current));
    current = Token{};
    in_word = false;
  };
  while (i < text.size()) {
    std::size_t start = i;
    char32_t cp = next_code_point(text, i);
    bool word_char = cp < 0x80 ? is_ascii_word_char(static_cast<char>(cp)) : !is_separator(cp);
    if (!word_char) {
      finish(start);
      continue;
    }
    if (!in_word) {
      in_word = true;
      current.begin = start;
    }
    if (cp < 0x80) {
      current.word += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    } else if (const char* f = folded_letter(cp)) {
      current.word += f;
    } else {
      append_utf8(current.word, cp);
    }
  }
  finish(text.size());
  return out;
}

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::vector<BracketWord> bracket_words(std::string_view text) {
  std::vector<BracketWord> out;
  if (text.find('(') == std::string_view::npos) return out;
  const auto tokens = tokenize(text);
  constexpr std::size_t max_inner = 8;
  auto at = [&](std::size_t pos, char c) { return pos < text.size() && text[pos] == c; };
  auto letters = [](const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c < '0' || c > '9'; });
  };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const auto& a = tokens[k];
    // "a(b)c" or "a(b)": the bracketed part right after a word.
    if (k + 1 < tokens.size() && at(a.end, '(') && tokens[k + 1].begin == a.end + 1 &&
        at(tokens[k + 1].end, ')') && tokens[k + 1].word.size() <= max_inner &&
        letters(tokens[k + 1].word)) {
      const auto& b = tokens[k + 1];
      BracketWord w;
      w.begin = a.begin;
      if (k + 2 < tokens.size() && tokens[k + 2].begin == b.end + 1) {
        const auto& c = tokens[k + 2];
        w.without = a.word + c.word;
        w.with = a.word + b.word + c.word;
        w.at = a.word.size();
        w.end = c.end;
        k += 2;
      } else {
        w.without = a.word;
        w.with = a.word + b.word;
        w.at = a.word.size();
        w.end = b.end + 1;
        k += 1;
      }
      out.push_back(std::move(w));
      continue;
    }
    // "(b)c": the bracketed part opens the word.
    const bool opens = a.begin > 0 && text[a.begin - 1] == '(' &&
                       (k == 0 || tokens[k - 1].end + 1 != a.begin) && at(a.end, ')') &&
                       k + 1 < tokens.size() && tokens[k + 1].begin == a.end + 1 &&
                       a.word.size() <= max_inner && letters(a.word);
    if (opens) {
      const auto& c = tokens[k + 1];
      out.push_back(BracketWord{c.word, a.word + c.word, a.begin - 1, c.end, 0});
      k += 1;
    }
  }
  return out;
}

std::string markdown_to_plain(std::string_view markdown, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(markdown.size(), max_bytes));
  bool space = false;
  auto put = [&](char c) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  };
  std::size_t i = 0;
  bool line_start = true;
  while (i < markdown.size() && out.size() < max_bytes) {
    if (line_start) {
      // Leading blanks, heading and quote marks, list markers.
      while (i < markdown.size() && (markdown[i] == ' ' || markdown[i] == '\t')) ++i;
      while (i < markdown.size() && (markdown[i] == '#' || markdown[i] == '>')) ++i;
      if (i + 1 < markdown.size() &&
          (markdown[i] == '-' || markdown[i] == '*' || markdown[i] == '+') &&
          markdown[i + 1] == ' ')
        i += 2;
      std::size_t d = i;
      while (d < markdown.size() && d - i < 3 && markdown[d] >= '0' && markdown[d] <= '9') ++d;
      if (d > i && d + 1 < markdown.size() && markdown[d] == '.' && markdown[d + 1] == ' ')
        i = d + 2;
      line_start = false;
      space = true;
      continue;
    }
    const char c = markdown[i];
    if (c == '\n') {
      line_start = true;
      space = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    if (c == ']' && i + 1 < markdown.size() && markdown[i + 1] == '(') {
      // A link: keep its text, leave out its target.
      auto close = markdown.find(')', i + 2);
      i = close == std::string_view::npos ? markdown.size() : close + 1;
      continue;
    }
    if (c == '*' || c == '`' || c == '|' || c == '[' || c == ']') {
      ++i;
      continue;
    }
    if (c == '_') {
      // Emphasis, unless it joins two letters (snake_case).
      const bool inner = i > 0 && i + 1 < markdown.size() && is_ascii_letter(markdown[i - 1]) &&
                         is_ascii_letter(markdown[i + 1]);
      ++i;
      if (inner) put('_');
      continue;
    }
    put(c);
    ++i;
  }
  // The loop stops at `max_bytes`, possibly inside a UTF-8 sequence.
  if (out.size() > max_bytes) out.resize(max_bytes);
  std::size_t lead = out.size();
  while (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead > 0) {
    const auto b = static_cast<unsigned char>(out[lead - 1]);
    const std::size_t need = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
    if (lead - 1 + need > out.size()) out.resize(lead - 1);
  }
  return out;
}

bool is_stop_word(std::string_view word) {
  // Sorted: the most frequent Dutch function words (articles, pronouns,
  // prepositions, conjunctions, auxiliaries).
  static constexpr std::array<std::string_view, 74> words = {
      "aan",    "al",    "als", "bij",  "dan",  "dat",  "de",   "deze", "die",    "dit",   "door",
      "een",    "en",    "er",  "ge",   "geen", "haar", "had",  "heb",  "hebben", "heeft", "het",
      "hier",   "hij",   "hoe", "hun",  "ik",   "in",   "is",   "je",   "jij",    "jou",   "jouw",
      "kan",    "maar",  "me",  "men",  "met",  "mij",  "mijn", "na",   "naar",   "niet",  "nog",
      "of",     "om",    "ons", "onze", "ook",  "op",   "over", "te",   "tegen",  "toe",   "tot",
      "u",      "uit",   "van", "veel", "voor", "was",  "wat",  "we",   "wel",    "wie",   "wij",
      "worden", "wordt", "zal", "ze",   "zich", "zij",  "zijn", "zo"};
  return std::binary_search(words.begin(), words.end(), word);
}

}  // namespace schakel::search
