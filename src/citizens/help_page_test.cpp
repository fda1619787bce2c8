// Help pages on SQLite and PostgreSQL: saving keeps a revision in the shared
// layer, bad input changes nothing, only coordinators edit, restore brings an old
// text back as a new revision, reserved slugs are refused, demo pages go with
// their revisions.
#include <gtest/gtest.h>

#include "citizens/help_page_demo.hpp"
#include "citizens/help_page_service.hpp"
#include "citizens/help_page_store.hpp"
#include "citizens/readability.hpp"
#include "revisions/revisions.hpp"
#include "test_support.hpp"

namespace schakel::citizens {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

web::Principal person(std::int64_t id, Role role) {
  web::Principal p;
  p.id = id;
  p.name = "Persoon " + std::to_string(id);
  p.role = role;
  return p;
}

HelpPage sample(const std::string& slug) {
  HelpPage p;
  p.slug = slug;
  p.theme = "partner_violence";
  p.title = "Titel";
  p.summary = "Korte inleiding.";
  for (const auto& s : help_sections()) p.*(s.text) = std::string("Tekst van ") + s.field + ".";
  return p;
}

template <class B>
class HelpPageServiceTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      for (const char* role : {"coordinator", "spoc"}) {
        const std::string email = std::string(role) + "@voorbeeld.be", r = role;
        long long id = 0;
        sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
               "(:e, 'x', 'x', :r, 1) RETURNING id",
            soci::use(email), soci::use(r), soci::into(id);
        (r == "coordinator" ? coordinator_ : spoc_) =
            person(id, r == "coordinator" ? Role::coordinator : Role::spoc);
      }
      auto created =
          HelpPageService::create(sql, sample("eigen-pagina"), coordinator_.id, "Eerste", 100);
      ASSERT_TRUE(created);
      id_ = created.value();
    });
  }
  HelpPageService service() { return HelpPageService(this->db(), clock_); }
  ManualClock clock_{1'800'000'000};
  web::Principal coordinator_, spoc_;
  std::int64_t id_ = 0;
};
TYPED_TEST_SUITE(HelpPageServiceTest, Backends, BackendNames);

TYPED_TEST(HelpPageServiceTest, EverySaveKeepsARevisionInTheSharedLayer) {
  auto changes = sample("eigen-pagina");
  changes.title = "Nieuwe titel";
  changes.react = "- Luister.\n- Geloof wat je hoort.";
  auto saved = this->service().save(this->coordinator_, "eigen-pagina", changes);
  ASSERT_TRUE(saved) << saved.error().fields.front().message;
  EXPECT_EQ(saved.value().title, "Nieuwe titel");
  EXPECT_EQ(saved.value().react, "- Luister.\n- Geloof wat je hoort.");
  EXPECT_EQ(saved.value().theme, "partner_violence") << "not editable";
  EXPECT_EQ(saved.value().updated_by, std::optional<std::int64_t>(this->coordinator_.id));

  auto history = revisions::RevisionStore(this->db()).list("help_page", this->id_);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].number, 2);
  EXPECT_EQ(history[0].author_label, this->coordinator_.name);
  HelpPage state;
  apply_snapshot(state, history[0].snapshot);
  EXPECT_EQ(state.title, "Nieuwe titel");
  EXPECT_EQ(history[1].author_label, "Eerste");
  EXPECT_EQ(this->service().history("eigen-pagina").size(), 2u);
}

TYPED_TEST(HelpPageServiceTest, BadInputIsRefusedByFieldAndChangesNothing) {
  auto changes = sample("eigen-pagina");
  changes.title = "  ";
  changes.talk = "";
  changes.summary = std::string(401, 'a');
  auto saved = this->service().save(this->coordinator_, "eigen-pagina", changes);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().failure, Failure::invalid);
  EXPECT_EQ(saved.error().message_for("title"), "Geef de pagina een titel.");
  EXPECT_EQ(saved.error().message_for("talk"), "Vul het deel \"Hoe begin je een gesprek?\" in.");
  EXPECT_EQ(saved.error().message_for("summary"),
            "De korte inleiding is te lang (hoogstens 400 tekens).");
  EXPECT_EQ(HelpPageStore(this->db()).find_by_slug("eigen-pagina")->title, "Titel");
  EXPECT_EQ(this->service().history("eigen-pagina").size(), 1u);
}

