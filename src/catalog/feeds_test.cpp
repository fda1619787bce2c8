// The Atom feeds of the kennisbank, on a demo server.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/store.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::cookie_header;
using schakel::testing::http_get;
using schakel::testing::TestServer;

std::int64_t add_resource(TestServer& server, const std::string& slug, const std::string& title,
                          const std::string& visibility, const std::string& status,
                          std::vector<std::string> themes) {
  Resource r;
  r.slug = slug;
  r.kind = "tool";
  r.title = title;
  r.summary = "Samenvatting van " + title;
  r.scope = "flemish";
  r.visibility = visibility;
  r.status = status;
  r.themes = std::move(themes);
  const std::int64_t now = server.clock().now() + 60;
  if (status == "published") r.published_at = now;
  std::int64_t id = 0;
  server.db().transact([&](soci::session& sql) { id = CatalogStore::insert(sql, r, now); });
  return id;
}

// A theme that no demo resource has.
void add_theme(TestServer& server, const std::string& slug, const std::string& label) {
  server.db().transact([&](soci::session& sql) {
    sql << "INSERT INTO vocabulary_terms (vocabulary, slug, label, position) VALUES "
           "('theme', :s, :l, 99)",
        soci::use(slug), soci::use(label);
  });
}

int count_of(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// A small well-formedness check: every element is closed in order, attribute
// values are quoted, and every '&' starts one of the five predefined entities.
::testing::AssertionResult well_formed(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  if (xml.rfind("<?xml ", 0) != 0) return ::testing::AssertionFailure() << "no XML declaration";
  i = xml.find("?>");
  if (i == std::string::npos) return ::testing::AssertionFailure() << "declaration not closed";
  i += 2;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      bool known = false;
      for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
        if (xml.compare(i, std::strlen(e), e) == 0) known = true;
      if (!known) return ::testing::AssertionFailure() << "bare & at " << i;
      ++i;
      continue;
    }
    if (xml[i] == '>') return ::testing::AssertionFailure() << "bare > at " << i;
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    const bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    std::size_t name_end = xml.find_first_of(" \t\n/>", j);
    if (name_end == std::string::npos) return ::testing::AssertionFailure() << "tag not closed";
    const std::string name = xml.substr(j, name_end - j);
    char quote = 0;
    std::size_t k = name_end;
    for (; k < xml.size(); ++k) {
      if (quote) {
        if (xml[k] == '<') return ::testing::AssertionFailure() << "< in attribute at " << k;
        if (xml[k] == quote) quote = 0;
      } else if (xml[k] == '"' || xml[k] == '\'') {
        quote = xml[k];
      } else if (xml[k] == '>') {
        break;
      }
    }
    if (k == xml.size()) return ::testing::AssertionFailure() << "tag " << name << " not closed";
    if (closing) {
      if (open.empty() || open.back() != name)
        return ::testing::AssertionFailure() << "</" << name << "> does not match";
      open.pop_back();
    } else if (xml[k - 1] != '/') {
      open.push_back(name);
    }
    i = k + 1;
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> not closed";
  return ::testing::AssertionSuccess();
}

