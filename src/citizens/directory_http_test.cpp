// The directory through HTTP: the citizen's lookup and local help page (no cookie,
// no place in URL or title, bad input refused), and its maintenance and import by
// the network (bad input refused with nothing changed).
#include <gtest/gtest.h>

#include "citizens/help_service_store.hpp"
#include "reference/place_code.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::citizens {
namespace {

using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class DirectoryHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  std::int64_t count() {
    return server_->db().run([](soci::session& sql) { return HelpServiceStore::count(sql); });
  }
  HttpReply lookup(const std::string& body) {
    return http_post(server_->port(), "/hulp/in-de-buurt", body);
  }
  // A signed-in post with its CSRF token.
  HttpReply post_as(const std::string& email, const std::string& path, std::string body) {
    std::string csrf;
    const std::string cookie = session_cookie(*server_, email, &csrf);
    return http_post(server_->port(), path, "_csrf=" + csrf + "&" + body,
                     "application/x-www-form-urlencoded", cookie);
  }
  std::unique_ptr<TestServer> server_;
};
using Backends = ::testing::Types<schakel::testing::OnSqlite, schakel::testing::OnPostgres>;
TYPED_TEST_SUITE(DirectoryHttp, Backends, schakel::testing::BackendNames);

std::string title_of(const std::string& html) {
  const auto from = html.find("<title>"), to = html.find("</title>");
  return html.substr(from + 7, to - from - 7);
}

TYPED_TEST(DirectoryHttp, ACitizenFindsLocalHelpWithoutCookieOrPlaceInUrlOrTitle) {
  const auto form = http_get(this->server_->port(), "/hulp/in-de-buurt");
  EXPECT_EQ(form.status, 200);
  EXPECT_TRUE(form.headers("Set-Cookie").empty());
  EXPECT_EQ(form.header("Cache-Control"), "no-store");
  EXPECT_EQ(form.body.find("_csrf"), std::string::npos);

  const auto found = this->lookup("plaats=9000");
  EXPECT_EQ(found.status, 303);
  EXPECT_TRUE(found.headers("Set-Cookie").empty());
  const std::string location = found.header("Location");
  EXPECT_EQ(location, "/hulp/dichtbij/" + reference::place_code("44021"));

  const auto page = http_get(this->server_->port(), location);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.headers("Set-Cookie").empty());
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  EXPECT_EQ(title_of(page.body).find("Gent"), std::string::npos) << title_of(page.body);
  EXPECT_NE(title_of(page.body).find("Hulp in de buurt"), std::string::npos);
  EXPECT_NE(page.body.find("Onthaal CAW Gent"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"tel:+329"), std::string::npos);
  EXPECT_NE(page.body.find("(demo)"), std::string::npos);
  // Local services come before supra-local ones; referral-only services are not shown.
  EXPECT_LT(page.body.find("Onthaal CAW Gent"), page.body.find("Vertrouwenscentrum"));
  EXPECT_EQ(page.body.find("Veilig Huis"), std::string::npos);
  EXPECT_EQ(page.body.find("Onthaal CAW Aalst"), std::string::npos);
  EXPECT_LT(page.body.size(), 50u * 1024);

  // A deelgemeente name leads to its municipality.
  EXPECT_EQ(this->lookup("plaats=Mariakerke").header("Location"), location);
}

TYPED_TEST(DirectoryHttp, UnknownPlacesAndCodesAreRefusedClearly) {
  const auto unknown = this->lookup("plaats=Atlantis");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("We vinden deze plaats niet"), std::string::npos);
  EXPECT_TRUE(unknown.headers("Set-Cookie").empty());
  EXPECT_EQ(this->lookup("plaats=").status, 422);
  EXPECT_EQ(this->lookup("plaats=" + std::string(500, 'a')).status, 422);
  EXPECT_EQ(http_get(this->server_->port(), "/hulp/dichtbij/zzzz").status, 404);
  EXPECT_EQ(
      http_get(this->server_->port(), "/hulp/dichtbij/" + reference::place_code("99999")).status,
      404);
  // A name shared by localities of several municipalities asks which one.
  const auto choose = this->lookup("plaats=Beveren");
  EXPECT_EQ(choose.status, 200);
  EXPECT_NE(choose.body.find("Welke bedoel je?"), std::string::npos);
  EXPECT_EQ(this->lookup("gemeente=44021").header("Location"),
            "/hulp/dichtbij/" + reference::place_code("44021"));
  EXPECT_EQ(this->lookup("gemeente=00000&plaats=").status, 422);
}

TYPED_TEST(DirectoryHttp, LookupsAreRateLimitedPerClient) {
  int last = 0;
  for (int i = 0; i < 31; ++i) last = this->lookup("plaats=9000").status;
  EXPECT_EQ(last, 429);
}

