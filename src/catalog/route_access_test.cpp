// The kennisbank's routes declare who may call them: a role the route does not
// name is refused by the app before the handler, with the route in the audit
// log; rules per resource stay in the handlers (an unknown slug stays 404).
#include <gtest/gtest.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::session_cookie;

template <class B>
class CatalogRouteAccess : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  std::vector<std::string> denied_objects() {
    audit::Filter f;
    f.action = "denied";
    std::vector<std::string> out;
    for (const auto& e : audit::find(server_->db(), f)) out.push_back(e.object);
    return out;
  }
  std::unique_ptr<schakel::testing::TestServer> server_;
};
TYPED_TEST_SUITE(CatalogRouteAccess, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(CatalogRouteAccess, ARoleTheRouteDoesNotNameIsRefusedAtTheRoute) {
  const auto port = this->server_->port();
  const auto spoc = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  const auto admin = session_cookie(*this->server_, "admin@demo.schakel.be");
  EXPECT_EQ(http_get(port, "/kennisbank/termen", spoc).status, 403);
  EXPECT_EQ(http_get(port, "/kennisbank/synoniemen", spoc).status, 403);
  EXPECT_EQ(http_get(port, "/kennisbank/nieuw", admin).status, 403);
  const auto objects = this->denied_objects();
  for (const std::string route :
       {"route:GET /kennisbank/termen", "route:GET /kennisbank/synoniemen",
        "route:GET /kennisbank/nieuw"})
    EXPECT_NE(std::find(objects.begin(), objects.end(), route), objects.end()) << route;
}

TYPED_TEST(CatalogRouteAccess, AnUnknownResourceStays404ForEveryoneSignedIn) {
  const auto port = this->server_->port();
  const auto professional = session_cookie(*this->server_, "professional@demo.schakel.be");
  EXPECT_EQ(http_get(port, "/kennisbank/bestaat-niet/bewerken", professional).status, 404);
  EXPECT_EQ(http_get(port, "/kennisbank/bestaat-niet/geschiedenis", professional).status, 404);
  EXPECT_EQ(http_get(port, "/kennisbank/bestaat-niet/bewerken").status, 303);
}

}  // namespace
}  // namespace schakel::catalog
