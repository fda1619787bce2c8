// The page cache for signed-in audiences (issue 16): a page cached for one
// audience is never served to another, every visitor gets their own name and
// CSRF token stitched in, a change is visible to the next request after it was
// acknowledged, and a page with a flash message is neither served from nor put
// into the cache.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "accounts/store.hpp"
#include "accounts/types.hpp"
#include "catalog/service.hpp"
#include "catalog/store.hpp"
#include "test_support.hpp"

namespace schakel {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

const std::string form_type = "application/x-www-form-urlencoded";
const std::string other_professional = "tweede.professional@demo.schakel.be";
// A name with every character HTML escapes, to check the stitched name's escaping.
const std::string other_name = "Jo & 'Ann' \"<Tweede>\"";
const std::string other_name_html = "Jo &amp; &apos;Ann&apos; &quot;&lt;Tweede&gt;&quot;";

// Counts the renders of the test page /test/rol (cached per role).
std::atomic<int> role_page_renders{0};

web::Response role_page(App& app, web::Request& req) {
  ++role_page_renders;
  return app.render_page(req, "error", "Rolpagina",
                         {{"status", 200},
                          {"heading", "Voor je rol"},
                          {"message", req.user ? req.user->name : std::string("niemand")}});
}

// One visitor of a server: their session's cookie line and CSRF token ("" and
// "" for an anonymous visitor).
struct Visitor {
  std::string email;
  std::string cookie;
  std::string csrf;
};

template <class B>
class AudienceCache : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    role_page_renders = 0;
    server_ = std::make_unique<TestServer>(
        B::backend, schakel::testing::demo_config(), true, [](App& app) {
          app.page("/test/rol", app.bind(role_page),
                   PageOptions{.access = web::Access::signed_in(), .signed_in = Audience::role});
        });
    server_->db().run([&](soci::session& sql) {
      accounts::NewUser u{other_professional, other_name, "een-lang-wachtwoord-2026",
                          Role::professional, "",         true};
      accounts::UserStore::insert(sql, u, "x", server_->clock().now());
    });
  }

  TestServer& s() { return *server_; }

  Visitor visitor(const std::string& email) {
    if (email.empty()) return {};
    Visitor v{email, "", ""};
    v.cookie = session_cookie(s(), email, &v.csrf);
    return v;
  }

  HttpReply get(const std::string& target, const Visitor& v) {
    return http_get(s().port(), target, v.cookie);
  }

  // A published resource that professionals may open but anonymous visitors not.
  std::string professionals_resource() {
    std::string slug;
    s().db().run([&](soci::session& sql) {
      sql << "SELECT slug FROM resources WHERE status = 'published' AND visibility = "
             "'professionals' ORDER BY id",
          soci::into(slug);
    });
    return slug;
  }

  std::unique_ptr<TestServer> server_;
};

using Backends = ::testing::Types<schakel::testing::OnSqlite, schakel::testing::OnPostgres>;
TYPED_TEST_SUITE(AudienceCache, Backends, schakel::testing::BackendNames);

// The CSRF token in the sign-out form of a page ("" when it has none).
std::string sign_out_csrf(const std::string& html) { return schakel::testing::extract_csrf(html); }

TYPED_TEST(AudienceCache, APageCachedForOneAudienceIsNeverServedToAnother) {
  const std::vector<std::string> emails = {"",
                                           "professional@demo.schakel.be",
                                           other_professional,
                                           "spoc.gent@demo.schakel.be",
                                           "spoc.aalst@demo.schakel.be",
                                           "coordinator@demo.schakel.be",
                                           "admin@demo.schakel.be"};
  std::vector<Visitor> visitors;
  for (const auto& e : emails) visitors.push_back(this->visitor(e));
  const Visitor& professional = visitors[1];
  const Visitor& spoc_gent = visitors[3];
  const std::string slug = this->professionals_resource();
  ASSERT_FALSE(slug.empty());
  struct Case {
    std::string target;
    const Visitor* first;  // who renders it first (and so puts it in the cache)
  };
  const std::vector<Case> cases = {{"/kennisbank", &professional},
                                   {"/kennisbank/" + slug, &professional},
                                   {"/vorming", &professional},
                                   {"/vorming/mijn", &professional},
                                   {"/netwerk/gemeenten/44021", &spoc_gent}};
  for (const auto& c : cases) {
    for (const auto& v : visitors) {
      if (&v == c.first) continue;
      SCOPED_TRACE(c.target + " as " + (v.email.empty() ? "anonymous" : v.email));
      this->s().app().invalidate_page_cache();
      auto warm = this->get(c.target, *c.first);
      ASSERT_EQ(warm.status, 200);
      ASSERT_EQ(this->get(c.target, *c.first).body, warm.body);  // now from the cache
      auto served = this->get(c.target, v);
      // The same visitor's page rendered afresh: what they should have got.
      this->s().app().invalidate_page_cache();
      auto fresh = this->get(c.target, v);
      EXPECT_EQ(served.status, fresh.status);
      EXPECT_EQ(served.header("Location"), fresh.header("Location"));
      EXPECT_EQ(served.body, fresh.body);
      if (served.status != 200) continue;
      // The markers of the requester, never those of the first visitor.
      EXPECT_EQ(sign_out_csrf(served.body), v.csrf);
      EXPECT_EQ(served.body.find(c.first->csrf), std::string::npos);
      const std::string first_name =
          c.first == &professional ? "Demo Professional" : "Demo SPOC Gent";
      EXPECT_EQ(served.body.find("Aangemeld als <strong>" + first_name), std::string::npos);
      if (v.email == other_professional) {
        EXPECT_NE(served.body.find("Aangemeld als <strong>" + other_name_html + "</strong>"),
                  std::string::npos);
      }
      if (v.email.empty()) {
        EXPECT_NE(served.body.find("href=\"/aanmelden\""), std::string::npos);
      }
    }
  }
}

