#include "catalog/service.hpp"

#include <gtest/gtest.h>

#include "network/store.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

web::Principal person(std::int64_t id, std::string role, std::vector<std::string> spoc_of = {}) {
  web::Principal p;
  p.id = id;
  p.name = role + " " + std::to_string(id);
  p.role = parse_role(role).value();
  p.spoc_of = std::move(spoc_of);
  return p;
}

Resource draft(const std::string& title, const std::string& owner = "44021") {
  Resource r;
  r.kind = "tool";
  r.title = title;
  r.summary = "Een kaartspel om met kinderen over conflict te praten.";
  r.body = "Regel een\nRegel twee\n";
  r.owner_nis_code = owner;
  r.scope = "local";
  r.themes = {"child_abuse"};
  r.tracks = {"prevention"};
  r.status = "published";
  return r;
}

template <class B>
class CatalogServiceTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    // Users 1..4 exist so the revisions' author references hold.
    this->db().transact([&](soci::session& sql) {
      for (int i = 1; i <= 4; ++i) {
        const std::string email = "u" + std::to_string(i) + "@voorbeeld.be";
        sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
               "(:e, 'x', 'x', 'professional', 1)",
            soci::use(email);
      }
    });
  }
  ManualClock clock_{1'800'000'000};
  web::Principal professional_ = person(1, "professional");
  web::Principal spoc_gent_ = person(2, "spoc", {"44021"});
  web::Principal spoc_aalst_ = person(3, "spoc", {"41002"});
  web::Principal coordinator_ = person(4, "coordinator");
};
TYPED_TEST_SUITE(CatalogServiceTest, Backends, BackendNames);

TYPED_TEST(CatalogServiceTest, AProfessionalsProposalGoesToReview) {
  CatalogService s(this->db(), this->clock_);
  auto r = s.create(this->professional_, draft("Babobox", ""));
  ASSERT_FALSE(r.ok());  // local without a municipality
  auto flemish = draft("Babobox", "");
  flemish.scope = "flemish";
  auto created = s.create(this->professional_, flemish);
  ASSERT_TRUE(created.ok()) << created.error().fields.front().message;
  EXPECT_EQ(created.value().status, "in_review");
  EXPECT_FALSE(created.value().published_at.has_value());
  EXPECT_EQ(created.value().slug, "babobox");
  EXPECT_EQ(s.update(this->professional_, created.value().id, flemish).error().failure,
            Failure::forbidden);
}

TYPED_TEST(CatalogServiceTest, ASpocPublishesForTheirOwnMunicipalityOnly) {
  CatalogService s(this->db(), this->clock_);
  auto created = s.create(this->spoc_gent_, draft("Gentse aanpak ouderenmis(be)handeling"));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.value().status, "published");
  EXPECT_TRUE(created.value().published_at.has_value());
  EXPECT_EQ(created.value().slug, "gentse-aanpak-ouderenmis-be-handeling");
  EXPECT_EQ(s.update(this->spoc_aalst_, created.value().id, draft("Overgenomen")).error().failure,
            Failure::forbidden);
  auto moved = draft("Naar Aalst", "41002");
  EXPECT_FALSE(s.update(this->spoc_gent_, created.value().id, moved)
                   .error()
                   .message_for("owner_nis_code")
                   .empty());
  // Aalst's SPOC proposes for Gent: that is a proposal, it goes to review.
  auto proposal = s.create(this->spoc_aalst_, draft("Voorstel voor Gent"));
  ASSERT_TRUE(proposal.ok());
  EXPECT_EQ(proposal.value().status, "in_review");
}

TYPED_TEST(CatalogServiceTest, EverySaveKeepsARevisionAndAnyRevisionCanBeRestored) {
  CatalogService s(this->db(), this->clock_);
  auto created = s.create(this->coordinator_, draft("Barst?!"));
  ASSERT_TRUE(created.ok());
  auto second = created.value();
  second.summary = "Een serious game voor het secundair, altijd in de klas nabesproken.";
  second.themes = {"child_abuse", "partner_violence"};
  ASSERT_TRUE(s.update(this->coordinator_, second.id, second).ok());
  CatalogStore store(this->db());
  auto revisions = store.revisions(second.id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0].number, 2);
  auto restored = s.restore(this->coordinator_, second.id, 1);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored.value().summary, created.value().summary);
  EXPECT_EQ(restored.value().themes, std::vector<std::string>{"child_abuse"});
  EXPECT_EQ(store.revisions(second.id).size(), 3u);  // restoring is a new revision
  EXPECT_EQ(s.restore(this->coordinator_, second.id, 99).error().failure, Failure::not_found);
  EXPECT_EQ(s.restore(this->spoc_aalst_, second.id, 1).error().failure, Failure::forbidden);
}

