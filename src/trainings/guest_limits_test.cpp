// The guest registration form sends mail to an address anyone can type: it is
// limited per address and per IP, its name cannot carry links or phone numbers
// into the mail, and its address is checked as an address. Online session
// links are https:// only.
#include "trainings/guest_limits.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::cookie_header;
using schakel::testing::demo_server;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

const char* const form_type = "application/x-www-form-urlencoded";

TEST(GuestName, RefusesLinksAddressesAndPhoneNumbers) {
  for (const char* ok :
       {"An De Smet", "Jean-Pierre Van den Bossche", "J.P. Peeters", "Özlem Yılmaz"})
    EXPECT_TRUE(check_guest_name(ok).ok()) << ok;
  for (const char* bad : {"Klik https://evil.example/x", "www.winnen.be", "Prijs op evil.com",
                          "Mail me: a@b.be", "Bel 0470 12 34 56", "Jan +32470123456"})
    EXPECT_FALSE(check_guest_name(bad).ok()) << bad;
}

template <class B>
class GuestMailReservations : public schakel::testing::BackendTest<B> {};
TYPED_TEST_SUITE(GuestMailReservations, Backends, BackendNames);

TYPED_TEST(GuestMailReservations, AnIpv6ClientCountsByItsSlash64) {
  ManualClock clock(1'800'000'000);
  store::RateLimiter limiter(this->db(), clock);
  auto reserve = [&](int n, const std::string& ip) {
    return reserve_guest_mail(limiter, "gast" + std::to_string(n) + "@voorbeeld.be", ip);
  };
  for (int i = 1; i <= 10; ++i) ASSERT_TRUE(reserve(i, "2001:db8:5:6::" + std::to_string(i)).ok());
  auto refused = reserve(11, "2001:db8:5:6:1:2:3:4");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().failure, Failure::busy);
  EXPECT_TRUE(reserve(12, "2001:db8:5:7::1").ok());  // the next /64
  for (int i = 20; i < 30; ++i) ASSERT_TRUE(reserve(i, "::ffff:198.51.100.4").ok());
  EXPECT_FALSE(reserve(30, "198.51.100.4").ok());  // mapped IPv4 is that IPv4 address
  EXPECT_TRUE(reserve(31, "198.51.100.5").ok());
}
template <class B>
class GuestRegistrationLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    gent_ = session_cookie(*server_, "spoc.gent@demo.schakel.be", &gent_csrf_);
    auto created = http_post(server_->port(), "/vorming/nieuw",
                             "_csrf=" + gent_csrf_ +
                                 "&title=Gastenreeks&organiser=Stad+Gent&owner_nis_code=44021"
                                 "&visibility=public&registration_unit=series&hold_hours=48"
                                 "&status=published&certificate_rule=all&evaluation_unit=series",
                             form_type, gent_);
    ASSERT_EQ(created.status, 303) << created.body;
    slug_ = created.header("Location").substr(std::string("/vorming/").size());
    auto session = add_session("in_person", "");
    ASSERT_EQ(session.status, 303) << session.body;
  }
  schakel::testing::HttpReply add_session(const std::string& format, const std::string& url) {
    return http_post(server_->port(), "/vorming/" + slug_ + "/sessies/nieuw",
                     "_csrf=" + gent_csrf_ + "&module=basics&format=" + format +
                         "&address=Botermarkt+1%2C+Gent&online_url=" + web::percent_encode(url) +
                         "&date=" + format_date_input(server_->clock().now() + 10 * 86400) +
                         "&start=09:00&end=12:00&capacity=20&status=planned",
                     form_type, gent_);
  }
  schakel::testing::HttpReply guest(const std::string& name, const std::string& email) {
    auto anon = server_->app().sessions().create(std::nullopt, "test");
    return http_post(server_->port(), "/vorming/" + slug_ + "/inschrijven",
                     "_csrf=" + anon->csrf_token + "&name=" + web::percent_encode(name) +
                         "&email=" + web::percent_encode(email),
                     form_type, cookie_header(anon->token));
  }
  int count(const std::string& sql_text) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return static_cast<int>(n);
  }
  int pending() { return count("SELECT COUNT(*) FROM training_pending"); }
  int mails() { return count("SELECT COUNT(*) FROM mail_outbox"); }
  std::unique_ptr<TestServer> server_;
  std::string gent_, gent_csrf_, slug_;
};
TYPED_TEST_SUITE(GuestRegistrationLimits, Backends, BackendNames);

TYPED_TEST(GuestRegistrationLimits, AtMostThreeMailsPerAddressAndTenPerIpIn15Minutes) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(this->guest("Gast", "doel@voorbeeld.be").status, 303);
  int rows = this->pending(), sent = this->mails();
  auto refused = this->guest("Gast", "Doel@Voorbeeld.be");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("Probeer opnieuw over"), std::string::npos);
  EXPECT_EQ(this->pending(), rows);
  EXPECT_EQ(this->mails(), sent);
  // Other addresses from the same IP: ten mails in all.
  for (int i = 0; i < 7; ++i)
    EXPECT_EQ(this->guest("Gast", "ander" + std::to_string(i) + "@voorbeeld.be").status, 303) << i;
  rows = this->pending(), sent = this->mails();
  EXPECT_EQ(this->guest("Gast", "nog-een@voorbeeld.be").status, 429);
  EXPECT_EQ(this->pending(), rows);
  EXPECT_EQ(this->mails(), sent);
  this->server_->clock().advance(16 * 60);
  EXPECT_EQ(this->guest("Gast", "doel@voorbeeld.be").status, 303);
}

TYPED_TEST(GuestRegistrationLimits, TheNameCarriesNoLinkAndTheAddressMustBeAnAddress) {
  const int rows = this->pending(), sent = this->mails();
  for (const std::string name : {"Win een prijs op https://evil.example", "Bel 0470 12 34 56"}) {
    auto reply = this->guest(name, "gast@voorbeeld.be");
    EXPECT_EQ(reply.status, 422) << name;
    EXPECT_NE(reply.body.find("Vul alleen je naam in"), std::string::npos) << name;
  }
  auto bad = this->guest("Gast", "gast@example.org'x<'\">");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("geldig e-mailadres"), std::string::npos);
  EXPECT_EQ(this->pending(), rows);
  EXPECT_EQ(this->mails(), sent);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_pending WHERE email LIKE '%<%'"), 0);
}

TYPED_TEST(GuestRegistrationLimits, OnlineSessionLinksMustBeHttps) {
  const int before = this->count("SELECT COUNT(*) FROM training_sessions");
  for (const std::string url :
       {"http://meet.example/abc", "javascript:alert(1)", "https://", "https://@evil"}) {
    auto reply = this->add_session("online", url);
    EXPECT_EQ(reply.status, 422) << url;
    EXPECT_NE(reply.body.find("begint met https://"), std::string::npos) << url;
  }
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_sessions"), before);
  EXPECT_EQ(this->add_session("online", "https://meet.example/abc-def").status, 303);
}

}  // namespace
}  // namespace schakel::trainings