TYPED_TEST(AudienceCache, OnePageServesAWholeRoleWithEachPersonsNameAndToken) {
  auto first = this->visitor("professional@demo.schakel.be");
  auto second = this->visitor(other_professional);
  auto spoc = this->visitor("spoc.gent@demo.schakel.be");
  auto a = this->get("/test/rol", first);
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(role_page_renders.load(), 1);
  auto b = this->get("/test/rol", second);
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(role_page_renders.load(), 1) << "the second professional's page came from the cache";
  // The name in the page's own content and in the header are the requester's.
  EXPECT_NE(b.body.find("<strong>" + other_name_html + "</strong>"), std::string::npos);
  EXPECT_NE(b.body.find(other_name_html + "</p>"), std::string::npos);
  EXPECT_EQ(b.body.find("Demo Professional"), std::string::npos);
  EXPECT_EQ(sign_out_csrf(b.body), second.csrf);
  EXPECT_NE(a.body, b.body);
  // Another role renders its own page.
  auto c = this->get("/test/rol", spoc);
  ASSERT_EQ(c.status, 200);
  EXPECT_EQ(role_page_renders.load(), 2);
  EXPECT_NE(c.body.find("Demo SPOC Gent"), std::string::npos);
  // An anonymous visitor is sent to sign in, not served the cached page.
  auto anonymous = http_get(this->s().port(), "/test/rol");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.body.find("Demo"), std::string::npos);
  // Cache off: every request renders.
  Config off = schakel::testing::demo_config();
  off.page_cache = false;
  TestServer uncached(TypeParam::backend, off, true, [](App& app) {
    app.page("/test/rol", app.bind(role_page),
             PageOptions{.access = web::Access::signed_in(), .signed_in = Audience::role});
  });
  const int before = role_page_renders.load();
  const auto cookie = session_cookie(uncached, "professional@demo.schakel.be");
  http_get(uncached.port(), "/test/rol", cookie);
  http_get(uncached.port(), "/test/rol", cookie);
  EXPECT_EQ(role_page_renders.load(), before + 2);
}

TYPED_TEST(AudienceCache, TheCsrfTokenOfACachedPageIsTheRequestersOwnAndItsPostsSucceed) {
  auto first = this->visitor("professional@demo.schakel.be");
  auto second = this->visitor(other_professional);
  ASSERT_EQ(this->get("/vorming", first).status, 200);
  auto page = this->get("/vorming", second);
  ASSERT_EQ(page.status, 200);
  const std::string token = sign_out_csrf(page.body);
  EXPECT_EQ(token, second.csrf);
  // The first visitor's token does not work for the second visitor's session.
  auto forged =
      http_post(this->s().port(), "/afmelden", "_csrf=" + first.csrf, form_type, second.cookie);
  EXPECT_EQ(forged.status, 403);
  auto signed_out =
      http_post(this->s().port(), "/afmelden", "_csrf=" + token, form_type, second.cookie);
  EXPECT_EQ(signed_out.status, 303);
  // Signed out: the page that needs a session sends them to sign in.
  EXPECT_EQ(this->get("/vorming/mijn", second).status, 303);
  EXPECT_EQ(this->get("/vorming/mijn", first).status, 200);
}

