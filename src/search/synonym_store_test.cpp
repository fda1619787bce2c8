// The field's thesaurus seeds the coordinator's synonym list once per version,
// on SQLite and PostgreSQL, without undoing what the coordinator wrote.
#include "search/synonym_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded.hpp"
#include "search/engine.hpp"
#include "search/synonyms.hpp"
#include "store/changes.hpp"
#include "test_support.hpp"

namespace schakel::search {
namespace {

template <class B>
class ThesaurusSeed : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(ThesaurusSeed, schakel::testing::Backends, schakel::testing::BackendNames);

const std::string thesaurus_v1 =
    "# thesaurus-versie: 1\n"
    "partnergeweld, relatiegeweld, partnermishandeling\n"
    "stalking, belaging\n";

TYPED_TEST(ThesaurusSeed, AddsEachVersionOnceAndKeepsTheCoordinatorsEdits) {
  testing::TestDatabase database(TypeParam::backend);
  database.migrate();
  auto& db = database.db();
  // The list the database starts with (migration 0006) gets the new terms.
  EXPECT_TRUE(
      db.transact([&](soci::session& sql) { return seed_thesaurus(sql, thesaurus_v1, 1, 1000); }));
  std::string seeded = db.run([](soci::session& sql) { return load_synonyms(sql); });
  EXPECT_NE(seeded.find("partnergeweld, relationeel geweld, geweld in de relatie, relatiegeweld, "
                        "partnermishandeling"),
            std::string::npos);
  EXPECT_NE(seeded.find("\nstalking, belaging"), std::string::npos);
  EXPECT_NE(seeded.find("huiselijk geweld, intrafamiliaal geweld"), std::string::npos);
  EXPECT_TRUE(Synonyms::parse(seeded));
  // Other nodes learn of it through the change feed.
  auto changes = db.run([](soci::session& sql) { return store::changes_after(sql, 0, 1000); });
  EXPECT_TRUE(std::any_of(changes.begin(), changes.end(),
                          [](const store::Change& c) { return c.entity == "synonyms"; }));

  // The coordinator removes a seeded term and adds their own line.
  db.transact([&](soci::session& sql) {
    const std::string mine = "stalking, belaging\nbabobox, speelgoedkist\n";
    sql << "UPDATE search_synonyms SET body = :b, updated_at = 2000 WHERE id = 1", soci::use(mine);
  });
  // The same version again (a restart, another node): nothing changes.
  EXPECT_FALSE(
      db.transact([&](soci::session& sql) { return seed_thesaurus(sql, thesaurus_v1, 1, 3000); }));
  EXPECT_EQ(db.run([](soci::session& sql) { return load_synonyms(sql); }),
            "stalking, belaging\nbabobox, speelgoedkist\n");
  // A new version adds only what the list lacks, after the coordinator's lines.
  EXPECT_TRUE(db.transact([&](soci::session& sql) {
    return seed_thesaurus(sql, "# thesaurus-versie: 2\nstalking, stalken\nIFG, huiselijk geweld\n",
                          2, 4000);
  }));
  EXPECT_EQ(db.run([](soci::session& sql) { return load_synonyms(sql); }),
            "stalking, belaging, stalken\nbabobox, speelgoedkist\n"
            "# Aangevuld uit de thesaurus van het werkveld (versie 2); pas gerust aan.\n"
            "IFG, huiselijk geweld");
}

TYPED_TEST(ThesaurusSeed, TheShippedThesaurusReachesTheEnginesSynonyms) {
  testing::TestDatabase database(TypeParam::backend);
  database.migrate();
  testing::TempDir dir;
  {
    SearchEngine engine(database.db());
    engine.open((dir.path() / "index").string());
    const auto text = engine.synonyms_text();
    EXPECT_NE(text.find("siblinggeweld, geweld tussen broers en zussen"), std::string::npos);
    EXPECT_NE(text.find("relatiegeweld"), std::string::npos);
    EXPECT_TRUE(Synonyms::parse(text));
  }
  // A second start (or a second node) leaves the list as it is.
  const auto before = database.db().run([](soci::session& sql) { return load_synonyms(sql); });
  SearchEngine again(database.db());
  again.open((dir.path() / "index2").string());
  EXPECT_EQ(again.synonyms_text(), before);
}

}  // namespace
}  // namespace schakel::search
