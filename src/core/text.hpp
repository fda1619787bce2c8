#pragma once
// Small text helpers every layer uses: trimming and reading ids from text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schakel {

// `s` without the leading and trailing characters in `blanks` (by default space, tab, CR, LF).
// The view points into `s`.
std::string_view trim_view(std::string_view s, std::string_view blanks = " \t\r\n");
// The same, as a new string.
std::string trim(std::string_view s, std::string_view blanks = " \t\r\n");
// The number of characters (code points, not bytes) of UTF-8 text `s`: every
// byte that is not a continuation byte counts one. Invalid UTF-8 counts too.
std::size_t utf8_length(std::string_view s);
// The first `characters` characters of UTF-8 text `s` (all of it when shorter),
// never cut inside a character.
std::string_view utf8_prefix(std::string_view s, std::size_t characters);
// The first words of `text`, at most about `limit` bytes: cut at the last space
// before `limit` (or at `limit` itself when that space is in the first half),
// never inside a UTF-8 character, with "…" added when cut. `text` itself when
// it is not longer than `limit`.
std::string shorten_at_word(std::string_view text, std::size_t limit);

// A database id written as plain ASCII digits: 1 to 18 of them (no sign, no spaces, no other
// characters), with a value above 0. Anything else, including an empty text, is nullopt.
std::optional<std::int64_t> parse_id(std::string_view text);

}  // namespace schakel
