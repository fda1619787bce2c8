// The kennisbank search as a visitor meets it: the results page over HTTP, the
// index following edits, visibility, bad parameters and the synonym list.
#include "catalog/search.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "catalog/service.hpp"
#include "catalog/store.hpp"
#include "reference/municipalities.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class CatalogSearch : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(CatalogSearch, schakel::testing::Backends, schakel::testing::BackendNames);

web::Principal coordinator(TestServer& server) {
  return schakel::testing::principal(server, "coordinator@demo.schakel.be");
}

Resource fiche(const std::string& title, const std::string& visibility) {
  Resource r;
  r.kind = "tool";
  r.title = title;
  r.summary = "Een werkfiche voor de eerste lijn.";
  r.body = "Gebruik dit bij een gesprek.";
  r.scope = "flemish";
  r.visibility = visibility;
  r.status = "published";
  r.themes = {"partner_violence"};
  r.tracks = {"care"};
  return r;
}

// Waits up to five seconds for `path` to contain `needle` (the index follows
// the change feed on its own thread; a generous bound, so a loaded machine
// does not fail the test — the latency itself is printed by the two-node test).
bool appears_soon(TestServer& server, const std::string& path, const std::string& needle,
                  const std::string& cookie = {}) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  do {
    if (http_get(server.port(), path, cookie).body.find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

TYPED_TEST(CatalogSearch, AProfessionalFindsCompoundsThroughTheirParts) {
  TestServer server(TypeParam::backend, {}, true);
  auto reply = http_get(server.port(), "/zoeken?q=mishandeling");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("resultaten</strong> voor „mishandeling”"), std::string::npos);
  EXPECT_NE(reply.body.find("<mark>"), std::string::npos);
  EXPECT_NE(reply.body.find("href=\"/kennisbank/vormingsreeksen-ifg\""), std::string::npos);
  // Filter links keep the query and add the value.
  EXPECT_NE(reply.body.find("href=\"/zoeken?q=mishandeling&amp;thema=child_abuse\""),
            std::string::npos);
}

// Each facet value shows its label (a municipality's name, a theme's title) and
// links to the page with its value added, percent-encoded; a chosen value that
// no fiche has shows as itself, escaped, and the other links keep it encoded.
TYPED_TEST(CatalogSearch, FacetValuesShowTheirLabelsAndLinkWithTheirValuesEncoded) {
  TestServer server(TypeParam::backend, {}, true);
  const auto& names = reference::municipality_names(server.db());
  // A chosen municipality counts over the others: they are all listed.
  const auto body = http_get(server.port(), "/zoeken?gemeente=x%26y").body;
  const std::string link = "href=\"/zoeken?gemeente=x%26y&amp;gemeente=";
  int municipalities = 0;
  for (auto at = body.find(link); at != std::string::npos; at = body.find(link, at + 1)) {
    const auto nis = body.substr(at + link.size(), 5);
    ASSERT_EQ(names.count(nis), 1u) << nis;
    const std::string shown = "\"><span class=\"facet-label\">" + names.at(nis) + "</span>";
    EXPECT_EQ(body.compare(at + link.size() + 5, shown.size(), shown), 0)
        << nis << " should show " << names.at(nis);
    ++municipalities;
  }
  EXPECT_GE(municipalities, 1);
  // The chosen value: its own label, escaped; choosing it again removes it.
  EXPECT_NE(body.find("href=\"/zoeken\" aria-current=\"true\" class=\"selected\"><span "
                      "class=\"facet-label\">x&amp;y</span> <span class=\"count\">(0)</span>"),
            std::string::npos);
  // A theme value with its title from the vocabulary.
  const auto themed = http_get(server.port(), "/zoeken?q=mishandeling").body;
  EXPECT_NE(themed.find("href=\"/zoeken?q=mishandeling&amp;thema=child_abuse\"><span "
                        "class=\"facet-label\">Kindermishandeling</span>"),
            std::string::npos);
}

TYPED_TEST(CatalogSearch, AMistypedWordIsCorrected) {
  TestServer server(TypeParam::backend, {}, true);
  auto reply = http_get(server.port(), "/zoeken?q=babobx");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("Dit zijn de resultaten voor <strong>babobox</strong>"),
            std::string::npos);
  EXPECT_NE(reply.body.find("href=\"/kennisbank/babobox\""), std::string::npos);
}

TYPED_TEST(CatalogSearch, APublishedEditIsFoundAndHiddenOnesStayHidden) {
  TestServer server(TypeParam::backend, {}, true);
  CatalogService service(server.db(), server.clock());
  ASSERT_TRUE(service.create(coordinator(server), fiche("Zeldzaamwoord openbaar", "public")));
  ASSERT_TRUE(
      service.create(coordinator(server), fiche("Zeldzaamwoord vakmensen", "professionals")));
  auto draft = fiche("Zeldzaamwoord ontwerp", "public");
  draft.status = "draft";
  ASSERT_TRUE(service.create(coordinator(server), draft));

  EXPECT_TRUE(appears_soon(server, "/zoeken?q=zeldzaamwoord", "1 resultaat"));
  auto anonymous = http_get(server.port(), "/zoeken?q=zeldzaamwoord").body;
  EXPECT_EQ(anonymous.find("vakmensen"), std::string::npos);
  EXPECT_EQ(anonymous.find("ontwerp"), std::string::npos);
  // Nor in the counts: only one tool for the public.
  EXPECT_NE(anonymous.find("Tool</span> <span class=\"count\">(1)"), std::string::npos);

  const auto pro = session_cookie(server, "professional@demo.schakel.be");
  auto professional = http_get(server.port(), "/zoeken?q=zeldzaamwoord", pro).body;
  EXPECT_NE(professional.find("2 resultaten"), std::string::npos);
  EXPECT_NE(professional.find("Zeldzaamwoord vakmensen"), std::string::npos);

  // An edit that archives the public one removes it from the results.
  auto found = CatalogStore(server.db()).find_by_slug("zeldzaamwoord-openbaar");
  ASSERT_TRUE(found);
  auto changed = *found;
  changed.status = "archived";
  ASSERT_TRUE(service.update(coordinator(server), found->id, changed));
  EXPECT_TRUE(appears_soon(server, "/zoeken?q=zeldzaamwoord", "0 resultaten"));
}

