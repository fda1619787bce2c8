#include "view/escape.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace schakel::view {
namespace {

TEST(HtmlEscape, ReplacesAllFiveCharacters) {
  EXPECT_EQ(html_escape("&"), "&amp;");
  EXPECT_EQ(html_escape("<"), "&lt;");
  EXPECT_EQ(html_escape(">"), "&gt;");
  EXPECT_EQ(html_escape("\""), "&quot;");
  EXPECT_EQ(html_escape("'"), "&apos;");
  EXPECT_EQ(html_escape("Jo & 'Ann' \"<Tweede>\""),
            "Jo &amp; &apos;Ann&apos; &quot;&lt;Tweede&gt;&quot;");
  // Already escaped text is escaped again: the function never guesses.
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");
}

TEST(HtmlEscape, LeavesUtf8AndPlainTextAsTheyAre) {
  const std::string flemish = "Zoë en Renée uit Sint-Niklaas → 1712 ☎ 𝄞";
  EXPECT_EQ(html_escape(flemish), flemish);
  EXPECT_EQ(html_escape("café <b>"), "café &lt;b&gt;");
  // Control characters are not HTML's business here: kept (xml_escape drops them).
  EXPECT_EQ(html_escape(std::string("a\tb\x01"
                                    "c",
                                    5)),
            std::string("a\tb\x01"
                        "c",
                        5));
}

TEST(HtmlEscape, EmptyInputGivesEmptyOutput) {
  EXPECT_EQ(html_escape(""), "");
  std::string out = "voor";
  append_html_escaped(out, "");
  EXPECT_EQ(out, "voor");
}

TEST(HtmlEscape, AppendsAfterWhatIsThere) {
  std::string out = "<p>";
  append_html_escaped(out, "a&b");
  append_html_escaped(out, "'");
  EXPECT_EQ(out, "<p>a&amp;b&apos;");
}

// The escaper checks sixteen bytes at a time: every length around those
// blocks, special characters at every place in them (first, last, several in
// one, none), bytes above ASCII, and text appended after what is there must
// give what escaping byte by byte gives.
TEST(HtmlEscape, GivesWhatEscapingByteByByteGivesAtEveryLengthAndPlace) {
  const auto by_byte = [](std::string_view text) {
    std::string out;
    for (const char c : text) switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&apos;";
          break;
        default:
          out += c;
      }
    return out;
  };
  const std::string alphabet = std::string("&<>\"'az \x01\x7f") + "\xc3\xab\xe2\x86\x92\xff";
  std::mt19937 rng(1712);
  int escaped = 0;
  for (std::size_t length = 0; length <= 70; ++length)
    for (int round = 0; round < 40; ++round) {
      std::string text;
      // Some texts plain, some with one special byte, some dense with them.
      const int kind = round % 3;
      for (std::size_t i = 0; i < length; ++i)
        text += kind == 2 ? alphabet[rng() % alphabet.size()] : static_cast<char>('a' + rng() % 26);
      if (kind == 1 && length > 0) text[rng() % length] = alphabet[rng() % 5];
      SCOPED_TRACE(testing::PrintToString(text));
      EXPECT_EQ(html_escape(text), by_byte(text));
      std::string out = "<p>";
      append_html_escaped(out, text);
      EXPECT_EQ(out, "<p>" + by_byte(text));
      if (by_byte(text) != text) ++escaped;
    }
  EXPECT_GT(escaped, 1500);
}

TEST(XmlEscape, EscapesLikeHtmlAndLeavesOutForbiddenControlCharacters) {
  EXPECT_EQ(xml_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  EXPECT_EQ(xml_escape(std::string("a\x01\x1f\x7f"
                                   "b\t\n\r",
                                   8)),
            "ab\t\n\r");
  EXPECT_EQ(xml_escape("ë"), "ë");
  EXPECT_EQ(xml_escape(""), "");
}

}  // namespace
}  // namespace schakel::view
