// The shared revisions layer on SQLite and PostgreSQL, and migration 0018 that
// moves the kennisbank's resource_revisions into it.
#include "revisions/revisions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/migrations.hpp"
#include "test_support.hpp"

namespace schakel::revisions {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class RevisionStoreTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
             "('auteur@voorbeeld.be', 'Auteur', 'x', 'coordinator', 1) RETURNING id",
          soci::into(author_);
    });
  }
  int add(const std::string& kind, std::int64_t id, const std::string& snapshot, std::int64_t now) {
    return this->db().transact([&](soci::session& sql) {
      return RevisionStore::add(sql, kind, id, snapshot, author_, "Auteur", now);
    });
  }
  long long author_ = 0;
};
TYPED_TEST_SUITE(RevisionStoreTest, Backends, BackendNames);

TYPED_TEST(RevisionStoreTest, NumbersEachSubjectFromOneAndListsNewestFirst) {
  EXPECT_EQ(this->add("resource", 7, R"({"title":"a"})", 100), 1);
  EXPECT_EQ(this->add("resource", 7, R"({"title":"b"})", 200), 2);
  EXPECT_EQ(this->add("help_page", 7, R"({"title":"c"})", 300), 1);  // other kind, same id
  EXPECT_EQ(this->add("resource", 8, R"({"title":"d"})", 400), 1);

  RevisionStore store(this->db());
  auto list = store.list("resource", 7);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].number, 2);
  EXPECT_EQ(list[0].snapshot, R"({"title":"b"})");
  EXPECT_EQ(list[0].author_label, "Auteur");
  EXPECT_EQ(list[0].author_id, std::optional<std::int64_t>(this->author_));
  EXPECT_EQ(list[0].created_at, 200);
  EXPECT_EQ(list[1].number, 1);
  auto one = store.find("help_page", 7, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->snapshot, R"({"title":"c"})");
  EXPECT_FALSE(store.find("help_page", 7, 2));
}

TYPED_TEST(RevisionStoreTest, ForgetDeletesOnlyThatSubject) {
  this->add("resource", 7, "{}", 100);
  this->add("resource", 7, "{}", 200);
  this->add("help_page", 7, "{}", 300);
  this->add("resource", 8, "{}", 400);
  this->db().transact([](soci::session& sql) { RevisionStore::forget(sql, "resource", 7); });
  RevisionStore store(this->db());
  EXPECT_TRUE(store.list("resource", 7).empty());
  EXPECT_EQ(store.list("help_page", 7).size(), 1u);
  EXPECT_EQ(store.list("resource", 8).size(), 1u);
  // A forgotten subject starts again at 1.
  EXPECT_EQ(this->add("resource", 7, "{}", 500), 1);
}

TYPED_TEST(RevisionStoreTest, AnAuthorWhoIsDeletedLeavesTheLabel) {
  this->add("resource", 7, "{}", 100);
  this->db().transact([&](soci::session& sql) {
    sql << "DELETE FROM users WHERE id = :id", soci::use(this->author_);
  });
  auto list = RevisionStore(this->db()).list("resource", 7);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_FALSE(list[0].author_id);
  EXPECT_EQ(list[0].author_label, "Auteur");
}

// Migration 0018 on a database that has kennisbank revisions from before it.
template <class B>
class RevisionsMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    database_ = std::make_unique<schakel::testing::TestDatabase>(B::backend);
  }
  store::Database& db() { return database_->db(); }
  std::unique_ptr<schakel::testing::TestDatabase> database_;
};
TYPED_TEST_SUITE(RevisionsMigration, Backends, BackendNames);

TYPED_TEST(RevisionsMigration, CopiesResourceRevisionsAndDropsTheOldTable) {
  auto all = store::embedded_migrations();
  const auto first_new = std::find_if(all.begin(), all.end(), [](const store::Migration& m) {
    return m.name == "0018_revisions.sql";
  });
  ASSERT_NE(first_new, all.end());
  store::migrate(this->db(), std::vector<store::Migration>(all.begin(), first_new));

  long long author = 0, first = 0, second = 0;
  this->db().run([&](soci::session& sql) {
    sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
           "('a@voorbeeld.be', 'A', 'x', 'coordinator', 1) RETURNING id",
        soci::into(author);
    for (auto [slug, id] : {std::pair<const char*, long long*>{"een", &first}, {"twee", &second}}) {
      const std::string s = slug;
      sql << "INSERT INTO resources (slug, kind, title, summary, created_at, updated_at) "
             "VALUES (:s, 'tool', :t, 'samenvatting', 1, 1) RETURNING id",
          soci::use(s), soci::use(s), soci::into(*id);
    }
    soci::indicator no_author = soci::i_null;
    long long nobody = 0;
    sql << "INSERT INTO resource_revisions (resource_id, number, snapshot, author_id, "
           "author_label, created_at) VALUES (:r, 1, '{\"title\":\"een v1\"}', :a, 'A', 10)",
        soci::use(first), soci::use(author);
    sql << "INSERT INTO resource_revisions (resource_id, number, snapshot, author_id, "
           "author_label, created_at) VALUES (:r, 2, '{\"title\":\"een v2\"}', :a, 'Weg', 20)",
        soci::use(first), soci::use(nobody, no_author);
    sql << "INSERT INTO resource_revisions (resource_id, number, snapshot, author_id, "
           "author_label, created_at) VALUES (:r, 1, '{\"title\":\"twee v1\"}', :a, 'A', 30)",
        soci::use(second), soci::use(author);
  });

  store::migrate(this->db(), all);

  RevisionStore revisions(this->db());
  auto of_first = revisions.list("resource", first);
  ASSERT_EQ(of_first.size(), 2u);
  EXPECT_EQ(of_first[0].number, 2);
  EXPECT_EQ(of_first[0].snapshot, R"({"title":"een v2"})");
  EXPECT_FALSE(of_first[0].author_id);
  EXPECT_EQ(of_first[0].author_label, "Weg");
  EXPECT_EQ(of_first[0].created_at, 20);
  EXPECT_EQ(of_first[1].number, 1);
  EXPECT_EQ(of_first[1].author_id, std::optional<std::int64_t>(author));
  auto of_second = revisions.list("resource", second);
  ASSERT_EQ(of_second.size(), 1u);
  EXPECT_EQ(of_second[0].snapshot, R"({"title":"twee v1"})");
  // The next save numbers on from the copied ones.
  EXPECT_EQ(this->db().transact([&](soci::session& sql) {
    return RevisionStore::add(sql, "resource", first, "{}", std::nullopt, "B", 40);
  }),
            3);
  // The old table is gone.
  EXPECT_THROW(this->db().run([](soci::session& sql) {
    int n = 0;
    sql << "SELECT COUNT(*) FROM resource_revisions", soci::into(n);
  }),
               std::exception);
}

}  // namespace
}  // namespace schakel::revisions
