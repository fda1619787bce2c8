// The kennisbank form over HTTP (issue 10): the kind is chosen first (a GET
// step, so it works without JavaScript) and the form shows that kind's fields;
// municipalities by name, a publisher's default is "Gepubliceerd", the heading
// stays "Nieuwe fiche" after a validation error, and the resource page links
// its themes, audiences, age groups, tracks and municipality to the search.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class CatalogForm : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  bool has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
  }
  std::string h1(const std::string& body) {
    const auto a = body.find("<h1>"), b = body.find("</h1>");
    return a == std::string::npos || b == std::string::npos ? "" : body.substr(a + 4, b - a - 4);
  }
  // Posts a new resource as the owner of `cookie`; `fields` are added to a valid body.
  testing::HttpReply post_new(const std::string& cookie, const std::string& csrf,
                              const std::string& title, const std::string& fields) {
    const std::string body =
        "_csrf=" + web::percent_encode(csrf) + "&kind=tool&title=" + web::percent_encode(title) +
        "&summary=Een+korte+samenvatting.&scope=flemish&visibility=public" + fields;
    return http_post(server_->port(), "/kennisbank/nieuw", body,
                     "application/x-www-form-urlencoded", cookie);
  }
  std::unique_ptr<TestServer> server_;
};
TYPED_TEST_SUITE(CatalogForm, Backends, BackendNames);

TYPED_TEST(CatalogForm, TheKindIsChosenFirstAndTheFormShowsOnlyItsFields) {
  const auto port = this->server_->port();
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  const auto step = http_get(port, "/kennisbank/nieuw", cookie);
  EXPECT_EQ(step.status, 200);
  EXPECT_TRUE(this->has(step.body, "method=\"get\" action=\"/kennisbank/nieuw\""));
  EXPECT_TRUE(this->has(step.body, "name=\"soort\" value=\"podcast_episode\""));
  EXPECT_FALSE(this->has(step.body, "name=\"title\"")) << "no fields before the kind";

  const auto tool = http_get(port, "/kennisbank/nieuw?soort=tool", cookie);
  EXPECT_EQ(tool.status, 200);
  EXPECT_TRUE(this->has(tool.body, "name=\"kind\" value=\"tool\""));
  EXPECT_TRUE(this->has(tool.body, "name=\"title\""));
  EXPECT_FALSE(this->has(tool.body, "name=\"audio_url\"")) << "no podcast fields for a tool";
  EXPECT_FALSE(this->has(tool.body, "name=\"duration\""));
  EXPECT_EQ(tool.body.find("<legend>Podcast</legend>"), std::string::npos);

  const auto podcast = http_get(port, "/kennisbank/nieuw?soort=podcast_episode", cookie);
  EXPECT_TRUE(this->has(podcast.body, "<legend>Podcast</legend>"));
  EXPECT_TRUE(this->has(podcast.body, "name=\"audio_url\""));
  EXPECT_TRUE(this->has(podcast.body, "name=\"duration\""));

  EXPECT_EQ(http_get(port, "/kennisbank/nieuw?soort=geen-soort", cookie).status, 400);
}

TYPED_TEST(CatalogForm, OnlyKindsThatAreAssessedGetTheAssessmentFields) {
  const auto port = this->server_->port();
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  const std::string legend = "<legend>Om te beoordelen of je het kan gebruiken</legend>";
  for (const char* kind : {"tool", "good_practice", "initiative", "training_offer"}) {
    const auto form = http_get(port, std::string("/kennisbank/nieuw?soort=") + kind, cookie);
    EXPECT_TRUE(this->has(form.body, legend)) << kind;
    EXPECT_TRUE(this->has(form.body, "name=\"transferability\"")) << kind;
    EXPECT_TRUE(this->has(form.body, "name=\"evidence_level\"")) << kind;
  }
  for (const char* kind : {"document", "podcast_episode", "campaign_material", "funding_call"}) {
    const auto form = http_get(port, std::string("/kennisbank/nieuw?soort=") + kind, cookie);
    EXPECT_EQ(form.status, 200) << kind;
    EXPECT_FALSE(this->has(form.body, legend)) << kind;
    for (const char* field : {"rationale", "target_group", "goals", "approach", "conditions",
                              "transferability", "cost", "training_needed", "evidence_level"})
      EXPECT_FALSE(this->has(form.body, std::string("name=\"") + field + "\"")) << kind << field;
    EXPECT_TRUE(this->has(form.body, "name=\"contact_name\"")) << kind;
  }
}

