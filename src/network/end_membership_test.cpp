// Ending a membership asks for confirmation (issue 10): the link on the
// management page opens a page that changes nothing; only its POST ends the
// membership. Works without JavaScript: a plain link and a plain form.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::network {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class EndMembership : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  long long membership(const std::string& nis) {
    long long id = 0;
    server_->db().run([&](soci::session& sql) {
      sql << "SELECT id FROM memberships WHERE nis_code = :n", soci::use(nis), soci::into(id);
    });
    return id;
  }
  bool ended(const std::string& nis) {
    int n = 0;
    server_->db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM memberships WHERE nis_code = :n AND member_until IS NOT NULL",
          soci::use(nis), soci::into(n);
    });
    return n > 0;
  }
  std::unique_ptr<TestServer> server_;
};
TYPED_TEST_SUITE(EndMembership, Backends, BackendNames);

TYPED_TEST(EndMembership, TheManagementPageLinksAConfirmationThatChangesNothing) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  const std::string path =
      "/netwerk/beheer/leden/" + std::to_string(this->membership("24062")) + "/beeindigen";

  const auto manage = http_get(port, "/netwerk/beheer", cookie);
  EXPECT_NE(manage.body.find("<a href=\"" + path + "\">Lidmaatschap beëindigen"), std::string::npos)
      << "a link, not a one-click button";
  EXPECT_EQ(manage.body.find("method=\"post\" action=\"" + path + "\""), std::string::npos);

  const auto ask = http_get(port, path, cookie);
  EXPECT_EQ(ask.status, 200);
  EXPECT_NE(ask.body.find("Lidmaatschap van Leuven beëindigen?"), std::string::npos);
  EXPECT_NE(ask.body.find("method=\"post\" action=\"" + path + "\""), std::string::npos);
  EXPECT_NE(ask.body.find("href=\"/netwerk/beheer#leden-titel\""), std::string::npos);
  EXPECT_FALSE(this->ended("24062")) << "asking changes nothing";

  // Without the CSRF token the POST changes nothing either.
  EXPECT_EQ(http_post(port, path, "", "application/x-www-form-urlencoded", cookie).status, 403);
  EXPECT_FALSE(this->ended("24062"));

  // Without the confirmation field the POST asks again and changes nothing.
  EXPECT_NE(ask.body.find("name=\"bevestigd\" value=\"ja\""), std::string::npos);
  const auto unconfirmed = http_post(port, path, "_csrf=" + web::percent_encode(csrf),
                                     "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(unconfirmed.status, 200);
  EXPECT_NE(unconfirmed.body.find("Lidmaatschap van Leuven beëindigen?"), std::string::npos);
  EXPECT_FALSE(this->ended("24062"));

  const auto done = http_post(port, path, "_csrf=" + web::percent_encode(csrf) + "&bevestigd=ja",
                              "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(done.status, 303);
  EXPECT_TRUE(this->ended("24062"));

  // Asked again, the page says it already ended and offers no button.
  const auto again = http_get(port, path, cookie);
  EXPECT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("al beëindigd"), std::string::npos);
  EXPECT_EQ(again.body.find("method=\"post\" action=\"" + path + "\""), std::string::npos);
}

TYPED_TEST(EndMembership, TheLeadingMunicipalityIsNotOfferedAndOthersMayNotAsk) {
  const auto port = this->server_->port();
  const std::string gent =
      "/netwerk/beheer/leden/" + std::to_string(this->membership("44021")) + "/beeindigen";
  const auto lead =
      http_get(port, gent, session_cookie(*this->server_, "coordinator@demo.schakel.be"));
  EXPECT_EQ(lead.status, 200);
  EXPECT_NE(lead.body.find("trekkersrol is overgedragen"), std::string::npos);
  EXPECT_EQ(lead.body.find("Ja, lidmaatschap beëindigen"), std::string::npos);
  EXPECT_EQ(http_get(port, "/netwerk/beheer/leden/999999/beeindigen",
                     session_cookie(*this->server_, "coordinator@demo.schakel.be"))
                .status,
            404);
  EXPECT_EQ(
      http_get(port, gent, session_cookie(*this->server_, "spoc.gent@demo.schakel.be")).status,
      403);
  EXPECT_EQ(http_get(port, gent, session_cookie(*this->server_, "admin@demo.schakel.be")).status,
            403);
}

}  // namespace
}  // namespace schakel::network
