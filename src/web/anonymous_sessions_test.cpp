// Anonymous visitors: forms carry a CSRF token that needs no stored session,
// nothing is written until a post leaves state behind, and every cookie is a
// session cookie that the privacy statement lists.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "accounts/service.hpp"
#include "core/random.hpp"
#include "test_support.hpp"
#include "web/cookies.hpp"
#include "web/sessions.hpp"

namespace schakel::web {
namespace {

using schakel::testing::extract_cookie;
using schakel::testing::extract_csrf;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::TestServer;

int count_sessions(TestServer& server) {
  int n = 0;
  server.db().run(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM sessions", soci::into(n); });
  return n;
}

// A demo series whose sessions all lie ahead, so its registration form is open
// (registration closes when the first session starts).
std::string demo_series_slug(TestServer& server) {
  const std::string slug = "partnergeweld-van-vermoeden-naar-gesprek-demo";
  int found = 0;
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM training_series WHERE slug = :slug", soci::use(slug),
        soci::into(found);
  });
  return found == 1 ? slug : std::string();
}

// Every Set-Cookie line of a reply.
std::vector<std::string> set_cookies(const HttpReply& reply) {
  std::vector<std::string> out;
  static const std::regex line(R"(\r\n[Ss]et-[Cc]ookie:\s*([^\r\n]*))");
  const std::string head = "\r\n" + reply.head;
  for (auto it = std::sregex_iterator(head.begin(), head.end(), line); it != std::sregex_iterator();
       ++it)
    out.push_back((*it)[1]);
  return out;
}

// A test form (GET) and a post that leaves a flash message (POST), as features do.
void flash_routes(App& app) {
  app.router().get("/test/formulier", [&app](Request& req) {
    const std::string csrf = app.ensure_session(req).csrf_token;
    return Response::html("<form method=\"post\"><input type=\"hidden\" name=\"_csrf\" value=\"" +
                          csrf + "\"></form>");
  });
  app.router().post("/test/melding", [&app](Request& req) {
    app.ensure_session(req).add_flash("success", "Testmelding bewaard.");
    return Response::redirect("/");
  });
  app.router().post("/test/zonder-melding",
                    [](Request&) { return Response::text("niets bewaard\n"); });
}

TEST(AnonymousSessions, FormPagesStoreNoSessionWhateverTheNumberOfVisits) {
  TestServer server(store::Backend::sqlite, {}, true);
  const std::string slug = demo_series_slug(server);
  ASSERT_FALSE(slug.empty());
  ASSERT_EQ(count_sessions(server), 0);
  for (const std::string& path : std::vector<std::string>{"/aanmelden", "/registreren",
                                                          "/vorming/" + slug + "/inschrijven"}) {
    for (int i = 0; i < 20; ++i) {
      auto reply = http_get(server.port(), path);
      ASSERT_EQ(reply.status, 200) << path;
      ASSERT_FALSE(extract_csrf(reply.body).empty()) << path;
      ASSERT_FALSE(extract_cookie(reply, SessionStore::cookie_name).empty()) << path;
    }
  }
  EXPECT_EQ(count_sessions(server), 0);
}

TEST(AnonymousSessions, TheCsrfTokenIsBoundToTheVisitorsCookie) {
  TestServer server(store::Backend::sqlite, {}, false, flash_routes);
  auto first = http_get(server.port(), "/aanmelden");
  auto second = http_get(server.port(), "/aanmelden");
  const std::string cookie1 = extract_cookie(first, SessionStore::cookie_name);
  const std::string cookie2 = extract_cookie(second, SessionStore::cookie_name);
  const std::string csrf1 = extract_csrf(first.body), csrf2 = extract_csrf(second.body);
  ASSERT_NE(cookie1, cookie2);
  ASSERT_NE(csrf1, csrf2);
  // A visitor who comes back with their cookie gets the same token and no new cookie.
  auto again =
      http_get(server.port(), "/aanmelden",
               "Cookie: " + std::string(SessionStore::cookie_name) + "=" + cookie1 + "\r\n");
  EXPECT_EQ(extract_csrf(again.body), csrf1);
  EXPECT_TRUE(set_cookies(again).empty());

  auto post = [&](const std::string& cookie, const std::string& csrf) {
    return http_post(server.port(), "/test/zonder-melding", "_csrf=" + csrf,
                     "application/x-www-form-urlencoded",
                     "Cookie: " + std::string(SessionStore::cookie_name) + "=" + cookie + "\r\n")
        .status;
  };
  EXPECT_EQ(post(cookie1, csrf1), 200);
  EXPECT_EQ(post(cookie2, csrf2), 200);
  EXPECT_EQ(post(cookie1, csrf2), 403);  // another visitor's token
  EXPECT_EQ(post(cookie1, csrf1 + "0"), 403);
  EXPECT_EQ(post(cookie1, ""), 403);
  EXPECT_EQ(post("", csrf1), 403);  // no cookie at all
  // A token made up for a made-up cookie is refused: only the server can derive it.
  const std::string forged_cookie = random_token(32);
  EXPECT_EQ(post(forged_cookie, hmac_sha256_hex("guess", "csrf\n" + forged_cookie)), 403);
  EXPECT_EQ(count_sessions(server), 0);
}

TEST(AnonymousSessions, TheCsrfTokenHoldsForTodayAndYesterdayOnly) {
  TestServer server(store::Backend::sqlite, {}, false, flash_routes);
  auto form = http_get(server.port(), "/test/formulier");
  const std::string cookie = extract_cookie(form, SessionStore::cookie_name);
  const std::string header =
      "Cookie: " + std::string(SessionStore::cookie_name) + "=" + cookie + "\r\n";
  const std::string old_csrf = extract_csrf(form.body);
  ASSERT_FALSE(old_csrf.empty());
  auto post = [&](const std::string& csrf) {
    return http_post(server.port(), "/test/zonder-melding", "_csrf=" + csrf,
                     "application/x-www-form-urlencoded", header)
        .status;
  };
  EXPECT_EQ(post(old_csrf), 200);

  // The next day the same cookie gets a new token; yesterday's still counts.
  server.clock().advance(86400);
  const std::string new_csrf =
      extract_csrf(http_get(server.port(), "/test/formulier", header).body);
  ASSERT_FALSE(new_csrf.empty());
  EXPECT_NE(new_csrf, old_csrf);
  EXPECT_EQ(post(old_csrf), 200);
  EXPECT_EQ(post(new_csrf), 200);

  // A day later the first token is refused, the second still holds.
  server.clock().advance(86400);
  EXPECT_EQ(post(old_csrf), 403);
  EXPECT_EQ(post(new_csrf), 200);
  server.clock().advance(86400);
  EXPECT_EQ(post(new_csrf), 403);
  EXPECT_EQ(count_sessions(server), 0);
}

TEST(AnonymousSessions, APostThatLeavesAMessageStoresTheSessionUnderTheSameCookie) {
  TestServer server(store::Backend::sqlite, {}, false, flash_routes);
  auto form = http_get(server.port(), "/test/formulier");
  const std::string cookie = extract_cookie(form, SessionStore::cookie_name);
  const std::string csrf = extract_csrf(form.body);
  ASSERT_FALSE(csrf.empty());
  const std::string header =
      "Cookie: " + std::string(SessionStore::cookie_name) + "=" + cookie + "\r\n";
  // Refused posts store nothing.
  EXPECT_EQ(http_post(server.port(), "/test/melding", "_csrf=fout",
                      "application/x-www-form-urlencoded", header)
                .status,
            403);
  EXPECT_EQ(count_sessions(server), 0);

  auto posted = http_post(server.port(), "/test/melding", "_csrf=" + csrf,
                          "application/x-www-form-urlencoded", header);
  EXPECT_EQ(posted.status, 303);
  EXPECT_TRUE(set_cookies(posted).empty());  // the cookie the visitor has stays valid
  EXPECT_EQ(count_sessions(server), 1);
  int stored = 0;
  const std::string hash = sha256_hex(cookie);
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :h AND user_id IS NULL",
        soci::use(hash), soci::into(stored);
  });
  EXPECT_EQ(stored, 1);
  auto home = http_get(server.port(), "/", header);
  EXPECT_NE(home.body.find("Testmelding bewaard."), std::string::npos);
  // The forms on pages rendered before and after keep working.
  EXPECT_EQ(http_post(server.port(), "/test/zonder-melding", "_csrf=" + csrf,
                      "application/x-www-form-urlencoded", header)
                .status,
            200);
  EXPECT_EQ(extract_csrf(http_get(server.port(), "/test/formulier", header).body), csrf);
}

