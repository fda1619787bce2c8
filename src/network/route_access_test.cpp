// The network's routes declare who may call them: the management pages are the
// coordinator's, the directory the network's; a role they do not name is refused
// by the app with the route in the audit log. Whose hand-over stays a 404.
#include <gtest/gtest.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "test_support.hpp"

namespace schakel::network {
namespace {

using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::session_cookie;

template <class B>
class NetworkRouteAccess : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  std::unique_ptr<schakel::testing::TestServer> server_;
};
TYPED_TEST_SUITE(NetworkRouteAccess, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(NetworkRouteAccess, ARoleTheRouteDoesNotNameIsRefusedAtTheRoute) {
  const auto port = this->server_->port();
  const auto spoc = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  const auto professional = session_cookie(*this->server_, "professional@demo.schakel.be");
  EXPECT_EQ(http_get(port, "/netwerk/beheer", spoc).status, 403);
  EXPECT_EQ(http_get(port, "/netwerk/spocs", professional).status, 403);
  audit::Filter f;
  f.action = "denied";
  std::vector<std::string> objects;
  for (const auto& e : audit::find(this->server_->db(), f)) objects.push_back(e.object);
  for (const std::string route : {"route:GET /netwerk/beheer", "route:GET /netwerk/spocs"})
    EXPECT_NE(std::find(objects.begin(), objects.end(), route), objects.end()) << route;
}

TYPED_TEST(NetworkRouteAccess, SomeoneElsesHandoverStays404) {
  const auto coordinator = session_cookie(*this->server_, "coordinator@demo.schakel.be");
  EXPECT_EQ(http_get(this->server_->port(), "/netwerk/overdracht/999999", coordinator).status, 404);
  EXPECT_EQ(http_get(this->server_->port(), "/netwerk/overdracht/999999").status, 303);
}

}  // namespace
}  // namespace schakel::network
