// The help pages over HTTP on the demo content: public pages without cookies and
// with no-store, 404 for an unknown page, the editor for coordinators only (403
// for others), 422 with Dutch messages for bad input, the readability score on
// preview and save, history and restore, and the search finding help pages
// first for a citizen's question.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "search/engine.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::citizens {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

// A complete form body for the editor, with `title` and the talk section `talk`.
std::string form_body(const std::string& csrf, const std::string& title, const std::string& talk,
                      const std::string& action = "bewaren") {
  auto e = [](const std::string& s) { return web::percent_encode(s); };
  return "_csrf=" + e(csrf) + "&actie=" + action + "&title=" + e(title) +
         "&summary=" + e("Korte inleiding.") + "&what_is_it=" + e("Wat het is.") +
         "&recognise=" + e("Hoe je het ziet.") + "&react=" + e("- Luister.") + "&talk=" + e(talk) +
         "&where_to_go=" + e("Bel 1712.");
}

template <class B>
class HelpPagesHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  unsigned short port() { return server_->port(); }
  std::unique_ptr<TestServer> server_;
};
TYPED_TEST_SUITE(HelpPagesHttp, Backends, BackendNames);

TYPED_TEST(HelpPagesHttp, CitizensReadTheIndexAndEveryPageWithoutCookies) {
  const auto index = http_get(this->port(), "/hulp");
  ASSERT_EQ(index.status, 200);
  for (const char* slug :
       {"geweld-thuis", "partnergeweld", "kindermishandeling", "ouderenmishandeling"}) {
    EXPECT_TRUE(has(index.body, std::string("href=\"/hulp/") + slug + "\"")) << slug;
    const auto page = http_get(this->port(), std::string("/hulp/") + slug);
    ASSERT_EQ(page.status, 200) << slug;
    EXPECT_TRUE(page.headers("Set-Cookie").empty()) << slug;
    EXPECT_EQ(page.header("Cache-Control"), "no-store") << slug;
    for (const char* heading :
         {"Wat is het?", "Hoe herken je het?", "Wat kun je doen als je iets vermoedt?",
          "Hoe begin je een gesprek?", "Waar kun je terecht?"})
      EXPECT_TRUE(has(page.body, heading)) << slug << ": " << heading;
    EXPECT_TRUE(has(page.body, "href=\"tel:1712\"")) << slug;
    EXPECT_FALSE(has(page.body, "/bewerken")) << "no editor link for visitors";
  }
  EXPECT_TRUE(index.headers("Set-Cookie").empty());
  EXPECT_EQ(index.header("Cache-Control"), "no-store");
}

TYPED_TEST(HelpPagesHttp, AnUnknownPageIsNotFound) {
  EXPECT_EQ(http_get(this->port(), "/hulp/bestaat-niet").status, 404);
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be");
  EXPECT_EQ(http_get(this->port(), "/hulp/bestaat-niet/bewerken", cookie).status, 404);
  EXPECT_EQ(http_get(this->port(), "/hulp/bestaat-niet/geschiedenis", cookie).status, 404);
}

TYPED_TEST(HelpPagesHttp, OnlyCoordinatorsOpenTheEditor) {
  for (const char* email :
       {"professional@demo.schakel.be", "spoc.gent@demo.schakel.be", "admin@demo.schakel.be"}) {
    std::string csrf;
    const auto cookie = session_cookie(*this->server_, email, &csrf);
    EXPECT_EQ(http_get(this->port(), "/hulp/partnergeweld/bewerken", cookie).status, 403) << email;
    const auto post = http_post(this->port(), "/hulp/partnergeweld/bewerken",
                                form_body(csrf, "Overgenomen", "Tekst."),
                                "application/x-www-form-urlencoded", cookie);
    EXPECT_EQ(post.status, 403) << email;
  }
  const auto anonymous = http_get(this->port(), "/hulp/partnergeweld/bewerken");
  EXPECT_EQ(anonymous.status, 303) << "visitors sign in first";
  EXPECT_FALSE(has(http_get(this->port(), "/hulp/partnergeweld").body, "Overgenomen"));
}