TYPED_TEST(CatalogSearch, BadParametersGiveAClearMessage) {
  TestServer server(TypeParam::backend, {}, true);
  for (const std::string& bad : std::vector<std::string>{
           "/zoeken?q=geweld&pagina=abc", "/zoeken?pagina=0", "/zoeken?pagina=99999",
           "/zoeken?sorteer=willekeurig", "/zoeken?thema=" + std::string(200, 'x')}) {
    auto reply = http_get(server.port(), bad);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_NE(reply.body.find("De zoekopdracht klopt niet"), std::string::npos) << bad;
  }
  EXPECT_EQ(http_get(server.port(), "/zoeken?q=%ZZ").status, 400);
  // A page past the end is fine: no results, no error.
  EXPECT_EQ(http_get(server.port(), "/zoeken?q=geweld&pagina=50").status, 200);
}

TYPED_TEST(CatalogSearch, FiltersCombineAndShowCountsForEachChoice) {
  TestServer server(TypeParam::backend, {}, true);
  auto all = http_get(server.port(), "/zoeken").body;
  auto one = http_get(server.port(), "/zoeken?soort=tool").body;
  auto two = http_get(server.port(), "/zoeken?soort=tool&soort=document").body;
  auto count = [](const std::string& body) {
    auto at = body.find("<p class=\"result-count\"><strong>");
    return at == std::string::npos ? -1 : std::atoi(body.c_str() + at + 32);
  };
  EXPECT_GT(count(all), count(two));
  EXPECT_GT(count(two), count(one));
  EXPECT_GT(count(one), 0);
  // The chosen filter is shown and can be taken away.
  EXPECT_NE(one.find("class=\"chip\">Soort: Tool"), std::string::npos);
}

TYPED_TEST(CatalogSearch, TheCoordinatorsSynonymsAreUsedAtOnce) {
  TestServer server(TypeParam::backend, {}, true);
  std::string csrf;
  const auto cookie = session_cookie(server, "coordinator@demo.schakel.be", &csrf);
  EXPECT_EQ(http_get(server.port(), "/zoeken?q=speelgoedkist").body.find("/kennisbank/babobox"),
            std::string::npos);

  auto bad = http_post(server.port(), "/kennisbank/synoniemen",
                       "_csrf=" + csrf + "&synonyms=alleen%20een%20woord",
                       "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Regel 1"), std::string::npos);
  EXPECT_NE(server.app().search().synonyms_text().find("huiselijk geweld"), std::string::npos);

  auto good = http_post(server.port(), "/kennisbank/synoniemen",
                        "_csrf=" + csrf + "&synonyms=babobox%2C%20speelgoedkist",
                        "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(good.status, 303);
  EXPECT_TRUE(appears_soon(server, "/zoeken?q=speelgoedkist", "/kennisbank/babobox"));
}

TYPED_TEST(CatalogSearch, SnippetsArePlainTextAndDoNotMarkStopWords) {
  TestServer server(TypeParam::backend, {}, true);
  // The training series' descriptions end in "*Voorbeeldreeks (demo).*" (Markdown).
  auto reply = http_get(server.port(), "/zoeken?q=voorbeeldreeks");
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("<mark>Voorbeeldreeks</mark> (demo)."), std::string::npos);
  EXPECT_EQ(reply.body.find("*<mark>"), std::string::npos);
  EXPECT_EQ(reply.body.find("(demo).*"), std::string::npos);
  auto stop = http_get(server.port(), "/zoeken?q=signalen+van+kindermishandeling").body;
  EXPECT_NE(stop.find("<mark>kindermishandeling</mark>"), std::string::npos);
  EXPECT_EQ(stop.find("<mark>van</mark>"), std::string::npos);
  // The field's words find the demo's spelling.
  auto elder = http_get(server.port(), "/zoeken?q=ouderenmishandeling").body;
  EXPECT_NE(elder.find("href=\"/kennisbank/demo-gent-buurtaanpak\""), std::string::npos);
  EXPECT_NE(elder.find("<mark>ouderenmis(be)handeling</mark>"), std::string::npos);
}

TYPED_TEST(CatalogSearch, ARebuildFindsWhatTheFollowerFound) {
  TestServer server(TypeParam::backend, {}, true);
  const auto before = http_get(server.port(), "/zoeken?q=geweld").body;
  server.app().search().rebuild();
  const auto after = http_get(server.port(), "/zoeken?q=geweld").body;
  auto count = [](const std::string& body) {
    auto at = body.find("<p class=\"result-count\"><strong>");
    return body.substr(at, 60);
  };
  EXPECT_EQ(count(before), count(after));
  EXPECT_EQ(server.app().search().index()->position() >= 0, true);
}

}  // namespace
}  // namespace schakel::catalog