TYPED_TEST(CatalogForm, AssessmentTextStaysVisibleWhenTheKindChangesSoASaveKeepsIt) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be", &csrf);
  auto saved = this->post_new(cookie, csrf, "Fiche met een aanleiding",
                              "&owner_nis_code=44021&status=published&rationale=Veel+meldingen");
  ASSERT_EQ(saved.status, 303) << saved.body;
  const std::string edit = saved.header("Location") + "/bewerken";
  const auto as_document = http_get(port, edit + "?soort=document&stap=formulier", cookie);
  ASSERT_EQ(as_document.status, 200);
  EXPECT_TRUE(this->has(as_document.body, ">Veel meldingen</textarea>"));
  // A document without such text does without the fields.
  const auto document = http_get(port, "/kennisbank/beleidsaanbevelingen/bewerken",
                                 session_cookie(*this->server_, "coordinator@demo.schakel.be"));
  ASSERT_EQ(document.status, 200);
  EXPECT_FALSE(this->has(document.body, "name=\"rationale\""));
}

TYPED_TEST(CatalogForm, AKindStepSentWithoutAKindShowsAnErrorAndStoresNothing) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be", &csrf);
  const auto first = http_get(port, "/kennisbank/nieuw", cookie);
  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(this->has(first.body, "error-summary")) << "a first visit is no error";
  EXPECT_TRUE(this->has(first.body, "<input type=\"hidden\" name=\"stap\" value=\"formulier\">"));
  // The step sent with no kind chosen (a browser sends only stap=formulier).
  const auto none = http_get(port, "/kennisbank/nieuw?stap=formulier", cookie);
  EXPECT_EQ(none.status, 400);
  EXPECT_TRUE(this->has(none.body, "error-summary"));
  EXPECT_TRUE(this->has(none.body, "Kies een soort fiche."));
  EXPECT_TRUE(this->has(none.body, "href=\"#soort-tool\""));
  EXPECT_FALSE(this->has(none.body, "name=\"title\"")) << "the step again, not the form";
  const auto empty = http_get(port, "/kennisbank/nieuw?soort=&stap=formulier", cookie);
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(this->has(empty.body, "Kies een soort fiche."));
  const auto coordinator = session_cookie(*this->server_, "coordinator@demo.schakel.be");
  const auto edit = http_get(port, "/kennisbank/babobox/bewerken?stap=formulier", coordinator);
  EXPECT_EQ(edit.status, 400);
  EXPECT_TRUE(this->has(edit.body, "Kies een soort fiche."));

  // A form posted without a kind: the form again with the error, nothing stored.
  long long before = 0, after = 0;
  auto count = [&](long long& n) {
    this->server_->db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM resources", soci::into(n); });
  };
  count(before);
  const auto posted = http_post(port, "/kennisbank/nieuw",
                                "_csrf=" + web::percent_encode(csrf) +
                                    "&kind=&title=Zonder+soort&summary=Kort.&scope=flemish"
                                    "&visibility=public&owner_nis_code=44021&status=published",
                                "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(posted.status, 422);
  EXPECT_TRUE(this->has(posted.body, "Kies een soort."));
  EXPECT_TRUE(this->has(posted.body, "value=\"Zonder soort\""));
  count(after);
  EXPECT_EQ(after, before);
}

TYPED_TEST(CatalogForm, FieldsAreGroupedByPurpose) {
  const auto form = http_get(this->server_->port(), "/kennisbank/nieuw?soort=tool",
                             session_cookie(*this->server_, "spoc.gent@demo.schakel.be"));
  for (const char* legend : {"Wat is het?", "Om te beoordelen of je het kan gebruiken", "Contact",
                             "Onderwerp en doelgroep", "Gemeente en publicatie", "Links"})
    EXPECT_TRUE(this->has(form.body, std::string("<legend>") + legend + "</legend>")) << legend;
}

TYPED_TEST(CatalogForm, MunicipalitiesAreNamedAndTheCoordinatorMayChooseEveryMember) {
  const auto port = this->server_->port();
  const auto spoc = http_get(port, "/kennisbank/nieuw?soort=tool",
                             session_cookie(*this->server_, "spoc.gent@demo.schakel.be"));
  EXPECT_TRUE(this->has(spoc.body, "<option value=\"44021\" selected>Gent</option>"));
  EXPECT_FALSE(this->has(spoc.body, ">44021</option>"));
  EXPECT_FALSE(this->has(spoc.body, ">Aalst</option>")) << "only the SPOC's own municipality";

  const auto coordinator = http_get(port, "/kennisbank/nieuw?soort=tool",
                                    session_cookie(*this->server_, "coordinator@demo.schakel.be"));
  EXPECT_TRUE(this->has(coordinator.body, "<option value=\"41002\">Aalst</option>"));
  EXPECT_TRUE(this->has(coordinator.body, ">Gent</option>"));
  EXPECT_TRUE(this->has(coordinator.body, "<option value=\"24062\">Leuven</option>"));
}