TYPED_TEST(DirectoryHttp, ASpocAddsAServiceForTheirMunicipalityOnly) {
  const std::int64_t before = this->count();
  const std::string fields =
      "organisatie=Buurthuis&naam=Praatpunt&soort=andere&toegang=self&thema=partner_violence&"
      "werkgebied=local&telefoons=" +
      web::percent_encode("09 111 22 33: Onthaal") + "&gemeenten=Gent";
  const auto bad = this->post_as("spoc.gent@demo.schakel.be", "/netwerk/hulpaanbod/nieuw",
                                 "organisatie=Buurthuis&naam=Praatpunt&soort=andere&toegang=self&"
                                 "thema=partner_violence&werkgebied=local&telefoons=bel%20ons&"
                                 "gemeenten=Gent");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("geen Belgisch telefoonnummer"), std::string::npos);
  const auto other = this->post_as("spoc.gent@demo.schakel.be", "/netwerk/hulpaanbod/nieuw",
                                   fields.substr(0, fields.size() - 4) + "Aalst");
  EXPECT_EQ(other.status, 422);
  std::string flanders = fields;
  flanders.replace(flanders.find("werkgebied=local"), 16, "werkgebied=flanders");
  const auto supra =
      this->post_as("spoc.gent@demo.schakel.be", "/netwerk/hulpaanbod/nieuw", flanders);
  EXPECT_EQ(supra.status, 422);
  EXPECT_EQ(this->count(), before);

  const auto added =
      this->post_as("spoc.gent@demo.schakel.be", "/netwerk/hulpaanbod/nieuw", fields);
  EXPECT_EQ(added.status, 303);
  EXPECT_EQ(this->count(), before + 1);
  const auto page =
      http_get(this->server_->port(), "/hulp/dichtbij/" + reference::place_code("44021"));
  EXPECT_NE(page.body.find("Praatpunt"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"tel:+3291112233\""), std::string::npos);
}

TYPED_TEST(DirectoryHttp, ABadImportChangesNothing) {
  const std::int64_t before = this->count();
  std::string csrf;
  const std::string cookie = session_cookie(*this->server_, "coordinator@demo.schakel.be", &csrf);
  const std::string boundary = "grens123";
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
                           "\r\n--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"bestand\"; "
                           "filename=\"hulp.json\"\r\nContent-Type: application/json\r\n\r\n"
                           "{\"services\": [{\"id\": \"svc-1\", \"organization_id\": \"org-9\"}]}"
                           "\r\n--" +
                           boundary + "--\r\n";
  const auto reply = http_post(this->server_->port(), "/netwerk/hulpaanbod/importeren?csrf=" + csrf,
                               body, "multipart/form-data; boundary=" + boundary,
                               cookie + "X-CSRF-Token: " + csrf + "\r\n");
  EXPECT_EQ(reply.status, 422);
  EXPECT_NE(reply.body.find("services, record 1 (svc-1)"), std::string::npos);
  EXPECT_EQ(this->count(), before);

  // The export of the demo directory reads back as it is.
  const auto exported = http_get(this->server_->port(), "/netwerk/hulpaanbod/hsds.json", cookie);
  EXPECT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("\"service_at_locations\""), std::string::npos);
}

TYPED_TEST(DirectoryHttp, ProfessionalsAlsoSeeServicesReachedThroughAReferral) {
  const std::string cookie = session_cookie(*this->server_, "professional@demo.schakel.be");
  const auto port = this->server_->port();
  const auto all = http_get(port, "/doorverwijzen?plaats=9000", cookie);
  EXPECT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("Veilig Huis Gent"), std::string::npos);
  EXPECT_NE(all.body.find("Alleen via een hulpverlener"), std::string::npos);
  EXPECT_NE(all.body.find("Onthaal CAW Gent"), std::string::npos);
  // By theme and target group: Veilig Huis works on partner violence and child abuse.
  const auto elder = http_get(port, "/doorverwijzen?plaats=Gent&thema=elder_abuse", cookie);
  EXPECT_EQ(elder.body.find("Veilig Huis Gent"), std::string::npos);
  EXPECT_NE(elder.body.find("Onthaal CAW Gent"), std::string::npos);
  const auto group =
      http_get(port, "/doorverwijzen?plaats=9000&thema=child_abuse&doelgroep=children", cookie);
  EXPECT_NE(group.body.find("Vertrouwenscentrum Kindermishandeling"), std::string::npos);
  EXPECT_EQ(http_get(port, "/doorverwijzen?plaats=Atlantis", cookie).status, 422);
  EXPECT_EQ(http_get(port, "/doorverwijzen?plaats=9000").status, 303);  // signed in only
}

}  // namespace
}  // namespace schakel::citizens
