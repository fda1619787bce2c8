// The session cache across nodes (issue 16): two Apps on one database, each
// with its own cache. A change acknowledged by one node holds for the very next
// request on the other: a sign-out, a blocked account, a changed name, a flash
// message, a changed role or membership, a membership that ends by date. A
// session write reaches only that session: other sessions' cached pages stay.
// A cached signed-in page costs one statement.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "accounts/roles.hpp"
#include "accounts/store.hpp"
#include "app/app.hpp"
#include "network/store.hpp"
#include "root/features.hpp"
#include "store/prepared.hpp"
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

// Counts the renders of the test page /test/rol (cached per role) on node B.
std::atomic<int> role_page_renders{0};

void add_role_page(App& app) {
  app.page(
      "/test/rol",
      [&app](web::Request& req) {
        ++role_page_renders;
        return app.render_page(req, "error", "Rolpagina",
                               {{"status", 200}, {"heading", "Voor je rol"}, {"message", "rol"}});
      },
      PageOptions{.access = web::Access::signed_in(), .signed_in = Audience::role});
}

template <class B>
class SessionCacheNodes : public ::testing::Test {
 public:
  bool postgres() const { return B::backend == store::Backend::postgresql; }

 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    role_page_renders = 0;
    a_ = schakel::testing::demo_server(B::backend);
    b_ = std::make_unique<SecondNode>(*a_, add_role_page);
  }
  // The raw token of a new session of `email`, created on node A.
  std::string token_of(const std::string& email) {
    return a_->app().sessions().create(schakel::testing::user_id(a_->db(), email), "test")->token;
  }
  // Answers a GET of `target` with session `token` on node B, on this thread,
  // and counts the SQL statements it ran into *statements.
  web::Response handle_on_b(const std::string& target, const std::string& token,
                            std::uint64_t* statements) {
    web::Request req;
    req.method = "GET";
    req.target = target;
    req.path = target.substr(0, target.find('?'));
    req.query = target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
    req.remote_ip = "127.0.0.1";
    req.request_id = "test";
    req.headers.set("Cookie", std::string(SessionStore::cookie_name) + "=" + token);
    const auto before = store::statements_run_on_this_thread();
    web::Response res = b_->app().handle(req);
    *statements = store::statements_run_on_this_thread() - before;
    return res;
  }
  // Answers `target` on B as handle_on_b does, expecting a cache hit: one
  // statement. On PostgreSQL that statement reads the commit horizon, and a
  // commit elsewhere (other tests share the server) adds a second that reads
  // the rows; such answers are retried, up to 200 times. Never more than two.
  web::Response cached_on_b(const std::string& target, const std::string& token,
                            std::uint64_t* statements) {
    web::Response res = handle_on_b(target, token, statements);
    for (int i = 0; i < 200 && *statements == 2u && postgres(); ++i)
      res = handle_on_b(target, token, statements);
    return res;
  }
  // The id of the open membership of `nis` (test setup reads the row directly).
  std::int64_t open_membership(const std::string& nis) {
    long long id = 0;
    a_->db().run([&](soci::session& sql) {
      sql << "SELECT id FROM memberships WHERE nis_code = :n AND member_until IS NULL",
          soci::use(nis), soci::into(id);
    });
    return id;
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

// The point of issue 16's part F: a signed-in page from the page cache costs
// one statement (the session's version, the epoch and the change feed read
// together), for a professional and for a SPOC, whose principal is cached too.
TYPED_TEST(SessionCacheNodes, ACachedSignedInPageCostsOneStatement) {
  for (const auto& [email, page] :
       {std::pair<std::string, std::string>{professional, "/kennisbank"},
        std::pair<std::string, std::string>{"spoc.gent@demo.schakel.be",
                                            "/netwerk/gemeenten/44021"}}) {
    const std::string token = this->token_of(email);
    std::uint64_t statements = 0;
    ASSERT_EQ(this->handle_on_b(page, token, &statements).status, 200) << page;
    EXPECT_GT(statements, 1u) << page;  // the first visit reads and renders
    ASSERT_EQ(this->handle_on_b(page, token, &statements).status, 200) << page;
    const std::string cached = this->cached_on_b(page, token, &statements).body;
    EXPECT_EQ(statements, 1u) << page;
    EXPECT_NE(cached.find("<html"), std::string::npos) << page;
  }
  // Anonymous visitors without a cookie: one statement too (the change feed).
  web::Request req;
  req.method = "GET";
  req.target = req.path = "/kennisbank";
  req.remote_ip = "127.0.0.1";
  req.request_id = "test";
  web::Request again = req;
  ASSERT_EQ(this->b_->app().handle(req).status, 200);
  const auto before = store::statements_run_on_this_thread();
  ASSERT_EQ(this->b_->app().handle(again).status, 200);
  EXPECT_EQ(store::statements_run_on_this_thread() - before, 1u);
}

TYPED_TEST(SessionCacheNodes, AFlashSetOnOneNodeShowsOnTheOthersNextRequest) {
  const std::string token = this->token_of(professional);
  const std::string cookie = cookie_header(token);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);
  ASSERT_EQ(http_get(this->b_->port(), "/profiel", cookie).status, 200);  // from B's cache
  auto on_a = this->a_->app().sessions().load(token);
  ASSERT_NE(on_a, nullptr);
  on_a->add_flash("success", "Bewaard op knooppunt A.");
  this->a_->app().sessions().save_flash(*on_a);
  auto page = http_get(this->b_->port(), "/profiel", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Bewaard op knooppunt A."), std::string::npos);
  // Shown once: the next page is without it.
  auto next = http_get(this->b_->port(), "/profiel", cookie);
  EXPECT_EQ(next.body.find("Bewaard op knooppunt A."), std::string::npos);
}

// A session write raises that session's version only: node B keeps serving the
// pages it cached for other sessions (no render) and their cached sessions.
TYPED_TEST(SessionCacheNodes, AFlashOnOneNodeLeavesTheOthersCachedPagesForOtherSessions) {
  const std::string flashed = this->token_of(professional);
  const std::string other = cookie_header(this->token_of(professional));
  ASSERT_EQ(http_get(this->b_->port(), "/test/rol", other).status, 200);
  ASSERT_EQ(http_get(this->b_->port(), "/test/rol", other).status, 200);
  ASSERT_EQ(role_page_renders.load(), 1);  // the second came from B's page cache
  const auto epoch = this->a_->db().run([](soci::session& sql) { return session_epoch(sql); });
  auto on_a = this->a_->app().sessions().load(flashed);
  on_a->add_flash("info", "Alleen voor deze sessie.");
  this->a_->app().sessions().save_flash(*on_a);
  this->a_->app().sessions().set_pending_user(*on_a, std::nullopt);
  this->a_->app().sessions().destroy(*on_a);
  EXPECT_EQ(this->a_->db().run([](soci::session& sql) { return session_epoch(sql); }), epoch);
  const auto hits = this->b_->app().sessions().cache_hits();
  auto page = http_get(this->b_->port(), "/test/rol", other);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(role_page_renders.load(), 1);                        // still B's cached page
  EXPECT_EQ(this->b_->app().sessions().cache_hits(), hits + 1);  // and B's cached session
}

// Role and membership writes on node A raise the epoch: B reads the principal
// anew at once.
TYPED_TEST(SessionCacheNodes, ARoleOrMembershipChangedOnOneNodeShowsOnTheOthersNextRequest) {
  const std::string gent = "spoc.gent@demo.schakel.be";
  const auto id = schakel::testing::user_id(this->a_->db(), gent);
  const std::string cookie = cookie_header(this->token_of(gent));
  ASSERT_EQ(http_get(this->b_->port(), "/netwerk/mijn-gemeente", cookie).status, 303);
  ASSERT_EQ(http_get(this->b_->port(), "/netwerk/mijn-gemeente", cookie).status, 303);
  this->a_->db().transact(
      [&](soci::session& sql) { accounts::Roles::remove_spoc_municipality(sql, id, "44021"); });
  EXPECT_EQ(http_get(this->b_->port(), "/netwerk/mijn-gemeente", cookie).status, 403);
  this->a_->db().transact(
      [&](soci::session& sql) { accounts::Roles::add_spoc_municipality(sql, id, "44021"); });
  ASSERT_EQ(http_get(this->b_->port(), "/netwerk/mijn-gemeente", cookie).status, 303);
  ASSERT_EQ(http_get(this->b_->port(), "/netwerk/mijn-gemeente", cookie).status, 303);
  const auto membership = this->open_membership("44021");
  ASSERT_GT(membership, 0);
  const std::int64_t now = this->a_->clock().now();
  this->a_->db().transact([&](soci::session& sql) {
    network::NetworkStore::end_membership(sql, membership, now, now);
  });
  EXPECT_EQ(http_get(this->b_->port(), "/netwerk/mijn-gemeente", cookie).status, 403);
}

// A SPOC's principal is cached until their municipality's membership ends by
// date, and not a second longer: no write happens at that instant.
TYPED_TEST(SessionCacheNodes, AMembershipEndingAtTIsGoneFromTheCachedPrincipalAtT) {
  const std::string gent = "spoc.gent@demo.schakel.be";
  const std::string token = this->token_of(gent);
  const std::int64_t now = this->b_->clock().now();
  const std::int64_t ends = now + 30;
  const auto membership = this->open_membership("44021");
  ASSERT_GT(membership, 0);
  this->a_->db().transact([&](soci::session& sql) {
    network::NetworkStore::end_membership(sql, membership, ends, now);
  });
  const std::string page = "/netwerk/gemeenten/44021";
  std::uint64_t statements = 0;
  ASSERT_EQ(this->handle_on_b("/netwerk/mijn-gemeente", token, &statements).status, 303);
  ASSERT_EQ(this->handle_on_b(page, token, &statements).status, 200);
  const std::string as_spoc = this->cached_on_b(page, token, &statements).body;
  EXPECT_EQ(statements, 1u);  // session, principal and page from B's caches
  this->b_->clock().advance(ends - 1 - now);
  ASSERT_EQ(this->cached_on_b(page, token, &statements).status, 200);
  EXPECT_EQ(statements, 1u);  // still cached a second before the end
  this->b_->clock().advance(1);
  auto mine = this->handle_on_b("/netwerk/mijn-gemeente", token, &statements);
  EXPECT_EQ(mine.status, 403);  // no longer a SPOC: the principal was read anew
  EXPECT_GT(statements, 1u);
  auto after = this->handle_on_b(page, token, &statements);
  EXPECT_GT(statements, 1u);  // not the page cached for Gent's SPOCs
  EXPECT_TRUE(after.status != 200 || after.body != as_spoc) << after.status;
}

// Account writes raise the epoch as their first statement and session writes do
// not touch it, so account and session transactions running at once never
// deadlock (PostgreSQL would abort one of a lock cycle). Account writes here
// use plain transact(), so an abort would surface.
TYPED_TEST(SessionCacheNodes, ConcurrentAccountAndSessionWritesDoNotDeadlock) {
  const auto id = schakel::testing::user_id(this->a_->db(), professional);
  accounts::UserStore users(this->a_->db(), this->a_->clock());
  auto user = users.find_by_id(id);
  ASSERT_TRUE(user.has_value());
  auto kept = this->a_->app().sessions().create(id, "test");
  std::atomic<int> failures{0};
  constexpr int rounds = 200;
  auto guarded = [&](auto&& body) {
    return [&failures, body] {
      for (int i = 0; i < rounds; ++i) {
        try {
          body(i);
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    };
  };
  std::vector<std::thread> threads;
  // A profile save: the users row.
  threads.emplace_back(guarded([&](int i) {
    auto u = *user;
    u.display_name = "Naam " + std::to_string(i);
    this->a_->db().transact(
        [&](soci::session& sql) { accounts::UserStore::update_profile(sql, u); });
  }));
  // A password change: the sessions of the account, then the users row.
  threads.emplace_back(guarded([&](int) {
    this->a_->db().transact([&](soci::session& sql) {
      SessionStore::end_others_for_user(sql, id, kept->token_hash);
      accounts::UserStore::set_status(sql, id, "active");
    });
  }));
  // Session writes on node B: sign-in, flash, sign-out.
  threads.emplace_back(guarded([&](int) {
    auto& sessions = this->b_->app().sessions();
    auto s = sessions.create(id, "test");
    s->add_flash("info", "Hallo.");
    sessions.save_flash(*s);
    sessions.destroy(*s);
    auto k = sessions.load(kept->token);
    if (k) {
      k->add_flash("info", "Nog eens.");
      sessions.save_flash(*k);
    }
  }));
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_NE(this->a_->app().sessions().load(kept->token), nullptr);
}

}  // namespace
}  // namespace schakel::web
