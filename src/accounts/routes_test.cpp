// The accounts routes declare who may call them (checked by the app before the
// handler): a visitor's own account pages need a signed-in user, the pages of
// sign-in, sign-up, reset and mailed links are open, and only sign-out and the
// second-factor setup stay open before a required second factor is set up.
#include <gtest/gtest.h>

#include <map>

#include "app/app.hpp"
#include "test_support.hpp"

namespace schakel::accounts {
namespace {

std::map<std::string, web::Access> declared(App& app) {
  std::map<std::string, web::Access> out;
  for (const auto& r : app.router().routes()) out[r.method + " " + r.pattern] = r.options.access;
  return out;
}

TEST(AccountRoutes, OwnAccountPagesAreForSignedInUsers) {
  schakel::testing::TestServer server;
  const auto access = declared(server.app());
  for (const char* route :
       {"GET /profiel", "POST /profiel", "POST /profiel/wachtwoord", "POST /profiel/e-mail",
        "GET /profiel/sessies", "POST /profiel/sessies/{id}/beeindigen",
        "GET /profiel/tweestapsverificatie", "POST /profiel/tweestapsverificatie",
        "POST /profiel/tweestapsverificatie/opnieuw",
        "POST /profiel/tweestapsverificatie/uitschakelen", "GET /profiel/verwijderen",
        "POST /profiel/verwijderen"}) {
    ASSERT_TRUE(access.count(route)) << route;
    EXPECT_EQ(access.at(route).describe(), "signed in") << route;
  }
}

TEST(AccountRoutes, SignInSignUpResetAndMailedLinksAreOpen) {
  schakel::testing::TestServer server;
  const auto access = declared(server.app());
  for (const char* route :
       {"GET /aanmelden", "POST /aanmelden", "GET /aanmelden/tweede-stap",
        "POST /aanmelden/tweede-stap", "POST /afmelden", "GET /aanmelden/link",
        "POST /aanmelden/link", "GET /aanmelden/link/gebruiken", "POST /aanmelden/link/gebruiken",
        "GET /registreren", "POST /registreren", "GET /bevestigen", "POST /bevestigen",
        "GET /wachtwoord-vergeten", "POST /wachtwoord-vergeten", "GET /wachtwoord-herstellen",
        "POST /wachtwoord-herstellen", "GET /profiel/e-mail/bevestigen",
        "POST /profiel/e-mail/bevestigen"}) {
    ASSERT_TRUE(access.count(route)) << route;
    EXPECT_EQ(access.at(route).level(), web::Access::Level::anyone) << route;
  }
}

TEST(AccountRoutes, OnlySignOutAndTheSetupComeBeforeTheSecondFactor) {
  schakel::testing::TestServer server;
  for (const auto& [route, access] : declared(server.app())) {
    const bool expected = route == "POST /afmelden" ||
                          route == "GET /profiel/tweestapsverificatie" ||
                          route == "POST /profiel/tweestapsverificatie";
    if (route.find("/profiel") == std::string::npos && route.find("/afmelden") == std::string::npos)
      continue;  // other features' routes
    EXPECT_EQ(access.allows_without_second_factor(), expected) << route;
  }
}

}  // namespace
}  // namespace schakel::accounts