TYPED_TEST(CatalogServiceTest, BadInputGivesFieldErrorsAndChangesNothing) {
  CatalogService s(this->db(), this->clock_);
  Resource bad = draft("");
  bad.kind = "gadget";
  bad.summary = std::string(401, 'x');
  bad.visibility = "everyone";
  bad.themes = {"bestaat_niet"};
  bad.tracks = {"elsewhere"};
  bad.body = "\xFF";
  auto r = s.create(this->coordinator_, bad);
  ASSERT_FALSE(r.ok());
  for (const char* field : {"title", "kind", "summary", "visibility", "themes", "tracks", "body"})
    EXPECT_FALSE(r.error().message_for(field).empty()) << field;
  int count = -1;
  this->db().run(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM resources", soci::into(count); });
  EXPECT_EQ(count, 0);
  ASSERT_TRUE(s.create(this->coordinator_, draft("Dubbel")).ok());
  EXPECT_FALSE(s.create(this->coordinator_, draft("Dubbel")).error().message_for("title").empty());
}

TEST(CatalogPermissions, FollowTheRolesOfTheIssue) {
  const Resource gent = draft("x", "44021");
  EXPECT_FALSE(may(std::nullopt, Action::propose, nullptr));
  EXPECT_TRUE(may(person(1, "professional"), Action::propose, nullptr));
  EXPECT_FALSE(may(person(1, "professional"), Action::edit, &gent));
  EXPECT_TRUE(may(person(2, "spoc", {"44021"}), Action::publish, &gent));
  EXPECT_FALSE(may(person(3, "spoc", {"41002"}), Action::publish, &gent));
  EXPECT_TRUE(may(person(4, "coordinator"), Action::publish, &gent));
  EXPECT_FALSE(may(person(5, "admin"), Action::edit, &gent));
}

TEST(CatalogDiff, ShowsRemovedAndAddedLines) {
  auto d = diff_lines("een\ntwee\ndrie\n", "een\nTWEE\ndrie\nvier\n");
  std::string shown;
  for (const auto& l : d) shown += std::string(1, l.op) + l.text + "|";
  EXPECT_EQ(shown, " een|-twee|+TWEE| drie|+vier|");
}

TEST(CatalogSlug, FoldsAccentsAndJoinsWords) {
  EXPECT_EQ(slugify("Één kaartspel: Barst?!"), "een-kaartspel-barst");
  EXPECT_EQ(slugify("Ouderenmis(be)handeling — aanpak"), "ouderenmis-be-handeling-aanpak");
  EXPECT_EQ(slugify("???"), "fiche");
}

}  // namespace
}  // namespace schakel::catalog

namespace schakel::catalog {
namespace {

template <class B>
class VocabularyTest : public schakel::testing::BackendTest<B> {};
TYPED_TEST_SUITE(VocabularyTest, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(VocabularyTest, TheCoordinatorAddsAThemeThatResourcesCanUse) {
  auto& db = this->db();
  ManualClock clock(1'780'000'000);
  CatalogService service(db, clock);
  web::Principal coordinator;
  coordinator.id = 1;
  coordinator.role = Role::coordinator;
  auto added = service.add_term(coordinator, "theme", "  Eergerelateerd   geweld ");
  ASSERT_TRUE(added);
  EXPECT_EQ(added.value().label, "Eergerelateerd geweld");
  EXPECT_EQ(added.value().slug, "eergerelateerd-geweld");
  auto themes = CatalogStore(db).terms("theme");
  ASSERT_FALSE(themes.empty());
  EXPECT_EQ(themes.back().slug, "eergerelateerd-geweld");
  db.run([&](soci::session& sql) {
    EXPECT_TRUE(CatalogStore::unknown_terms(sql, "theme", {"eergerelateerd-geweld"}).empty());
  });
}

TYPED_TEST(VocabularyTest, BadTermsGiveFieldErrorsAndChangeNothing) {
  auto& db = this->db();
  ManualClock clock(1'780'000'000);
  CatalogService service(db, clock);
  web::Principal coordinator;
  coordinator.id = 1;
  coordinator.role = Role::coordinator;
  const auto before = CatalogStore(db).terms("theme").size();
  struct Case {
    std::string vocabulary, label, field;
  };
  for (const auto& c : std::vector<Case>{{"theme", "", "label"},
                                         {"theme", "x", "label"},
                                         {"theme", std::string(61, 'a'), "label"},
                                         {"theme", "Partnergeweld", "label"},
                                         {"theme", "partnergeweld", "label"},
                                         {"theme", "!!!", "label"},
                                         {"theme", "\xff\xfe", "label"},
                                         {"kleuren", "Rood", "vocabulary"}}) {
    auto result = service.add_term(coordinator, c.vocabulary, c.label);
    ASSERT_FALSE(result) << c.label;
    EXPECT_EQ(result.error().fields.front().field, c.field) << c.label;
  }
  EXPECT_EQ(CatalogStore(db).terms("theme").size(), before);
  web::Principal spoc;
  spoc.id = 2;
  spoc.role = Role::spoc;
  spoc.spoc_of = {"44021"};
  auto denied = service.add_term(spoc, "theme", "Nieuw thema");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().failure, Failure::forbidden);
  EXPECT_EQ(CatalogStore(db).terms("theme").size(), before);
}

}  // namespace
}  // namespace schakel::catalog