TYPED_TEST(HelpPageServiceTest, OnlyACoordinatorEditsAndUnknownPagesAreNotFound) {
  auto refused = this->service().save(this->spoc_, "eigen-pagina", sample("eigen-pagina"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().failure, Failure::forbidden);
  auto missing = this->service().save(this->coordinator_, "bestaat-niet", sample("x"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().failure, Failure::not_found);
  EXPECT_EQ(this->service().restore(this->spoc_, "eigen-pagina", 1).error().failure,
            Failure::forbidden);
}

TYPED_TEST(HelpPageServiceTest, RestoreBringsAnOldTextBackAsANewRevision) {
  auto changes = sample("eigen-pagina");
  changes.title = "Tweede titel";
  ASSERT_TRUE(this->service().save(this->coordinator_, "eigen-pagina", changes));
  auto restored = this->service().restore(this->coordinator_, "eigen-pagina", 1);
  ASSERT_TRUE(restored);
  EXPECT_EQ(restored.value().title, "Titel");
  EXPECT_EQ(this->service().history("eigen-pagina").size(), 3u);
  auto gone = this->service().restore(this->coordinator_, "eigen-pagina", 9);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().failure, Failure::not_found);
}

TYPED_TEST(HelpPageServiceTest, ReservedTakenAndBadSlugsAreRefused) {
  for (const std::string slug :
       {"1712", "in-de-buurt", "dichtbij", "eigen-pagina", "Hoofd", "met spatie", ""}) {
    auto created = this->db().transact([&](soci::session& sql) {
      return HelpPageService::create(sql, sample(slug), std::nullopt, "x", 1);
    });
    ASSERT_FALSE(created) << slug;
    EXPECT_FALSE(created.error().message_for("slug").empty()) << slug;
  }
}

TYPED_TEST(HelpPageServiceTest, DemoPagesGoWithTheirRevisions) {
  this->db().transact([&](soci::session& sql) { load_help_page_demo(sql, this->clock_); });
  const auto demo = HelpPageStore(this->db()).find_by_slug("kindermishandeling");
  ASSERT_TRUE(demo);
  EXPECT_EQ(revisions::RevisionStore(this->db()).list("help_page", demo->id).size(), 1u);
  this->db().transact([](soci::session& sql) { HelpPageStore::delete_demo(sql); });
  EXPECT_FALSE(HelpPageStore(this->db()).find_by_slug("kindermishandeling"));
  EXPECT_TRUE(revisions::RevisionStore(this->db()).list("help_page", demo->id).empty());
  EXPECT_TRUE(HelpPageStore(this->db()).find_by_slug("eigen-pagina")) << "not a demo page";
}

TEST(HelpPageDemo, EveryPageHasEverySectionAndReadsEasily) {
  const auto pages = demo_help_pages();
  ASSERT_EQ(pages.size(), 4u);
  std::vector<std::string> themes;
  for (const auto& p : pages) {
    themes.push_back(p.theme);
    EXPECT_TRUE(validate_help_page(p).empty()) << p.slug;
    const auto r = readability(editable_text(p));
    ASSERT_TRUE(r) << p.slug;
    EXPECT_GT(r->score, 60) << p.slug << " reads at " << r->score;
    for (const auto& s : help_sections()) {
      const auto part = readability(p.*(s.text));
      ASSERT_TRUE(part) << p.slug << " " << s.field;
      EXPECT_GT(part->score, 60) << p.slug << " " << s.field << " reads at " << part->score;
    }
    // Plain Dutch speaks to the reader with "je", never "u".
    for (const std::string formal : {" u ", " uw ", "U "})
      EXPECT_EQ(editable_text(p).find(formal), std::string::npos) << p.slug << ": " << formal;
  }
  EXPECT_EQ(themes,
            (std::vector<std::string>{"", "partner_violence", "child_abuse", "elder_abuse"}));
}

}  // namespace
}  // namespace schakel::citizens
