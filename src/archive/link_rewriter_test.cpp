#include "archive/link_rewriter.hpp"

#include <gtest/gtest.h>

namespace schakel::archive {
namespace {

TEST(ArchiveFile, PagesBecomeIndexFilesAndFilesKeepTheirPath) {
  EXPECT_EQ(archive_file("/", true), "index.html");
  EXPECT_EQ(archive_file("/kennisbank", true), "kennisbank/index.html");
  EXPECT_EQ(archive_file("/kennisbank/babobox/", true), "kennisbank/babobox/index.html");
  EXPECT_EQ(archive_file("/kennisbank/x/bijlagen/2/stap plan.pdf", false),
            "kennisbank/x/bijlagen/2/stap plan.pdf");
}

TEST(ArchiveFile, RefusesPathsThatLeaveTheFolder) {
  EXPECT_FALSE(archive_file("/kennisbank/../../etc/passwd", false));
  EXPECT_FALSE(archive_file("/a/./b", true));
  EXPECT_FALSE(archive_file("/a//b", true));
  EXPECT_FALSE(archive_file("relative", true));
  EXPECT_FALSE(archive_file("", true));
  EXPECT_FALSE(archive_file("/a\\b", false));
  EXPECT_FALSE(archive_file(std::string_view("/a\0b", 4), false));
  EXPECT_FALSE(archive_file("/", false));
}

TEST(RelativeUrl, ClimbsToTheCommonFolderAndEncodes) {
  EXPECT_EQ(relative_url("kennisbank/a/index.html", "hulp/index.html"), "../../hulp/index.html");
  EXPECT_EQ(relative_url("kennisbank/a/index.html", "kennisbank/index.html"), "../index.html");
  EXPECT_EQ(relative_url("index.html", "kennisbank/index.html"), "kennisbank/index.html");
  EXPECT_EQ(relative_url("kennisbank/index.html", "index.html"), "../index.html");
  EXPECT_EQ(relative_url("kennisbank/a/index.html", "kennisbank/a/bijlagen/1/stap plan.pdf"),
            "bijlagen/1/stap%20plan.pdf");
  EXPECT_EQ(relative_url("a/index.html", "a/index.html"), "index.html");
}

TEST(SplitUrl, SeparatesPathQueryAndFragment) {
  auto p = split_url("/zoeken?q=a&b=c#top");
  EXPECT_EQ(p.path, "/zoeken");
  EXPECT_EQ(p.query, "q=a&b=c");
  EXPECT_EQ(p.fragment, "top");
  EXPECT_EQ(split_url("#inhoud").path, "");
}

TEST(IsSitePath, OnlyAbsolutePathsOfThisSite) {
  EXPECT_TRUE(is_site_path("/"));
  EXPECT_TRUE(is_site_path("/kennisbank"));
  EXPECT_FALSE(is_site_path("//example.org/x"));
  EXPECT_FALSE(is_site_path("https://example.org/"));
  EXPECT_FALSE(is_site_path("tel:1712"));
  EXPECT_FALSE(is_site_path("#inhoud"));
  EXPECT_FALSE(is_site_path(""));
}

TEST(HtmlLinks, FindsUrlAttributesOutsideCommentsAndScripts) {
  const std::string html =
      "<!-- <a href=\"/comment\"> --><a class=x href=\"/a?x=1&amp;y=2\">A</a>"
      "<script>var s = '<a href=\"/in-script\">';</script><img alt='' src='/static/i.svg'>"
      "<form method=post action=/send><input name=q></form><p href=\"/not-a-link\">";
  const std::vector<std::string> want = {"/a?x=1&y=2", "/static/i.svg", "/send"};
  EXPECT_EQ(html_links(html), want);
}

TEST(RewriteLinks, ReplacesKeepsAndDropsAsTheMapperSays) {
  const std::string html =
      "<p>Zie <a class=\"c\" href=\"/kennisbank\">de kennisbank</a> en "
      "<a href=\"https://www.1712.be/\">1712</a>.</p>"
      "<form method=\"post\" action=\"/afmelden\"><button>Afmelden</button></form>"
      "<link rel=\"alternate\" href=\"/feed.xml\"><script src=\"/x.js\"></script><p>einde</p>";
  const auto out = rewrite_links(html, [](const HtmlTag& tag, const std::string& url) {
    if (url == "/kennisbank") return LinkAction{LinkAction::Kind::replace, "../k/index.html?a&b"};
    if (tag.name == "form" || tag.name == "link" || tag.name == "script")
      return LinkAction{LinkAction::Kind::drop, {}};
    return LinkAction{};
  });
  EXPECT_EQ(out,
            "<p>Zie <a class=\"c\" href=\"../k/index.html?a&amp;b\">de kennisbank</a> en "
            "<a href=\"https://www.1712.be/\">1712</a>.</p><p>einde</p>");
}

TEST(RewriteLinks, CopiesMalformedInputUnchanged) {
  for (const std::string html :
       {"<a href=\"/x", "<a href=", "<", "<a", "text < more", "<script src=\"/x\">never closed"}) {
    const auto out = rewrite_links(html, [](const HtmlTag&, const std::string&) {
      return LinkAction{LinkAction::Kind::replace, "y"};
    });
    if (html.rfind("<script", 0) == 0)
      EXPECT_EQ(out, "<script src=\"y\">never closed") << html;
    else
      EXPECT_EQ(out, html) << html;
  }
}

}  // namespace
}  // namespace schakel::archive
