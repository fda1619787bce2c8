#include "core/text.hpp"

namespace schakel {

std::string_view trim_view(std::string_view s, std::string_view blanks) {
  const auto first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

std::string trim(std::string_view s, std::string_view blanks) {
  return std::string(trim_view(s, blanks));
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  // 18 digits always fit in 63 bits, so the sum below cannot overflow.
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0) return std::nullopt;
  return value;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view utf8_prefix(std::string_view s, std::size_t characters) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (seen == characters) return s.substr(0, i);
    ++seen;
  }
  return s;
}

std::string shorten_at_word(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = text.rfind(' ', limit);
  if (end == std::string_view::npos || end < limit / 2) {
    end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  }
  return std::string(text.substr(0, end)) + "…";
}

}  // namespace schakel
