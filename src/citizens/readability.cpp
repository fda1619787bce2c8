#include "citizens/readability.hpp"

#include <string>

namespace schakel::citizens {

namespace {

// One letter of a word: its ASCII base (lower case) and whether it has a diaeresis.
struct Letter {
  char base = 0;
  bool diaeresis = false;
};

// The base letter of a Latin-1 code point U+00C0..U+00FF (for the accented vowels).
Letter latin1(unsigned char low) {  // the second byte of a two-byte C3 sequence
  const unsigned cp = 0xC0u + (low & 0x3Fu);
  const unsigned lower = cp >= 0xE0u ? cp : cp + 0x20u;
  switch (lower) {
    case 0xE0:
    case 0xE1:
    case 0xE2:
      return {'a', false};
    case 0xE4:
      return {'a', true};
    case 0xE8:
    case 0xE9:
    case 0xEA:
      return {'e', false};
    case 0xEB:
      return {'e', true};
    case 0xEC:
    case 0xED:
    case 0xEE:
      return {'i', false};
    case 0xEF:
      return {'i', true};
    case 0xF2:
    case 0xF3:
    case 0xF4:
      return {'o', false};
    case 0xF6:
      return {'o', true};
    case 0xF9:
    case 0xFA:
    case 0xFB:
      return {'u', false};
    case 0xFC:
      return {'u', true};
    default:
      return {'x', false};  // another letter: a consonant for counting
  }
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The length in bytes of the letter or digit at `text[i]`, 0 when it is none. Letters
// are ASCII and Latin letters with accents (U+00C0..U+017F: two-byte UTF-8 with
// lead byte C3, C4 or C5); dashes, quotes and other symbols separate words.
std::size_t word_char_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
  if (c >= 0xC3 && c <= 0xC5 && i + 1 < text.size() &&
      (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80)
    return 2;
  return 0;
}

// `text` without the targets of Markdown links ("[tekst](https://…)" keeps "[tekst]").
std::string without_link_targets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ']' && i + 1 < text.size() && text[i + 1] == '(') {
      const auto close = text.find(')', i + 2);
      if (close != std::string_view::npos) {
        out += ']';
        i = close;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

int dutch_syllables(std::string_view word) {
  int groups = 0;
  bool in_group = false;
  char previous = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    Letter letter;
    if (c == 0xC3 && i + 1 < word.size()) {
      letter = latin1(static_cast<unsigned char>(word[++i]));
    } else if (c < 0x80) {
      letter.base = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    } else {
      letter.base = 'x';
    }
    const bool vowel = is_vowel(letter.base) || (letter.base == 'j' && previous == 'i' && in_group);
    if (vowel && (!in_group || letter.diaeresis)) ++groups;
    in_group = vowel;
    previous = letter.base;
  }
  return groups > 0 ? groups : 1;
}

TextCounts count_text(std::string_view raw) {
  const std::string text = without_link_targets(raw);
  TextCounts counts;
  int words_in_sentence = 0;
  const auto end_sentence = [&] {
    if (words_in_sentence > 0) ++counts.sentences;
    words_in_sentence = 0;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (word_char_at(text, i) > 0) {
      std::size_t j = i;
      while (j < text.size()) {
        const std::size_t n = word_char_at(text, j);
        if (n == 0) break;
        j += n;
      }
      ++counts.words;
      ++words_in_sentence;
      counts.syllables += dutch_syllables(std::string_view(text).substr(i, j - i));
      i = j;
      continue;
    }
    const bool terminator = c == '.' || c == '!' || c == '?';
    const bool followed_by_space =
        i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' || text[i + 1] == '\r';
    if ((terminator && followed_by_space) || c == '\n') end_sentence();
    ++i;
  }
  end_sentence();
  return counts;
}

ReadingLevel level_of(double score) {
  if (score > 60) return ReadingLevel::easy;
  if (score < 30) return ReadingLevel::hard;
  return ReadingLevel::moderate;
}

std::optional<Readability> readability(std::string_view text) {
  Readability r;
  r.counts = count_text(text);
  if (r.counts.words == 0) return std::nullopt;
  const double words = r.counts.words;
  r.score =
      206.84 - 0.77 * (100.0 * r.counts.syllables / words) - 0.93 * (words / r.counts.sentences);
  r.level = level_of(r.score);
  return r;
}

}  // namespace schakel::citizens