TEST(AnonymousSessions, ExpiredAnonymousSessionsArePurged) {
  TestServer server(store::Backend::sqlite, {}, false, flash_routes);
  auto form = http_get(server.port(), "/test/formulier");
  const std::string header = "Cookie: " + std::string(SessionStore::cookie_name) + "=" +
                             extract_cookie(form, SessionStore::cookie_name) + "\r\n";
  ASSERT_EQ(http_post(server.port(), "/test/melding", "_csrf=" + extract_csrf(form.body),
                      "application/x-www-form-urlencoded", header)
                .status,
            303);
  ASSERT_EQ(count_sessions(server), 1);
  EXPECT_EQ(server.app().sessions().purge_expired(), 0u);
  server.clock().advance(server.app().sessions().policy().idle_seconds + 1);
  EXPECT_EQ(server.app().sessions().purge_expired(), 1u);
  EXPECT_EQ(count_sessions(server), 0);
}

TEST(AnonymousSessions, SignInThroughTheStatelessTokenStoresOnlyTheUsersSession) {
  TestServer server;
  accounts::AccountService accounts(server.db(), server.clock());
  ASSERT_TRUE(accounts
                  .create_user({"prof@voorbeeld.be", "Prof Voorbeeld", "een lang wachtwoord",
                                Role::professional, "", false})
                  .ok());
  auto form = http_get(server.port(), "/aanmelden");
  const std::string header = "Cookie: " + std::string(SessionStore::cookie_name) + "=" +
                             extract_cookie(form, SessionStore::cookie_name) + "\r\n";
  const std::string csrf = extract_csrf(form.body);
  // A forged token changes nothing and signs no one in.
  auto forged = http_post(
      server.port(), "/aanmelden",
      "_csrf=" + csrf.substr(1) + "x&email=prof%40voorbeeld.be&password=een+lang+wachtwoord",
      "application/x-www-form-urlencoded", header);
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(set_cookies(forged).empty());
  EXPECT_EQ(count_sessions(server), 0);

  auto ok = http_post(server.port(), "/aanmelden",
                      "_csrf=" + csrf + "&email=prof%40voorbeeld.be&password=een+lang+wachtwoord",
                      "application/x-www-form-urlencoded", header);
  EXPECT_EQ(ok.status, 303);
  ASSERT_EQ(set_cookies(ok).size(), 1u);
  // Signed in, the cookie lasts as long as the session may (12 hours by default).
  EXPECT_NE(set_cookies(ok)[0].find("Max-Age=43200"), std::string::npos);
  EXPECT_EQ(count_sessions(server), 1);
  int users = 0;
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM sessions WHERE user_id IS NOT NULL", soci::into(users);
  });
  EXPECT_EQ(users, 1);
}

