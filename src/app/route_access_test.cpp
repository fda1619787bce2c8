// Routes declare who may call them (web::Access in their options); the app
// answers before the handler runs. These tests use routes of their own so that
// they fail when the pipeline stops checking, whatever the features declare.
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "test_support.hpp"

namespace schakel {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

audit::Filter denials_only() {
  audit::Filter f;
  f.action = "denied";
  return f;
}

std::unique_ptr<TestServer> server_with_test_routes(int* handler_calls) {
  return std::make_unique<TestServer>(
      store::Backend::sqlite, schakel::testing::demo_config(), true, [handler_calls](App& app) {
        auto ok = [handler_calls](web::Request&) {
          ++*handler_calls;
          return web::Response::html("binnen");
        };
        app.router().get("/test/aangemeld", ok, {.access = web::Access::signed_in()});
        app.router().get("/test/coordinator", ok,
                         {.access = web::Access::only({Role::coordinator})});
        app.router().post("/test/coordinator", ok,
                          {.access = web::Access::only({Role::coordinator})});
        app.page("/test/pagina", ok, {.access = web::Access::network()});
      });
}

TEST(RouteAccess, AVisitorIsSentToSignInAndComesBackAfterwards) {
  int calls = 0;
  auto server = server_with_test_routes(&calls);
  for (const std::string path : {"/test/aangemeld", "/test/coordinator", "/test/pagina?x=1"}) {
    auto reply = http_get(server->port(), path);
    EXPECT_EQ(reply.status, 303) << path;
    EXPECT_EQ(reply.header("Location"), "/aanmelden?next=" + web::percent_encode(path)) << path;
  }
  EXPECT_EQ(calls, 0);
}

TEST(RouteAccess, ARoleThatIsNotNamedGets403AndTheDenialIsAudited) {
  int calls = 0;
  auto server = server_with_test_routes(&calls);
  const auto professional = session_cookie(*server, "professional@demo.schakel.be");
  EXPECT_EQ(http_get(server->port(), "/test/aangemeld", professional).status, 200);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(http_get(server->port(), "/test/coordinator", professional).status, 403);
  EXPECT_EQ(http_get(server->port(), "/test/pagina", professional).status, 403);
  EXPECT_EQ(calls, 1);

  std::string csrf;
  const auto spoc = session_cookie(*server, "spoc.gent@demo.schakel.be", &csrf);
  EXPECT_EQ(http_post(server->port(), "/test/coordinator", "_csrf=" + csrf,
                      "application/x-www-form-urlencoded", spoc)
                .status,
            403);
  EXPECT_EQ(http_get(server->port(), "/test/pagina", spoc).status, 200);
  EXPECT_EQ(calls, 2);

  const auto denials = audit::find(server->db(), denials_only());
  ASSERT_EQ(denials.size(), 3u);
  bool named_route = false;
  for (const auto& d : denials) named_route |= d.object == "route:POST /test/coordinator";
  EXPECT_TRUE(named_route);
}

TEST(RouteAccess, TheNamedRolePasses) {
  int calls = 0;
  auto server = server_with_test_routes(&calls);
  std::string csrf;
  const auto coordinator = session_cookie(*server, "coordinator@demo.schakel.be", &csrf);
  EXPECT_EQ(http_get(server->port(), "/test/coordinator", coordinator).status, 200);
  EXPECT_EQ(http_post(server->port(), "/test/coordinator", "_csrf=" + csrf,
                      "application/x-www-form-urlencoded", coordinator)
                .status,
            200);
  EXPECT_EQ(calls, 2);
}

TEST(RouteAccess, AForgedPostIsRefusedByItsTokenBeforeTheRoleIsAsked) {
  int calls = 0;
  auto server = server_with_test_routes(&calls);
  const auto professional = session_cookie(*server, "professional@demo.schakel.be");
  auto reply = http_post(server->port(), "/test/coordinator", "_csrf=vals",
                         "application/x-www-form-urlencoded", professional);
  EXPECT_EQ(reply.status, 403);
  EXPECT_NE(reply.body.find("formulier is verlopen"), std::string::npos);
  EXPECT_TRUE(audit::find(server->db(), denials_only()).empty());
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace schakel
