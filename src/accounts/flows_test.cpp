// Account flows through HTTP, with mail delivered to a real SMTP server
// (aiosmtpd) and the links taken from the received messages.
#include <gtest/gtest.h>

#include <regex>

#include "accounts/accounts.hpp"
#include "accounts/service.hpp"
#include "accounts/totp.hpp"
#include "core/random.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::accounts {
namespace {

using schakel::testing::extract_cookie;
using schakel::testing::extract_csrf;
using schakel::testing::first_link;
using schakel::testing::HttpReply;
using schakel::testing::mail_header;
using schakel::testing::mail_text;
using schakel::testing::path_of;
using schakel::testing::SmtpServer;
using schakel::testing::TestServer;

// One browser: keeps its session cookie and the CSRF token of the last page.
class Client {
 public:
  explicit Client(unsigned short port,
                  std::string agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0")
      : port_(port), agent_(std::move(agent)) {}
  HttpReply get(const std::string& target) {
    auto r = schakel::testing::http_get(port_, target, headers());
    absorb(r);
    return r;
  }
  HttpReply post(const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body = "_csrf=" + web::percent_encode(csrf_);
    for (const auto& [k, v] : fields)
      body += "&" + web::percent_encode(k) + "=" + web::percent_encode(v);
    auto r = schakel::testing::http_post(port_, target, body, "application/x-www-form-urlencoded",
                                         headers());
    absorb(r);
    return r;
  }
  const std::string& cookie() const { return cookie_; }
  bool signed_in_as(const std::string& name) {
    return get("/").body.find(name) != std::string::npos;
  }

 private:
  std::string headers() const {
    std::string h = "User-Agent: " + agent_ + "\r\n";
    if (!cookie_.empty()) h += "Cookie: __Host-schakel=" + cookie_ + "\r\n";
    return h;
  }
  void absorb(const HttpReply& r) {
    for (const auto& v : r.headers("Set-Cookie"))
      if (v.rfind("__Host-schakel=", 0) == 0) cookie_ = extract_cookie(r, "__Host-schakel");
    if (auto token = extract_csrf(r.body); !token.empty()) csrf_ = token;
  }
  unsigned short port_;
  std::string agent_;
  std::string cookie_;
  std::string csrf_;
};

std::string token_of(const std::string& link) {
  static const std::regex pattern(R"(token=([A-Za-z0-9_-]+))");
  std::smatch m;
  return std::regex_search(link, m, pattern) ? std::string(m[1]) : std::string();
}

class AccountFlows : public ::testing::Test {
 protected:
  AccountFlows() : server_(store::Backend::sqlite, config_with(smtp_.url()), true) {}
  static Config config_with(const std::string& smtp) {
    Config c;
    c.smtp_url = smtp;
    c.allow_demo_accounts = true;
    return c;
  }
  // Runs the mail job and returns the newest message to `to`.
  std::string mail_to(const std::string& to) {
    server_.app().outbox().send_due();
    return smtp_.wait_for(to);
  }
  int count(const std::string& sql_text) {
    int n = 0;
    server_.db().run([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return n;
  }
  User make_user(const std::string& email, Role role = Role::professional,
                 const std::string& nis = "") {
    AccountService service(server_.db(), server_.clock());
    return service
        .create_user({email, "Naam " + email.substr(0, email.find('@')), "een lang wachtwoord",
                      role, nis, false})
        .value();
  }
  SmtpServer smtp_;
  TestServer server_;
};

TEST_F(AccountFlows, AProfessionalSignsUpConfirmsByMailAndSignsIn) {
  Client browser(server_.port());
  EXPECT_EQ(browser.get("/registreren").status, 200);
  auto done = browser.post("/registreren", {{"email", "Lies@School.be"},
                                            {"display_name", "Lies Claes"},
                                            {"organisation", "Basisschool De Linde"},
                                            {"sector", "education"},
                                            {"sector_detail", ""},
                                            {"track", "prevention"},
                                            {"password", "mijn fiets is blauw en snel"}});
  EXPECT_EQ(done.status, 200);
  // Not before the address is confirmed.
  Client other(server_.port());
  other.get("/aanmelden");
  auto early = other.post(
      "/aanmelden", {{"email", "lies@school.be"}, {"password", "mijn fiets is blauw en snel"}});
  EXPECT_EQ(early.status, 422);
  EXPECT_NE(early.body.find("Bevestig eerst"), std::string::npos);

  const std::string mail = mail_to("lies@school.be");
  ASSERT_FALSE(mail.empty());
  EXPECT_NE(mail_header(mail, "Subject").find("Bevestig"), std::string::npos);
  const std::string text = mail_text(mail);
  EXPECT_NE(text.find("Lies Claes"), std::string::npos);
  const std::string link = first_link(text);
  ASSERT_FALSE(link.empty()) << text;
  EXPECT_EQ(browser.get(path_of(link)).status, 200);
  auto confirmed = browser.post("/bevestigen", {{"token", token_of(link)}});
  EXPECT_EQ(confirmed.status, 303);
  EXPECT_TRUE(browser.signed_in_as("Lies Claes"));
  // The link works once.
  EXPECT_EQ(browser.post("/bevestigen", {{"token", token_of(link)}}).status, 410);

  browser.post("/afmelden", {});
  EXPECT_FALSE(browser.signed_in_as("Lies Claes"));
  browser.get("/aanmelden");
  EXPECT_EQ(browser
                .post("/aanmelden",
                      {{"email", "lies@school.be"}, {"password", "mijn fiets is blauw en snel"}})
                .status,
            303);
  EXPECT_TRUE(browser.signed_in_as("Lies Claes"));
}

TEST_F(AccountFlows, SigningUpWithATakenAddressTellsOnlyTheOwner) {
  make_user("bezet@voorbeeld.be");
  const int users = count("SELECT COUNT(*) FROM users");
  Client browser(server_.port());
  browser.get("/registreren");
  auto reply = browser.post("/registreren", {{"email", "bezet@voorbeeld.be"},
                                             {"display_name", "Iemand"},
                                             {"organisation", "Org"},
                                             {"sector", "welfare"},
                                             {"track", "care"},
                                             {"password", "een ander lang wachtwoord"}});
  EXPECT_EQ(reply.status, 200);  // the same answer as for a new address
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), users);
  const std::string mail = mail_to("bezet@voorbeeld.be");
  ASSERT_FALSE(mail.empty());
  EXPECT_EQ(first_link(mail_text(mail)).find("/bevestigen"), std::string::npos);
}

TEST_F(AccountFlows, SignUpWithBadInputShowsErrorsByTheFieldsAndCreatesNothing) {
  Client browser(server_.port());
  browser.get("/registreren");
  const int users = count("SELECT COUNT(*) FROM users");
  auto empty = browser.post("/registreren", {});
  EXPECT_EQ(empty.status, 422);
  for (const char* field : {"email", "display_name", "organisation", "sector", "track", "password"})
    EXPECT_NE(empty.body.find("id=\"" + std::string(field) + "-fout\""), std::string::npos)
        << field;
  auto bad = browser.post("/registreren", {{"email", "geen-adres"},
                                           {"display_name", std::string(300, 'x')},
                                           {"organisation", "Org"},
                                           {"sector", "keuken"},
                                           {"track", "care"},
                                           {"password", "wachtwoord123"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("niet geldig"), std::string::npos);
  EXPECT_NE(bad.body.find("veel gebruikt"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users"), users);
}

TEST_F(AccountFlows, ASignInLinkWorksOnceAndForFifteenMinutes) {
  make_user("link@voorbeeld.be");
  Client browser(server_.port());
  browser.get("/aanmelden/link");
  EXPECT_EQ(browser.post("/aanmelden/link", {{"email", "link@voorbeeld.be"}}).status, 200);
  const std::string link = first_link(mail_text(mail_to("link@voorbeeld.be")));
  ASSERT_NE(link.find("/aanmelden/link/gebruiken?token="), std::string::npos);
  EXPECT_EQ(browser.get(path_of(link)).status, 200);
  EXPECT_EQ(browser.post("/aanmelden/link/gebruiken", {{"token", token_of(link)}}).status, 303);
  EXPECT_TRUE(browser.signed_in_as("Naam link"));
  EXPECT_EQ(browser.post("/aanmelden/link/gebruiken", {{"token", token_of(link)}}).status,
            410);  // replayed

  Client late(server_.port());
  late.get("/aanmelden/link");
  late.post("/aanmelden/link", {{"email", "link@voorbeeld.be"}});
  const std::string second = first_link(mail_text(mail_to("link@voorbeeld.be")));
  ASSERT_NE(second, link);
  server_.clock().advance(16 * 60);
  EXPECT_EQ(late.get(path_of(second)).status, 410);
  EXPECT_EQ(late.post("/aanmelden/link/gebruiken", {{"token", token_of(second)}}).status, 410);
}

TEST_F(AccountFlows, AnUnknownAddressGetsTheSameAnswerAndNoMail) {
  Client browser(server_.port());
  browser.get("/aanmelden/link");
  auto reply = browser.post("/aanmelden/link", {{"email", "niemand@voorbeeld.be"}});
  EXPECT_EQ(reply.status, 200);
  server_.app().outbox().send_due();
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
}

TEST_F(AccountFlows, APasswordResetEndsEveryOtherSession) {
  make_user("reset@voorbeeld.be");
  Client old_device(server_.port());
  old_device.get("/aanmelden");
  ASSERT_EQ(old_device
                .post("/aanmelden",
                      {{"email", "reset@voorbeeld.be"}, {"password", "een lang wachtwoord"}})
                .status,
            303);
  Client browser(server_.port());
  browser.get("/wachtwoord-vergeten");
  EXPECT_EQ(browser.post("/wachtwoord-vergeten", {{"email", "reset@voorbeeld.be"}}).status, 200);
  const std::string link = first_link(mail_text(mail_to("reset@voorbeeld.be")));
  ASSERT_NE(link.find("/wachtwoord-herstellen?token="), std::string::npos);
  EXPECT_EQ(browser.get(path_of(link)).status, 200);
  auto weak =
      browser.post("/wachtwoord-herstellen", {{"token", token_of(link)}, {"password", "kort"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(browser
                .post("/wachtwoord-herstellen",
                      {{"token", token_of(link)}, {"password", "een nieuw lang wachtwoord"}})
                .status,
            303);
  EXPECT_FALSE(old_device.signed_in_as("Naam reset"));
  EXPECT_EQ(browser
                .post("/wachtwoord-herstellen",
                      {{"token", token_of(link)}, {"password", "nog een ander wachtwoord"}})
                .status,
            410);
  browser.get("/aanmelden");
  EXPECT_EQ(browser
                .post("/aanmelden",
                      {{"email", "reset@voorbeeld.be"}, {"password", "een lang wachtwoord"}})
                .status,
            422);
  EXPECT_EQ(browser
                .post("/aanmelden",
                      {{"email", "reset@voorbeeld.be"}, {"password", "een nieuw lang wachtwoord"}})
                .status,
            303);
}

TEST_F(AccountFlows, AResetLinkExpiresAfterThirtyMinutes) {
  make_user("traag@voorbeeld.be");
  Client browser(server_.port());
  browser.get("/wachtwoord-vergeten");
  browser.post("/wachtwoord-vergeten", {{"email", "traag@voorbeeld.be"}});
  const std::string link = first_link(mail_text(mail_to("traag@voorbeeld.be")));
  server_.clock().advance(31 * 60);
  EXPECT_EQ(browser
                .post("/wachtwoord-herstellen",
                      {{"token", token_of(link)}, {"password", "een nieuw lang wachtwoord"}})
                .status,
            410);
}

TEST_F(AccountFlows, FailedSignInsAreLimitedPerAccountWithAClearMessage) {
  make_user("doelwit@voorbeeld.be");
  Client attacker(server_.port());
  attacker.get("/aanmelden");
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(attacker
                  .post("/aanmelden", {{"email", "doelwit@voorbeeld.be"},
                                       {"password", "fout " + std::to_string(i)}})
                  .status,
              422);
  auto blocked = attacker.post(
      "/aanmelden", {{"email", "doelwit@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  EXPECT_EQ(blocked.status, 429);
  EXPECT_NE(blocked.body.find("Probeer opnieuw over"), std::string::npos);
  server_.clock().advance(16 * 60);
  EXPECT_EQ(attacker
                .post("/aanmelden",
                      {{"email", "doelwit@voorbeeld.be"}, {"password", "een lang wachtwoord"}})
                .status,
            303);
}

TEST_F(AccountFlows, FailedSignInsAreLimitedPerAddressOfTheClient) {
  Client attacker(server_.port());
  attacker.get("/aanmelden");
  for (int i = 0; i < 30; ++i)
    attacker.post("/aanmelden", {{"email", "iemand" + std::to_string(i) + "@voorbeeld.be"},
                                 {"password", "fout"}});
  EXPECT_EQ(
      attacker.post("/aanmelden", {{"email", "nog-iemand@voorbeeld.be"}, {"password", "fout"}})
          .status,
      429);
}

TEST_F(AccountFlows, TheCoordinatorSignsInWithASecondFactorThatCannotBeReplayed) {
  Client browser(server_.port());
  browser.get("/aanmelden");
  auto step = browser.post("/aanmelden",
                           {{"email", "coordinator@demo.schakel.be"}, {"password", demo_password}});
  EXPECT_EQ(step.status, 303);
  EXPECT_EQ(step.header("Location").rfind("/aanmelden/tweede-stap", 0), 0u);
  EXPECT_FALSE(browser.signed_in_as("Demo Coördinator"));
  EXPECT_EQ(browser.get("/aanmelden/tweede-stap").status, 200);
  auto wrong = browser.post("/aanmelden/tweede-stap", {{"code", "000000"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("aria-invalid=\"true\""), std::string::npos);
  const std::string code = totp_code(demo_totp_secret, server_.clock().now());
  EXPECT_EQ(browser.post("/aanmelden/tweede-stap", {{"code", code}}).status, 303);
  EXPECT_TRUE(browser.signed_in_as("Demo Coördinator"));

  Client thief(server_.port());
  thief.get("/aanmelden");
  thief.post("/aanmelden", {{"email", "coordinator@demo.schakel.be"}, {"password", demo_password}});
  EXPECT_EQ(thief.post("/aanmelden/tweede-stap", {{"code", code}}).status, 422);
  EXPECT_FALSE(thief.signed_in_as("Demo Coördinator"));
}

TEST_F(AccountFlows, ANewAdminMustSetUpASecondFactorAndGetsRecoveryCodes) {
  make_user("nieuw.admin@voorbeeld.be", Role::admin);
  Client browser(server_.port());
  browser.get("/aanmelden");
  EXPECT_EQ(browser
                .post("/aanmelden",
                      {{"email", "nieuw.admin@voorbeeld.be"}, {"password", "een lang wachtwoord"}})
                .status,
            303);
  auto forced = browser.get("/beheer");
  EXPECT_EQ(forced.status, 303);
  EXPECT_EQ(forced.header("Location"), "/profiel/tweestapsverificatie");
  auto setup = browser.get("/profiel/tweestapsverificatie");
  static const std::regex secret_pattern(R"(secret=([A-Z2-7]+))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(setup.body, m, secret_pattern));
  const std::string secret = m[1];
  EXPECT_EQ(browser.post("/profiel/tweestapsverificatie", {{"code", "123456"}}).status, 422);
  auto enabled = browser.post("/profiel/tweestapsverificatie",
                              {{"code", totp_code(secret, server_.clock().now())}});
  EXPECT_EQ(enabled.status, 200);
  static const std::regex code_pattern(R"(([0-9a-f]{5}-[0-9a-f]{5}))");
  ASSERT_TRUE(std::regex_search(enabled.body, m, code_pattern));
  const std::string recovery = m[1];
  EXPECT_EQ(browser.get("/beheer").status, 200);

  Client later(server_.port());
  later.get("/aanmelden");
  later.post("/aanmelden",
             {{"email", "nieuw.admin@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  EXPECT_EQ(later.post("/aanmelden/tweede-stap", {{"code", recovery}}).status, 303);
  Client again(server_.port());
  again.get("/aanmelden");
  again.post("/aanmelden",
             {{"email", "nieuw.admin@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  EXPECT_EQ(again.post("/aanmelden/tweede-stap", {{"code", recovery}}).status, 422);  // used once
}

TEST_F(AccountFlows, ReplacingAnEnabledSecondFactorAsksThePassword) {
  Client browser(server_.port());
  browser.get("/aanmelden");
  browser.post("/aanmelden",
               {{"email", "coordinator@demo.schakel.be"}, {"password", demo_password}});
  ASSERT_EQ(browser
                .post("/aanmelden/tweede-stap",
                      {{"code", totp_code(demo_totp_secret, server_.clock().now())}})
                .status,
            303);
  static const std::regex secret_pattern(R"(secret=([A-Z2-7]+))");
  std::smatch m;
  auto page = browser.get("/profiel/tweestapsverificatie");
  EXPECT_FALSE(
      std::regex_search(page.body, m, secret_pattern));  // a session alone shows no new key
  EXPECT_EQ(browser.post("/profiel/tweestapsverificatie", {{"code", "123456"}}).status, 422);
  const std::string again = browser.get("/profiel/tweestapsverificatie").body;
  EXPECT_FALSE(std::regex_search(again, m, secret_pattern));
  EXPECT_EQ(
      browser.post("/profiel/tweestapsverificatie/opnieuw", {{"restart_password", "fout"}}).status,
      422);
  auto restarted =
      browser.post("/profiel/tweestapsverificatie/opnieuw", {{"restart_password", demo_password}});
  EXPECT_EQ(restarted.status, 200);
  ASSERT_TRUE(std::regex_search(restarted.body, m, secret_pattern));
  const std::string new_secret = m[1];
  EXPECT_NE(new_secret, demo_totp_secret);
  server_.clock().advance(30);
  EXPECT_EQ(browser
                .post("/profiel/tweestapsverificatie",
                      {{"code", totp_code(new_secret, server_.clock().now())}})
                .status,
            200);
}

TEST_F(AccountFlows, AUserSeesTheirSessionsAndEndsAnother) {
  make_user("twee@voorbeeld.be");
  Client laptop(server_.port(), "Mozilla/5.0 (Windows NT 10.0) Firefox/140.0");
  Client phone(server_.port(), "Mozilla/5.0 (Linux; Android 14) Chrome/140.0 Mobile Safari/537.36");
  for (Client* c : {&laptop, &phone}) {
    c->get("/aanmelden");
    ASSERT_EQ(
        c->post("/aanmelden", {{"email", "twee@voorbeeld.be"}, {"password", "een lang wachtwoord"}})
            .status,
        303);
  }
  auto page = laptop.get("/profiel/sessies");
  EXPECT_NE(page.body.find("Firefox op Windows"), std::string::npos);
  EXPECT_NE(page.body.find("Chrome op Android"), std::string::npos);
  static const std::regex end_form(R"re(/profiel/sessies/([0-9a-f]{64})/beeindigen)re");
  std::vector<std::string> ids;
  for (std::sregex_iterator it(page.body.begin(), page.body.end(), end_form), stop; it != stop;
       ++it)
    ids.push_back((*it)[1]);
  ASSERT_EQ(ids.size(), 2u);
  const std::string phone_id = sha256_hex(phone.cookie());
  ASSERT_TRUE(std::find(ids.begin(), ids.end(), phone_id) != ids.end());
  EXPECT_EQ(laptop.post("/profiel/sessies/" + phone_id + "/beeindigen", {}).status, 303);
  EXPECT_FALSE(phone.signed_in_as("Naam twee"));
  EXPECT_TRUE(laptop.signed_in_as("Naam twee"));
  // Someone else's session is not theirs to end.
  make_user("ander@voorbeeld.be");
  Client stranger(server_.port());
  stranger.get("/aanmelden");
  stranger.post("/aanmelden",
                {{"email", "ander@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  stranger.get("/profiel/sessies");
  EXPECT_EQ(
      stranger.post("/profiel/sessies/" + sha256_hex(laptop.cookie()) + "/beeindigen", {}).status,
      404);
  EXPECT_TRUE(laptop.signed_in_as("Naam twee"));
}

TEST_F(AccountFlows, ProfileChangesAreCheckedAndTheEmailIsReconfirmed) {
  make_user("profiel@voorbeeld.be");
  Client browser(server_.port());
  browser.get("/aanmelden");
  browser.post("/aanmelden",
               {{"email", "profiel@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  browser.get("/profiel");
  auto too_long =
      browser.post("/profiel", {{"display_name", std::string(201, 'a')}, {"organisation", "Org"}});
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE display_name = 'Naam profiel'"), 1);
  EXPECT_EQ(browser
                .post("/profiel", {{"display_name", "Nieuwe Naam"},
                                   {"organisation", "CAW"},
                                   {"sector", "welfare"},
                                   {"track", "care"}})
                .status,
            303);
  EXPECT_TRUE(browser.signed_in_as("Nieuwe Naam"));
  EXPECT_EQ(browser
                .post("/profiel/wachtwoord",
                      {{"current_password", "fout"}, {"new_password", "een nieuw wachtwoord"}})
                .status,
            422);
  EXPECT_EQ(browser
                .post("/profiel/e-mail",
                      {{"new_email", "geen adres"}, {"email_password", "een lang wachtwoord"}})
                .status,
            422);
  EXPECT_EQ(browser
                .post("/profiel/e-mail", {{"new_email", "nieuw@voorbeeld.be"},
                                          {"email_password", "een lang wachtwoord"}})
                .status,
            303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'profiel@voorbeeld.be'"),
            1);  // not yet
  const std::string link = first_link(mail_text(mail_to("nieuw@voorbeeld.be")));
  EXPECT_EQ(browser.post("/profiel/e-mail/bevestigen", {{"token", token_of(link)}}).status, 303);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'nieuw@voorbeeld.be'"), 1);
}

TEST_F(AccountFlows, DeletingTheAccountAsksThePasswordAndEndsTheSession) {
  make_user("weg@voorbeeld.be");
  Client browser(server_.port());
  browser.get("/aanmelden");
  browser.post("/aanmelden", {{"email", "weg@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  browser.get("/profiel/verwijderen");
  EXPECT_EQ(browser.post("/profiel/verwijderen", {{"password", "fout"}}).status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'weg@voorbeeld.be'"), 1);
  EXPECT_EQ(browser.post("/profiel/verwijderen", {{"password", "een lang wachtwoord"}}).status,
            200);
  EXPECT_EQ(count("SELECT COUNT(*) FROM users WHERE email = 'weg@voorbeeld.be'"), 0);
  EXPECT_FALSE(browser.signed_in_as("Naam weg"));
}

TEST_F(AccountFlows, TheAuditLogHoldsSignInsAndFailuresWithoutSecrets) {
  make_user("audit@voorbeeld.be");
  Client browser(server_.port());
  browser.get("/aanmelden");
  browser.post("/aanmelden", {{"email", "audit@voorbeeld.be"}, {"password", "fout wachtwoord"}});
  browser.post("/aanmelden",
               {{"email", "audit@voorbeeld.be"}, {"password", "een lang wachtwoord"}});
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%wachtwoord%' OR object LIKE "
                  "'%wachtwoord%' "
                  "OR actor_label LIKE '%wachtwoord%'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE ip = '127.0.0.1'"), 2);
}

}  // namespace
}  // namespace schakel::accounts