TYPED_TEST(CatalogForm, APublisherStartsFromPublishedAndIsNotToldOfAReview) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be", &csrf);
  const auto form = http_get(port, "/kennisbank/nieuw?soort=tool", cookie);
  EXPECT_TRUE(this->has(form.body, "<option value=\"published\" selected>Gepubliceerd</option>"));
  EXPECT_FALSE(this->has(form.body, "nagelezen door een SPOC"));

  // Sent as it came: published, and the message says so.
  auto saved =
      this->post_new(cookie, csrf, "Fiche van Gent", "&owner_nis_code=44021&status=published");
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto shown = http_get(port, saved.header("Location"), cookie);
  EXPECT_TRUE(this->has(shown.body, "De fiche is gepubliceerd."));
  EXPECT_FALSE(this->has(shown.body, "nagelezen"));

  // Kept for review by choice: no thanks for a proposal either.
  saved = this->post_new(cookie, csrf, "Tweede fiche van Gent",
                         "&owner_nis_code=44021&status=in_review");
  ASSERT_EQ(saved.status, 303);
  shown = http_get(port, saved.header("Location"), cookie);
  EXPECT_TRUE(this->has(shown.body, "met de status Ter nalezing"));
  EXPECT_FALSE(this->has(shown.body, "Je voorstel wordt nagelezen"));
}

TYPED_TEST(CatalogForm, AProfessionalsProposalIsReviewed) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "professional@demo.schakel.be", &csrf);
  const auto form = http_get(port, "/kennisbank/nieuw?soort=tool", cookie);
  EXPECT_FALSE(this->has(form.body, "id=\"status\""));
  EXPECT_TRUE(this->has(form.body, "Je voorstel wordt nagelezen"));
  const auto saved = this->post_new(cookie, csrf, "Voorstel van een professional", "");
  ASSERT_EQ(saved.status, 303);
  EXPECT_TRUE(this->has(http_get(port, saved.header("Location"), cookie).body,
                        "Je voorstel wordt nagelezen"));
}

TYPED_TEST(CatalogForm, TheHeadingStaysNewAfterAValidationError) {
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be", &csrf);
  const auto body = "_csrf=" + web::percent_encode(csrf) +
                    "&kind=tool&title=Een+titel&summary=&scope=flemish&visibility=public";
  const auto again = http_post(this->server_->port(), "/kennisbank/nieuw", body,
                               "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(this->h1(again.body), "Nieuwe fiche");
  EXPECT_TRUE(this->has(again.body, "value=\"Een titel\"")) << "what was typed stays";
  EXPECT_TRUE(this->has(again.body, "Soort: <strong>Tool</strong>"));
}

TYPED_TEST(CatalogForm, AnEditorMayChooseAnotherKindWithoutJavaScript) {
  const auto port = this->server_->port();
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be");
  const auto form = http_get(port, "/kennisbank/babobox/bewerken", cookie);
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(this->h1(form.body), "Fiche bewerken");
  EXPECT_TRUE(this->has(form.body, "href=\"/kennisbank/babobox/bewerken?stap=soort\""));
  const auto step = http_get(port, "/kennisbank/babobox/bewerken?stap=soort", cookie);
  EXPECT_EQ(step.status, 200);
  EXPECT_TRUE(this->has(step.body, "action=\"/kennisbank/babobox/bewerken\""));
  const auto podcast = http_get(port, "/kennisbank/babobox/bewerken?soort=podcast_episode", cookie);
  EXPECT_TRUE(this->has(podcast.body, "name=\"kind\" value=\"podcast_episode\""));
  EXPECT_TRUE(this->has(podcast.body, "name=\"audio_url\""));
}

TYPED_TEST(CatalogForm, TheResourcePageLinksItsTopicsToTheFilteredSearch) {
  const auto port = this->server_->port();
  const auto page = http_get(port, "/kennisbank/vormingsreeksen-ifg");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(this->has(page.body, "href=\"/zoeken?thema=child_abuse\""));
  EXPECT_TRUE(this->has(page.body, "href=\"/zoeken?doelgroep=teachers\""));
  EXPECT_TRUE(this->has(page.body, "href=\"/zoeken?leeftijd=adults\""));
  EXPECT_TRUE(this->has(page.body, "href=\"/zoeken?spoor=prevention\">Nabijheid</a>"));
  EXPECT_TRUE(this->has(page.body, "href=\"/vorming\"")) << "a training offer links the calendar";

  const auto local = http_get(port, "/kennisbank/demo-gent-buurtaanpak");
  EXPECT_TRUE(this->has(local.body, "href=\"/zoeken?gemeente=44021\">Gent</a>"));

  // The links are filters the search understands.
  const auto search = http_get(port, "/zoeken?gemeente=44021");
  EXPECT_EQ(search.status, 200);
  EXPECT_TRUE(this->has(search.body, "/kennisbank/demo-gent-buurtaanpak"));
  EXPECT_FALSE(this->has(search.body, "/kennisbank/demo-aalst-schoolprotocol"));
  const auto theme = http_get(port, "/zoeken?thema=elder_abuse");
  EXPECT_TRUE(this->has(theme.body, "/kennisbank/demo-gent-buurtaanpak"));
  EXPECT_FALSE(this->has(theme.body, "/kennisbank/demo-aalst-schoolprotocol"));
}

}  // namespace
}  // namespace schakel::catalog