// Walks every anonymous page without parameters, the guest registration form and
// every form an anonymous visitor can post, and checks each Set-Cookie.
TEST(AnonymousSessions, EveryCookieIsASessionCookieListedOnThePrivacyPage) {
  TestServer server(store::Backend::sqlite, {}, true);
  std::set<std::string> listed;
  for (const auto& c : site_cookies(12)) listed.insert(c.name);
  ASSERT_FALSE(listed.empty());
  const std::string privacy = http_get(server.port(), "/privacy").body;
  for (const auto& name : listed)
    EXPECT_NE(privacy.find("<code>" + name + "</code>"), std::string::npos) << name;

  std::vector<std::string> seen;
  auto check = [&](const HttpReply& reply, const std::string& what) {
    for (const auto& line : set_cookies(reply)) {
      seen.push_back(line);
      const std::string name = line.substr(0, line.find('='));
      EXPECT_TRUE(listed.count(name)) << what << " sets " << name << ", not on /privacy";
      const bool deletion = line.find("Max-Age=0") != std::string::npos;
      EXPECT_TRUE(deletion || (line.find("Max-Age") == std::string::npos &&
                               line.find("Expires") == std::string::npos))
          << what << " sets a persistent cookie: " << line;
    }
  };
  const std::string slug = demo_series_slug(server);
  std::vector<std::string> pages = {"/vorming/" + slug, "/vorming/" + slug + "/inschrijven"};
  std::vector<std::string> forms;
  for (const auto& route : server.app().router().routes()) {
    if (route.pattern.find('{') != std::string::npos) continue;
    (route.method == "GET" ? pages : forms).push_back(route.pattern);
  }
  for (const auto& path : pages) check(http_get(server.port(), path), "GET " + path);
  for (const auto& path : forms) {
    // A fresh visitor: the form page's cookie and token, then an empty post.
    auto form = http_get(server.port(), "/aanmelden");
    const std::string header = "Cookie: " + std::string(SessionStore::cookie_name) + "=" +
                               extract_cookie(form, SessionStore::cookie_name) + "\r\n";
    check(http_post(server.port(), path, "_csrf=" + extract_csrf(form.body),
                    "application/x-www-form-urlencoded", header),
          "POST " + path);
  }
  auto guest = http_get(server.port(), "/vorming/" + slug + "/inschrijven");
  check(http_post(server.port(), "/vorming/" + slug + "/inschrijven",
                  "_csrf=" + extract_csrf(guest.body) + "&name=Gast&email=gast%40example.org",
                  "application/x-www-form-urlencoded",
                  "Cookie: " + std::string(SessionStore::cookie_name) + "=" +
                      extract_cookie(guest, SessionStore::cookie_name) + "\r\n"),
        "POST guest registration");
  EXPECT_FALSE(seen.empty());  // the walk did meet the form cookie
}

}  // namespace
}  // namespace schakel::web
