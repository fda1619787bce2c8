// The SVG charts: accessible name and description with the numbers, labels with
// values, escaping, no fixed pixel size.
#include "view/charts.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace schakel::view {
namespace {

// The widths of the bars (<rect> elements with a y) in drawing order.
std::vector<double> bar_widths(const std::string& svg) {
  std::vector<double> out;
  static const std::regex rect(R"re(<rect x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)")re");
  for (std::sregex_iterator it(svg.begin(), svg.end(), rect), end; it != end; ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

// The text of every <tspan> of the SVG, joined with spaces.
std::string tspan_text(const std::string& svg) {
  std::string out;
  static const std::regex tspan(R"re(<tspan[^>]*>([^<]*)</tspan>)re");
  for (std::sregex_iterator it(svg.begin(), svg.end(), tspan), end; it != end; ++it)
    out += (out.empty() ? "" : " ") + (*it)[1].str();
  return out;
}

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

TEST(Charts, BarChartCarriesItsNumbersInTextAndDescription) {
  const std::string svg =
      bar_chart_svg("Tevredenheid", {{"1", 0, "0"}, {"4", 3, "3 (60%)"}, {"5", 2, "2 (40%)"}}, 3);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id="), std::string::npos);
  EXPECT_NE(svg.find(">Tevredenheid</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc"), std::string::npos);
  EXPECT_NE(svg.find("1: 0; 4: 3 (60%); 5: 2 (40%)</desc>"), std::string::npos);
  EXPECT_NE(svg.find(">3 (60%)</text>"), std::string::npos) << "the value is written at the bar";
  EXPECT_NE(svg.find("viewBox=\"0 0 340.0 "), std::string::npos);
  EXPECT_EQ(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\" width"), std::string::npos)
      << "no fixed size";
  // The longest bar fills the scale, the zero bar has no length.
  const auto widths = bar_widths(svg);
  ASSERT_EQ(widths.size(), 3u);
  EXPECT_EQ(widths[0], 0.0);
  EXPECT_GT(widths[1], 200.0);
  EXPECT_NEAR(widths[2], widths[1] * 2 / 3, 0.2);
}

TEST(Charts, TextIsEscaped) {
  const std::string svg = bar_chart_svg("<script>", {{"a&b", 1, "\"1\""}}, 1);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("a&amp;b"), std::string::npos);
  EXPECT_NE(svg.find("&quot;1&quot;"), std::string::npos);
}

TEST(Charts, BeforeAfterLabelsBothPhasesAndMissingData) {
  const std::string svg = before_after_svg(
      "Vertrouwen",
      {{"Ik herken signalen.", 4.0, 6.5, "4,0", "6,5"}, {"Vraag 2", 5.0, {}, "5,0", ""}}, 10);
  EXPECT_NE(svg.find("Ik herken signalen.: vooraf 4,0, achteraf 6,5; Vraag 2: vooraf 5,0, "
                     "achteraf geen gegevens</desc>"),
            std::string::npos);
  EXPECT_NE(svg.find(">Vooraf</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Achteraf</text>"), std::string::npos);
  EXPECT_NE(svg.find(">geen gegevens</text>"), std::string::npos);
  EXPECT_NE(svg.find("<pattern id=\"arcering-"), std::string::npos) << "before is hatched";
  // Bars in proportion: 4.0 before, 6.5 after, 5.0 before (no after bar).
  const auto widths = bar_widths(svg);
  ASSERT_EQ(widths.size(), 3u);
  EXPECT_NEAR(widths[1] / widths[0], 6.5 / 4.0, 0.01);
  EXPECT_NEAR(widths[2] / widths[0], 5.0 / 4.0, 0.01);
}

TEST(Charts, TwoChartsGetDifferentIds) {
  const std::string a = bar_chart_svg("Tevredenheid", {}, 1);
  const std::string b = bar_chart_svg("Nut", {}, 1);
  const auto id = [](const std::string& svg) {
    auto at = svg.find("aria-labelledby=\"");
    return svg.substr(at, svg.find(' ', at) - at);
  };
  EXPECT_NE(id(a), id(b));
}

TEST(Charts, WrapLabelBreaksAtSpacesAndKeepsEveryWord) {
  const std::string label =
      "Ik weet hoe ik met kinderen kan praten over conflict en geweld met hun ouders";
  const auto lines = wrap_label(label, 20);
  ASSERT_GE(lines.size(), 4u);
  std::string joined;
  for (const auto& l : lines) {
    EXPECT_LE(characters(l), 20u) << l;
    EXPECT_NE(l.front(), ' ');
    EXPECT_NE(l.back(), ' ');
    joined += (joined.empty() ? "" : " ") + l;
  }
  EXPECT_EQ(joined, label);
  EXPECT_EQ(lines.front(), "Ik weet hoe ik met");
}

TEST(Charts, WrapLabelCountsCharactersAndBreaksOverlongWords) {
  // "é" is two bytes but one character: 12 characters fit a line of 12.
  EXPECT_EQ(wrap_label("ééééé ééééé", 12), std::vector<std::string>{"ééééé ééééé"});
  EXPECT_EQ(wrap_label("ouderenmisbehandeling", 8),
            (std::vector<std::string>{"ouderenm", "isbehand", "eling"}));
  EXPECT_EQ(wrap_label("  twee   woorden ", 40), std::vector<std::string>{"twee woorden"});
  EXPECT_TRUE(wrap_label("", 10).empty());
}

TEST(Charts, LongLabelsAreWrappedWholeNeverCut) {
  const std::string theme = "Praten over conflict en geweld met kinderen";
  const std::string question =
      "Hoe zeker voel je je om een gesprek te beginnen met een ouder over wat je bij het kind "
      "ziet, ook als die ouder boos wordt?";
  const std::string bars =
      bar_chart_svg("Verandering per thema", {{theme, 1.5, "1,5 (12 paren)"}}, 9);
  EXPECT_EQ(bars.find("…"), std::string::npos) << "nothing is cut off";
  EXPECT_EQ(tspan_text(bars), theme);
  const std::string pairs = before_after_svg("Vertrouwen", {{question, 4, 6, "4,0", "6,0"}}, 10);
  EXPECT_EQ(pairs.find("…"), std::string::npos);
  EXPECT_EQ(tspan_text(pairs), question);
  // Every line fits the drawing: at most 30 characters of about 10 units in 340.
  for (const auto& l : wrap_label(question, 30)) EXPECT_LE(characters(l) * 10, 340.0);
}

TEST(Charts, ShortLabelsStandBesideTheirBars) {
  const std::string svg = bar_chart_svg("Scores", {{"1", 1, "1"}, {"10", 2, "2"}}, 2);
  EXPECT_NE(svg.find("text-anchor=\"end\" class=\"chart-label\">10</text>"), std::string::npos);
  EXPECT_EQ(svg.find("<tspan"), std::string::npos);
}

TEST(Charts, EveryBarAndValueFitsTheDrawing) {
  const std::string svg = bar_chart_svg(
      "Gebruik", {{"Een heel lang antwoord dat over meer regels loopt", 10, "10 (100%)"}}, 10);
  const auto widths = bar_widths(svg);
  ASSERT_EQ(widths.size(), 1u);
  // The value text starts after the bar and has room for its 9 characters.
  EXPECT_LE(widths[0] + 6 + 9 * 10, 340.0);
}

}  // namespace
}  // namespace schakel::view