TYPED_TEST(AudienceCache, AChangeIsVisibleToTheNextRequestAfterItWasAcknowledged) {
  auto professional = this->visitor("professional@demo.schakel.be");
  // A kennisbank edit (through the service, as another node would write).
  const std::string slug = this->professionals_resource();
  const std::string path = "/kennisbank/" + slug;
  ASSERT_EQ(this->get(path, professional).status, 200);
  ASSERT_EQ(this->get(path, professional).status, 200);
  const web::Principal coordinator =
      schakel::testing::principal(this->s(), "coordinator@demo.schakel.be");
  catalog::CatalogService service(this->s().db(), this->s().clock());
  auto resource = catalog::CatalogStore(this->s().db()).find_by_slug(slug);
  ASSERT_TRUE(resource.has_value());
  resource->title = "Een nieuwe titel na de bewerking";
  ASSERT_TRUE(service.update(coordinator, resource->id, *resource).ok());
  EXPECT_NE(this->get(path, professional).body.find("Een nieuwe titel na de bewerking"),
            std::string::npos);
  EXPECT_NE(this->get("/kennisbank", professional).body.find("Een nieuwe titel na de bewerking"),
            std::string::npos);

  // A registration for a training, through this node.
  const std::string title = "Partnergeweld: van vermoeden naar gesprek (demo)";
  auto mine = this->get("/vorming/mijn", professional);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(this->get("/vorming/mijn", professional).body, mine.body);
  EXPECT_EQ(mine.body.find(title), std::string::npos);
  auto registered = http_post(
      this->s().port(), "/vorming/partnergeweld-van-vermoeden-naar-gesprek-demo/inschrijven",
      "_csrf=" + professional.csrf + "&name=Pieter+Professional", form_type, professional.cookie);
  ASSERT_EQ(registered.status, 303) << registered.body;
  auto after = this->get("/vorming/mijn", professional);
  EXPECT_NE(after.body.find(title), std::string::npos);

  // A role change of the user (written outside any request, and not in the feed):
  // the SPOC demoted to professional no longer gets the SPOC's page.
  auto spoc = this->visitor("spoc.gent@demo.schakel.be");
  auto as_spoc = this->get("/kennisbank", spoc);
  ASSERT_NE(as_spoc.body.find("href=\"/netwerk/spocs\""), std::string::npos);
  ASSERT_EQ(this->get("/kennisbank", spoc).body, as_spoc.body);
  this->s().db().run([&](soci::session& sql) {
    accounts::UserStore::set_role(
        sql, schakel::testing::user_id(this->s().db(), "spoc.gent@demo.schakel.be"),
        Role::professional);
  });
  auto as_professional = this->get("/kennisbank", spoc);
  EXPECT_EQ(as_professional.status, 200);
  EXPECT_EQ(as_professional.body.find("href=\"/netwerk/spocs\""), std::string::npos);
  EXPECT_EQ(this->get("/netwerk/gemeenten/44021", spoc).status, 403);
}

TYPED_TEST(AudienceCache, APageWithAFlashMessageIsShownWithItAndNotCached) {
  std::string csrf;
  const auto cookie = session_cookie(this->s(), "professional@demo.schakel.be", &csrf);
  auto plain = http_get(this->s().port(), "/vorming", cookie);
  ASSERT_EQ(plain.status, 200);
  // A flash message waits in the session (as after a post that redirects).
  const std::string token =
      cookie.substr(cookie.find('=') + 1, cookie.find('\r') - cookie.find('=') - 1);
  auto session = this->s().app().sessions().load(token);
  ASSERT_TRUE(session);
  session->add_flash("success", "Je flashbericht voor deze test.");
  this->s().app().sessions().save_flash(*session);
  auto with_flash = http_get(this->s().port(), "/vorming", cookie);
  ASSERT_EQ(with_flash.status, 200);
  EXPECT_NE(with_flash.body.find("Je flashbericht voor deze test."), std::string::npos);
  // Shown once; the page with it was not kept for this audience.
  auto again = http_get(this->s().port(), "/vorming", cookie);
  EXPECT_EQ(again.body.find("Je flashbericht voor deze test."), std::string::npos);
  EXPECT_EQ(again.body, plain.body);
  auto other = this->visitor(other_professional);
  EXPECT_EQ(this->get("/vorming", other).body.find("Je flashbericht"), std::string::npos);
}

TYPED_TEST(AudienceCache, AnAuditedVisitAndTheAuthorsOwnPageAreNeverServedFromTheCache) {
  auto admin = this->visitor("admin@demo.schakel.be");
  auto audited = [&] {
    long long n = 0;
    this->s().db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'viewed_network_data' AND "
             "object = 'municipality:44021'",
          soci::into(n);
    });
    return n;
  };
  const long long before = audited();
  ASSERT_EQ(this->get("/netwerk/gemeenten/44021", admin).status, 200);
  ASSERT_EQ(this->get("/netwerk/gemeenten/44021", admin).status, 200);
  EXPECT_EQ(audited(), before + 2);

  // A draft of the professional: theirs to open, a 404 for another professional.
  const web::Principal author =
      schakel::testing::principal(this->s(), "professional@demo.schakel.be");
  catalog::CatalogService service(this->s().db(), this->s().clock());
  catalog::Resource r;
  r.kind = "tool";
  r.title = "Mijn eigen ontwerp";
  r.summary = "Nog niet gepubliceerd.";
  r.scope = "flemish";
  r.status = "draft";
  r.visibility = "professionals";
  auto created = service.create(author, r);
  ASSERT_TRUE(created.ok());
  const std::string path = "/kennisbank/" + created.value().slug;
  auto own = this->visitor("professional@demo.schakel.be");
  ASSERT_EQ(this->get(path, own).status, 200);
  ASSERT_EQ(this->get(path, own).status, 200);
  auto other = this->get(path, this->visitor(other_professional));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("Nog niet gepubliceerd."), std::string::npos);
}

}  // namespace
}  // namespace schakel
