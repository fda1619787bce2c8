// The outbox page does not hand live sign-in and reset links to admins, except
// on a demo server (--allow-demo-accounts), whose mails are meant to be clicked.
#include <gtest/gtest.h>

#include "mail/mail.hpp"
#include "store/row.hpp"
#include "test_support.hpp"

namespace schakel::admin {
namespace {

using schakel::testing::http_get;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

const std::string secret = "Q2xhc3NpYy10b2tlbi1mb3ItdGVzdDk4NzY1NDMyMQ";

std::string mail_page(bool demo_mode) {
  Config config;
  config.allow_demo_accounts = demo_mode;
  TestServer server(store::Backend::sqlite, config, true);
  long long id = 0;
  server.db().transact([&](soci::session& sql) {
    mail::enqueue(sql,
                  mail::Mail{"iemand@voorbeeld.be", "Je wachtwoord herstellen",
                             "Dag Iemand,\n\nKies een nieuw wachtwoord: "
                             "https://schakel.example/wachtwoord-herstellen?token=" +
                                 secret + "\n",
                             "<p>Dag Iemand</p>"},
                  server.clock().now());
    sql << "SELECT MAX(id) FROM mail_outbox", soci::into(id);
  });
  const auto cookie = session_cookie(server, "admin@demo.schakel.be");
  auto page = http_get(server.port(), "/beheer/mails/" + std::to_string(id), cookie);
  EXPECT_EQ(page.status, 200);
  // The outbox itself promises clickable links only where they are shown.
  auto outbox = http_get(server.port(), "/beheer/mails", cookie);
  EXPECT_EQ(outbox.status, 200);
  EXPECT_EQ(outbox.body.find("bevestigingslink van een nieuw account openen") != std::string::npos,
            demo_mode);
  EXPECT_EQ(outbox.body.find("zijn verborgen") != std::string::npos, !demo_mode);
  return page.body;
}

TEST(AdminMails, LiveLinksAreMaskedForAdmins) {
  const std::string body = mail_page(false);
  EXPECT_EQ(body.find(secret), std::string::npos);
  EXPECT_NE(body.find("wachtwoord-herstellen?token=[verborgen]"), std::string::npos);
  EXPECT_NE(body.find("Dag Iemand"), std::string::npos);
}

TEST(AdminMails, TheDemoShowsItsLinksToClickThrough) {
  const std::string body = mail_page(true);
  EXPECT_NE(body.find(secret), std::string::npos);
}

}  // namespace
}  // namespace schakel::admin
