#include "core/text.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(Trim, RemovesBlanksAtBothEndsOnly) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim("ab"), "ab");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \t\r\n "), "");
  EXPECT_EQ(trim_view("\tx\t", " \t"), "x");
  // Only the named blanks go: CR stays when only space and tab are blanks.
  EXPECT_EQ(trim_view("\r x \r", " \t"), "\r x \r");
  EXPECT_EQ(trim(" .name. ", " ."), "name");
}

TEST(ParseId, ReadsPlainDigits) {
  EXPECT_EQ(parse_id("1"), 1);
  EXPECT_EQ(parse_id("0042"), 42);
  EXPECT_EQ(parse_id("999999999999999999"), 999999999999999999);
}

TEST(ParseId, RefusesAnythingElse) {
  for (const char* bad : {"", "0", "000", "-1", "+1", " 1", "1 ", "1 2", "1a", "a1", "0x10", "1.0",
                          "1e3", "١", "9999999999999999999", "99999999999999999999999"})
    EXPECT_EQ(parse_id(bad), std::nullopt) << bad;
  EXPECT_EQ(parse_id(std::string_view("1\0", 2)), std::nullopt);
}

TEST(Utf8Length, CountsCharactersNotBytes) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("co\xC3\xB6rdinator"), 11u);  // ö is two bytes, one character
  EXPECT_EQ(utf8_length("\xE2\x82\xAC 5"), 3u);       // € is three bytes
}

TEST(Utf8Prefix, CutsBetweenCharactersNeverInside) {
  EXPECT_EQ(utf8_prefix("co\xC3\xB6rdinator", 3), "co\xC3\xB6");
  EXPECT_EQ(utf8_prefix("co\xC3\xB6rdinator", 2), "co");
  EXPECT_EQ(utf8_prefix("\xE2\x82\xAC 5", 1), "\xE2\x82\xAC");
  EXPECT_EQ(utf8_prefix("abc", 10), "abc");
  EXPECT_EQ(utf8_prefix("abc", 0), "");
  EXPECT_EQ(utf8_prefix("", 3), "");
}

TEST(ShortenAtWord, CutsAtASpaceAndNeverInsideACharacter) {
  EXPECT_EQ(shorten_at_word("kort", 10), "kort");
  EXPECT_EQ(shorten_at_word("een lange zin over hulp", 12), "een lange…");
  // No space in the second half: cut at the limit, but not inside "é".
  EXPECT_EQ(shorten_at_word("aaaaaaaaaé", 10), "aaaaaaaaa…");
  EXPECT_EQ(shorten_at_word("a bbbbbbbbbbbb", 6), "a bbbb…");
}

}  // namespace
}  // namespace schakel
