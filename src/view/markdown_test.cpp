#include "view/markdown.hpp"

#include <gtest/gtest.h>

namespace schakel::view {
namespace {

TEST(Markdown, RendersTheUsualMarkup) {
  EXPECT_EQ(render_markdown("**Let op:** bel *1712*."),
            "<p><strong>Let op:</strong> bel <em>1712</em>.</p>\n");
  EXPECT_NE(render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"),
            std::string::npos);
  EXPECT_NE(render_markdown("zie https://www.1712.be").find("<a href=\"https://www.1712.be\">"),
            std::string::npos);
}

TEST(Markdown, DropsRawHtmlAndDangerousLinks) {
  for (const char* hostile :
       {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[klik](javascript:alert(1))",
        "<iframe src=\"https://evil.test\"></iframe>", "[x](vbscript:msgbox(1))",
        "![x](data:text/html;base64,PHNjcmlwdD4=)"}) {
    const std::string html = render_markdown(hostile);
    EXPECT_EQ(html.find("<script"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("vbscript:"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << hostile;
    EXPECT_EQ(html.find("data:text/html"), std::string::npos) << hostile;
  }
}

TEST(Markdown, InvalidUtf8DoesNotBreakRendering) {
  EXPECT_FALSE(render_markdown("abc \xFF\xFE def").empty());
}

}  // namespace
}  // namespace schakel::view

namespace schakel::view {
namespace {

TEST(Markdown, HeadingsStartBelowThePageTitle) {
  EXPECT_EQ(render_markdown("# Aanpak\n\n###### Klein\n"), "<h2>Aanpak</h2>\n<h6>Klein</h6>\n");
}

}  // namespace
}  // namespace schakel::view
