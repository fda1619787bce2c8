#include "view/escape.hpp"

#include <gtest/gtest.h>

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