TEST(XmlEscape, EscapesMarkupAndDropsForbiddenCharacters) {
  EXPECT_EQ(xml_escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
  EXPECT_EQ(xml_escape(std::string("a\x01"
                                   "b\tc\x7f",
                                   6)),
            "ab\tc");
  EXPECT_EQ(xml_escape("Ouderenmis(be)handeling é"), "Ouderenmis(be)handeling é");
}

template <class B>
class FeedTest : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(FeedTest, Backends, BackendNames);

TYPED_TEST(FeedTest, PublicFeedHasPublishedPublicResourcesOnly) {
  TestServer server(TypeParam::backend, {}, true);
  add_resource(server, "gevaarlijke-titel", "<script>alert(1)</script> & \"citaat\"", "public",
               "published", {"sibling_violence"});
  add_resource(server, "voor-professionals", "Alleen voor professionals", "professionals",
               "published", {"sibling_violence"});
  add_resource(server, "nog-een-ontwerp", "Een ontwerp dat nog niet af is", "public", "draft",
               {"sibling_violence"});

  auto reply = http_get(server.port(), "/kennisbank/feed.xml");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_NE(reply.header("Cache-Control").find("public"), std::string::npos);
  const std::string& xml = reply.body;
  EXPECT_TRUE(well_formed(xml)) << xml;
  EXPECT_NE(xml.find("<feed xmlns=\"http://www.w3.org/2005/Atom\""), std::string::npos);
  EXPECT_NE(xml.find("<link rel=\"self\" type=\"application/atom+xml\" href=\"http://127.0.0.1:" +
                     std::to_string(server.port()) + "/kennisbank/feed.xml\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<author><name>"), std::string::npos);

  // Every published public demo resource and the new one; newest first.
  long long public_count = 0;
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM resources WHERE status = 'published' AND visibility = 'public'",
        soci::into(public_count);
  });
  EXPECT_EQ(count_of(xml, "<entry>"), public_count);
  EXPECT_NE(xml.find("<title type=\"text\">Barst?! met IFG-module</title>"), std::string::npos);
  const auto hostile = xml.find(
      "<title type=\"text\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
      "&quot;citaat&quot;</title>");
  ASSERT_NE(hostile, std::string::npos);
  EXPECT_LT(hostile, xml.find("Barst?!"));
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("/kennisbank/gevaarlijke-titel\"/>"), std::string::npos);
  EXPECT_NE(xml.find("term=\"sibling_violence\" label=\"Geweld tussen broers en zussen\""),
            std::string::npos);

  EXPECT_EQ(xml.find("Alleen voor professionals"), std::string::npos);
  EXPECT_EQ(xml.find("voor-professionals"), std::string::npos);
  EXPECT_EQ(xml.find("nog niet af"), std::string::npos);

  // A visitor with a session (answered without the page cache) gets the same feed.
  auto session = server.app().sessions().create(std::nullopt, "feed-test");
  auto again = http_get(server.port(), "/kennisbank/feed.xml", cookie_header(session->token));
  EXPECT_EQ(again.body, xml);
}

TYPED_TEST(FeedTest, ThemeFeedFiltersAndUnknownThemeIsNotFound) {
  TestServer server(TypeParam::backend, {}, true);
  add_theme(server, "stalking", "Stalking & <belaging>");
  add_resource(server, "broers-en-zussen", "Ruzie of geweld tussen broers en zussen", "public",
               "published", {"stalking", "sibling_violence"});
  add_resource(server, "broers-intern", "Interne nota over broers en zussen", "network",
               "published", {"stalking", "sibling_violence"});

  auto reply = http_get(server.port(), "/kennisbank/thema/stalking/feed.xml");
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(well_formed(reply.body)) << reply.body;
  EXPECT_EQ(count_of(reply.body, "<entry>"), 1);
  EXPECT_NE(reply.body.find("Ruzie of geweld tussen broers en zussen"), std::string::npos);
  EXPECT_EQ(reply.body.find("Interne nota"), std::string::npos);
  EXPECT_NE(reply.body.find("/kennisbank/thema/stalking/feed.xml\"/>"), std::string::npos);
  EXPECT_NE(reply.body.find("term=\"stalking\" label=\"Stalking &amp; &lt;belaging&gt;\""),
            std::string::npos);
  EXPECT_NE(reply.body.find("over Stalking &amp; &lt;belaging&gt;</title>"), std::string::npos);

  auto elder = http_get(server.port(), "/kennisbank/thema/elder_abuse/feed.xml");
  ASSERT_EQ(elder.status, 200);
  EXPECT_GE(count_of(elder.body, "<entry>"), 1);
  EXPECT_EQ(elder.body.find("broers-en-zussen"), std::string::npos);

  EXPECT_EQ(http_get(server.port(), "/kennisbank/thema/bestaat-niet/feed.xml").status, 404);
}

TEST(FeedDiscovery, KennisbankPageLinksToTheFeed) {
  TestServer server(store::Backend::sqlite, {}, true);
  auto reply = http_get(server.port(), "/kennisbank");
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(
      reply.body.find("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Nieuw in "
                      "de kennisbank\" href=\"/kennisbank/feed.xml\">"),
      std::string::npos);
  EXPECT_NE(reply.body.find("Abonneer via Atom"), std::string::npos);
}

}  // namespace
}  // namespace schakel::catalog