TYPED_TEST(HelpPagesHttp, BadInputShowsTheFormAgainWithDutchMessages) {
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  const auto reply =
      http_post(this->port(), "/hulp/partnergeweld/bewerken", form_body(csrf, "", ""),
                "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(reply.status, 422);
  EXPECT_TRUE(has(reply.body, "Geef de pagina een titel."));
  EXPECT_TRUE(has(reply.body, "Vul het deel &quot;Hoe begin je een gesprek?&quot; in.") ||
              has(reply.body, "Vul het deel \"Hoe begin je een gesprek?\" in."));
  EXPECT_TRUE(has(http_get(this->port(), "/hulp/partnergeweld").body, "<h1>Partnergeweld</h1>"));
}

TYPED_TEST(HelpPagesHttp, TheEditorScoresTheTextAndPreviewSavesNothing) {
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  const auto form = http_get(this->port(), "/hulp/partnergeweld/bewerken", cookie);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "Makkelijk te lezen"));

  const std::string hard =
      "Intrafamiliaal geweld veroorzaakt langdurige psychologische schade bij slachtoffers en "
      "getuigen, waardoor multidisciplinaire samenwerking tussen hulpverleningsorganisaties "
      "noodzakelijk is.";
  const auto preview = http_post(this->port(), "/hulp/partnergeweld/bewerken",
                                 form_body(csrf, "Partnergeweld", hard, "voorbeeld"),
                                 "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(preview.status, 200);
  EXPECT_TRUE(
      has(preview.body, "Hoe begin je een gesprek?: <span class=\"readability-part-score\">-"))
      << "the hard part scores below 0";
  EXPECT_TRUE(has(preview.body, "Moeilijk te lezen"));
  EXPECT_TRUE(has(preview.body, "nog niet bewaard"));
  EXPECT_FALSE(has(http_get(this->port(), "/hulp/partnergeweld").body, "Intrafamiliaal"));

  const auto saved = http_post(this->port(), "/hulp/partnergeweld/bewerken",
                               form_body(csrf, "Partnergeweld", "Praat rustig. Luister goed."),
                               "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.header("Location"), "/hulp/partnergeweld");
  EXPECT_TRUE(has(http_get(this->port(), "/hulp/partnergeweld").body, "Praat rustig."));
}

TYPED_TEST(HelpPagesHttp, ACoordinatorRestoresAnEarlierRevision) {
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  ASSERT_EQ(http_post(this->port(), "/hulp/kindermishandeling/bewerken",
                      form_body(csrf, "Een andere titel", "Praat rustig."),
                      "application/x-www-form-urlencoded", cookie)
                .status,
            303);
  const auto history = http_get(this->port(), "/hulp/kindermishandeling/geschiedenis", cookie);
  ASSERT_EQ(history.status, 200);
  EXPECT_TRUE(has(history.body, "Versie 2 (huidige)"));
  // What changed, line by line, as in the kennisbank's history.
  EXPECT_TRUE(has(history.body, "<h3>Titel</h3>"));
  EXPECT_TRUE(has(history.body, "Toegevoegd: </span>+ Een andere titel"));
  EXPECT_TRUE(has(history.body, "Verwijderd: </span>− Kindermishandeling"));
  EXPECT_TRUE(has(history.body, "/hulp/kindermishandeling/versies/1/herstellen"));
  const auto restore =
      http_post(this->port(), "/hulp/kindermishandeling/versies/1/herstellen",
                "_csrf=" + web::percent_encode(csrf), "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(restore.status, 303);
  EXPECT_TRUE(
      has(http_get(this->port(), "/hulp/kindermishandeling").body, "<h1>Kindermishandeling</h1>"));
  EXPECT_TRUE(has(http_get(this->port(), "/hulp/kindermishandeling/geschiedenis", cookie).body,
                  "Versie 3 (huidige)"));
  for (const char* bad : {"/hulp/kindermishandeling/versies/9/herstellen",
                          "/hulp/kindermishandeling/versies/nul/herstellen",
                          "/hulp/bestaat-niet/versies/1/herstellen"})
    EXPECT_EQ(http_post(this->port(), bad, "_csrf=" + web::percent_encode(csrf),
                        "application/x-www-form-urlencoded", cookie)
                  .status,
              404)
        << bad;
}

TYPED_TEST(HelpPagesHttp, ACoordinatorFindsTheEditorFromThePage) {
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be");
  const auto page = http_get(this->port(), "/hulp/ouderenmishandeling", cookie);
  EXPECT_TRUE(has(page.body, "href=\"/hulp/ouderenmishandeling/bewerken\""));
  EXPECT_TRUE(has(page.body, "href=\"/hulp/ouderenmishandeling/geschiedenis\""));
  EXPECT_TRUE(has(http_get(this->port(), "/hulp", cookie).body,
                  "href=\"/hulp/ouderenmishandeling/bewerken\""));
}

TYPED_TEST(HelpPagesHttp, ACoordinatorAddsAPageThatCitizensThenRead) {
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  EXPECT_TRUE(has(http_get(this->port(), "/hulp", cookie).body, "href=\"/hulp/nieuw\""));
  ASSERT_EQ(http_get(this->port(), "/hulp/nieuw", cookie).status, 200);
  const auto post =
      http_post(this->port(), "/hulp/nieuw",
                form_body(csrf, "Geweld op school", "Praat rustig.") + "&slug=geweld-op-school",
                "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(post.header("Location"), "/hulp/geweld-op-school");
  const auto page = http_get(this->port(), "/hulp/geweld-op-school");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "<h1>Geweld op school</h1>"));
  EXPECT_TRUE(has(http_get(this->port(), "/hulp").body, "href=\"/hulp/geweld-op-school\""));
  // Its first revision is kept, as for every save.
  EXPECT_TRUE(has(http_get(this->port(), "/hulp/geweld-op-school/geschiedenis", cookie).body,
                  "Geweld op school"));
}

TYPED_TEST(HelpPagesHttp, ANewPageWithABadAddressOrTextIsRefusedAndNothingIsMade) {
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  struct Case {
    const char* slug;
    const char* title;
    const char* message;
  };
  const Case cases[] = {
      {"partnergeweld", "Dubbel", "Er is al een pagina met dit adres."},
      {"1712", "Gereserveerd", "Dit adres is al voor iets anders in gebruik."},
      {"nieuw", "Gereserveerd", "Dit adres is al voor iets anders in gebruik."},
      {"Geen Hoofdletters", "Vorm", "alleen kleine letters, cijfers en"},
      {"", "Leeg adres", "alleen kleine letters, cijfers en"},
      {"lege-titel", "", "Geef de pagina een titel."},
  };
  for (const auto& c : cases) {
    const auto reply =
        http_post(this->port(), "/hulp/nieuw",
                  form_body(csrf, c.title, "Tekst.") + "&slug=" + web::percent_encode(c.slug),
                  "application/x-www-form-urlencoded", cookie);
    EXPECT_EQ(reply.status, 422) << c.slug;
    EXPECT_TRUE(has(reply.body, c.message)) << c.slug;
  }
  EXPECT_EQ(http_get(this->port(), "/hulp/lege-titel").status, 404);
  EXPECT_EQ(http_get(this->port(), "/hulp/geen-hoofdletters").status, 404);
  EXPECT_TRUE(has(http_get(this->port(), "/hulp/partnergeweld").body, "<h1>Partnergeweld</h1>"));
  // Others may not add pages.
  std::string other_csrf;
  const auto professional =
      session_cookie(*this->server_, "professional@demo.schakel.be", &other_csrf);
  EXPECT_EQ(http_get(this->port(), "/hulp/nieuw", professional).status, 403);
  const auto refused = http_post(this->port(), "/hulp/nieuw",
                                 form_body(other_csrf, "Van mij", "Tekst.") + "&slug=van-mij",
                                 "application/x-www-form-urlencoded", professional);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(http_get(this->port(), "/hulp/van-mij").status, 404);
  EXPECT_EQ(http_get(this->port(), "/hulp/nieuw").status, 303) << "visitors sign in first";
}

// The first result of `query` in the site search, as a citizen sees it.
std::string first_result(TestServer& server, const std::string& query) {
  search::SearchQuery q;
  q.text = query;
  q.visibilities = {"public"};
  q.limit = 3;
  const auto outcome = server.app().search().search(q);
  if (outcome.hits.empty()) return "";
  auto data = nlohmann::json::parse(outcome.hits.front().data, nullptr, false);
  return data.is_discarded() ? "" : data.value("href", outcome.hits.front().key);
}

TEST(HelpPageSearch, ACitizensQuestionFindsAHelpPageFirst) {
  TestServer server(store::Backend::sqlite, {}, true);
  ASSERT_TRUE(server.app().search().is_open());
  EXPECT_EQ(first_result(server, "hulp").rfind("/hulp/", 0), 0u) << first_result(server, "hulp");
  EXPECT_EQ(first_result(server, "mijn partner slaat mij"), "/hulp/partnergeweld");
  EXPECT_EQ(first_result(server, "ik maak me zorgen over mijn buurkind"),
            "/hulp/kindermishandeling");
}

TEST(HelpPageSearch, TheResultsPageNamesAHelpPage) {
  TestServer server(store::Backend::sqlite, {}, true);
  const auto reply = http_get(server.port(), "/zoeken?q=mijn+partner+slaat+mij");
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(has(reply.body, "href=\"/hulp/partnergeweld\""));
  EXPECT_TRUE(has(reply.body, "Hulppagina"));
}

TEST(HelpPageSearch, TheKennisbankApiListsNoHelpPages) {
  TestServer server(store::Backend::sqlite, {}, true);
  const auto reply = http_get(server.port(), "/api/v1/resources?q=kindermishandeling&per_page=100");
  ASSERT_EQ(reply.status, 200);
  const auto body = nlohmann::json::parse(reply.body);
  ASSERT_FALSE(body["items"].empty());
  for (const auto& item : body["items"])
    EXPECT_EQ(item["url"].get<std::string>().find("/hulp/"), std::string::npos) << item["url"];
  for (const auto& kind : body["facets"]["kind"]) {
    EXPECT_FALSE(kind["selected"].get<bool>()) << kind["value"];
    EXPECT_GT(kind["count"].get<int>(), 0) << kind["value"];
  }
  // The site search does find them.
  EXPECT_TRUE(has(http_get(server.port(), "/zoeken?q=kindermishandeling").body,
                  "href=\"/hulp/kindermishandeling\""));
}

}  // namespace
}  // namespace schakel::citizens
