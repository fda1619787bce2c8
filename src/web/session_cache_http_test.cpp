// The session cache across nodes (issue 16): two Apps on one database, each
// with its own cache. A change acknowledged by one node holds for the very next
// request on the other: a sign-out, a blocked account, a changed name.
#include <gtest/gtest.h>

#include <memory>

#include "accounts/store.hpp"
#include "app/app.hpp"
#include "root/features.hpp"
#include "test_support.hpp"
#include "web/server.hpp"
#include "web/sessions.hpp"

namespace schakel::web {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::cookie_header;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::TempDir;
using schakel::testing::TestServer;

// A second node: its own App, cache and connections on the first one's database.
using schakel::testing::SecondNode;

template <class B>
class SessionCacheNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    a_ = schakel::testing::demo_server(B::backend);
    b_ = std::make_unique<SecondNode>(*a_);
  }
  // Signs in on node A; the session row is shared by both nodes.
  std::string sign_in(const std::string& email, std::string* csrf) {
    auto session = a_->app().sessions().create(schakel::testing::user_id(a_->db(), email), "test");
    *csrf = session->csrf_token;
    return cookie_header(session->token);
  }
  std::unique_ptr<TestServer> a_;
  std::unique_ptr<SecondNode> b_;
};
TYPED_TEST_SUITE(SessionCacheNodes, Backends, BackendNames);

const std::string professional = "professional@demo.schakel.be";

TYPED_TEST(SessionCacheNodes, SignOutOnOneNodeIsRefusedAtOnceOnTheOther) {
  std::string csrf;
  const std::string cookie = this->sign_in(professional, &csrf);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  const auto hits = this->b_->app().sessions().cache_hits();
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  EXPECT_GT(this->b_->app().sessions().cache_hits(), hits);  // served from B's cache
  ASSERT_EQ(http_post(this->a_->port(), "/afmelden", "_csrf=" + csrf,
                      "application/x-www-form-urlencoded", cookie)
                .status,
            303);
  auto after = http_get(this->b_->port(), "/profiel", cookie);
  EXPECT_NE(after.status, 200);
  EXPECT_NE(after.header("Location").find("/aanmelden"), std::string::npos) << after.head;
}

TYPED_TEST(SessionCacheNodes, ABlockedAccountIsRefusedAtOnceOnTheOtherNode) {
  std::string csrf;
  const std::string cookie = this->sign_in(professional, &csrf);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  // Through the owning store, as the coordinator's block does.
  const auto id = schakel::testing::user_id(this->a_->db(), professional);
  this->a_->db().transact(
      [&](soci::session& sql) { accounts::UserStore::set_status(sql, id, "blocked"); });
  EXPECT_NE(http_get(this->b_->port(), "/profiel", cookie).status, 200);
}

TYPED_TEST(SessionCacheNodes, AChangedNameShowsAtOnceOnTheOtherNode) {
  std::string csrf;
  const std::string cookie = this->sign_in(professional, &csrf);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  const auto id = schakel::testing::user_id(this->a_->db(), professional);
  accounts::UserStore users(this->a_->db(), this->a_->clock());
  auto user = users.find_by_id(id);
  ASSERT_TRUE(user.has_value());
  user->display_name = "Nieuwe Naam Uit Knooppunt A";
  this->a_->db().transact([&](soci::session& sql) { users.update_profile(sql, *user); });
  auto page = http_get(this->b_->port(), "/profiel", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nieuwe Naam Uit Knooppunt A"), std::string::npos);
}

// A page cached per municipality on node B lists the municipality's SPOCs; a
// name changed through node A is no change-feed entry, but it raises the
// session epoch, which is part of the page's key.
TYPED_TEST(SessionCacheNodes, AMunicipalityPageCachedOnOneNodeShowsANameChangedOnTheOther) {
  const std::string spoc = "spoc.gent@demo.schakel.be";
  const auto id = schakel::testing::user_id(this->a_->db(), spoc);
  accounts::UserStore users(this->a_->db(), this->a_->clock());
  auto rename = [&](const std::string& name) {
    auto user = users.find_by_id(id);
    ASSERT_TRUE(user.has_value());
    user->display_name = name;
    this->a_->db().transact([&](soci::session& sql) { users.update_profile(sql, *user); });
  };
  rename("Eerste Naam Gent");
  // The page as seen by the SPOC of Aalst, whose own name is not the one listed.
  std::string csrf;
  const std::string cookie = this->sign_in("spoc.aalst@demo.schakel.be", &csrf);
  const std::string page = "/netwerk/gemeenten/44021";
  auto first = http_get(this->b_->port(), page, cookie);
  ASSERT_EQ(first.status, 200);
  ASSERT_NE(first.body.find("Eerste Naam Gent"), std::string::npos);
  ASSERT_EQ(http_get(this->b_->port(), page, cookie).status, 200);  // now from B's page cache
  rename("Tweede Naam Gent");
  auto after = http_get(this->b_->port(), page, cookie);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body.find("Eerste Naam Gent"), std::string::npos);
  EXPECT_NE(after.body.find("Tweede Naam Gent"), std::string::npos);
}

}  // namespace
}  // namespace schakel::web
