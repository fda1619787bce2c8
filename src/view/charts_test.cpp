// The SVG charts: accessible name and description with the numbers, labels with
// values, escaping, no fixed pixel size.
#include "view/charts.hpp"

#include <gtest/gtest.h>

namespace schakel::view {
namespace {

TEST(Charts, BarChartCarriesItsNumbersInTextAndDescription) {
  const std::string svg =
      bar_chart_svg("Tevredenheid", {{"1", 0, "0"}, {"4", 3, "3 (60%)"}, {"5", 2, "2 (40%)"}}, 3);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id="), std::string::npos);
  EXPECT_NE(svg.find(">Tevredenheid</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc"), std::string::npos);
  EXPECT_NE(svg.find("1: 0; 4: 3 (60%); 5: 2 (40%)</desc>"), std::string::npos);
  EXPECT_NE(svg.find(">3 (60%)</text>"), std::string::npos) << "the value is written at the bar";
  EXPECT_NE(svg.find("viewBox=\"0 0 640.0 "), std::string::npos);
  EXPECT_EQ(svg.find("width=\"640"), std::string::npos) << "no fixed size";
  // The longest bar fills the scale (320), the zero bar has no length.
  EXPECT_NE(svg.find("width=\"320.0\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"0.0\""), std::string::npos);
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
  // 6.5 of 10 on a 320-unit scale is 208.
  EXPECT_NE(svg.find("width=\"208.0\""), std::string::npos);
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

}  // namespace
}  // namespace schakel::view
