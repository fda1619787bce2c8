// The digest feature over HTTP: the settings page with good and bad input, the
// one-click unsubscribe without sign-in (and its refusal of tampered or
// expired links), and a digest received by a real SMTP server with its
// List-Unsubscribe header fields.
#include <gtest/gtest.h>

#include <regex>

#include "app/app.hpp"
#include "digest/digest_service.hpp"
#include "digest/preference_store.hpp"
#include "digest/settings_service.hpp"
#include "digest/unsubscribe.hpp"
#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::digest {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::SmtpServer;
using schakel::testing::TestServer;

const std::string professional = "professional@demo.schakel.be";

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields)
    body += (body.empty() ? "" : "&") + web::percent_encode(k) + "=" + web::percent_encode(v);
  return body;
}

class DigestHttp : public ::testing::Test {
 protected:
  DigestHttp() : server_(store::Backend::sqlite, config(smtp_.url()), true, add_source) {}
  static Config config(const std::string& smtp) {
    Config c;
    c.smtp_url = smtp;
    c.allow_demo_accounts = true;
    return c;
  }
  // One news item at the start of whichever day a digest covers.
  static void add_source(App& app) {
    app.add_news_source(
        NewsSource{"test.http", [](soci::session&, std::int64_t from, std::int64_t until) {
                     NewsItem n;
                     n.kind = "resources";
                     n.key = "test:" + std::to_string(from);
                     n.title = "Een nieuwe toolkit voor scholen";
                     n.href = "/kennisbank";
                     n.at = from;
                     (void)until;
                     return std::vector<NewsItem>{n};
                   }});
  }
  std::int64_t id_of(const std::string& email) { return testing::user_id(server_.db(), email); }
  std::vector<Preference> rows_of(std::int64_t user) {
    return server_.db().run([&](soci::session& sql) {
      return PreferenceStore::load(sql, user, Role::professional).rows;
    });
  }
  Preferences prefs_of(std::int64_t user, Role role = Role::professional) {
    return server_.db().run(
        [&](soci::session& sql) { return PreferenceStore::load(sql, user, role); });
  }
  std::string key() { return store::signing_key(server_.db()); }
  HttpReply post_settings(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string csrf;
    const std::string cookie = testing::session_cookie(server_, professional, &csrf);
    auto all = fields;
    all.insert(all.begin(), {"_csrf", csrf});
    return http_post(server_.port(), "/profiel/meldingen", form_body(all),
                     "application/x-www-form-urlencoded", cookie);
  }
  SmtpServer smtp_;
  TestServer server_;
};

bool same(const std::vector<Preference>& a, const std::vector<Preference>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].theme != b[i].theme || a[i].frequency != b[i].frequency)
      return false;
  return true;
}

TEST_F(DigestHttp, APersonSavesChoicesPerKindAndTheme) {
  const auto cookie = testing::session_cookie(server_, professional);
  auto page = http_get(server_.port(), "/profiel/meldingen", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"kind_resources\""), std::string::npos);
  EXPECT_NE(page.body.find("name=\"theme_trainings_child_abuse\""), std::string::npos);
  EXPECT_EQ(page.body.find("kind_meetings"), std::string::npos);  // not for professionals
  EXPECT_NE(page.body.find("Per thema aanpassen"), std::string::npos);
  // The profile links to it.
  EXPECT_NE(http_get(server_.port(), "/profiel", cookie).body.find("href=\"/profiel/meldingen\""),
            std::string::npos);

  auto saved = post_settings({{"kind_resources", "weekly"},
                              {"theme_resources_child_abuse", "daily"},
                              {"theme_resources_elder_abuse", ""},
                              {"kind_trainings", "daily"},
                              {"kind_initiatives", "none"},
                              {"newsletter", "no"}});
  EXPECT_EQ(saved.status, 303);
  const auto p = prefs_of(id_of(professional));
  EXPECT_EQ(p.rows.size(), 4u);  // resources weekly is the default: no row of its own
  EXPECT_EQ(p.of(Kind::resources, "child_abuse"), Frequency::daily);
  EXPECT_EQ(p.of(Kind::resources, "elder_abuse"), Frequency::weekly);
  EXPECT_EQ(p.of(Kind::trainings, "partner_violence"), Frequency::daily);
  EXPECT_EQ(p.of(Kind::initiatives), Frequency::none);
  EXPECT_EQ(p.of(Kind::newsletter), Frequency::none);
  // The page shows what was saved.
  page = http_get(server_.port(), "/profiel/meldingen", cookie);
  EXPECT_NE(page.body.find("id=\"kind_trainings-daily\" name=\"kind_trainings\" value=\"daily\" "
                           "checked"),
            std::string::npos);
  EXPECT_NE(page.body.find("id=\"newsletter-no\" name=\"newsletter\" value=\"no\" checked"),
            std::string::npos);
}

TEST_F(DigestHttp, BadChoicesAreRefusedAndNothingChanges) {
  const auto before = rows_of(id_of(professional));
  ASSERT_FALSE(before.empty());  // the demo choices
  const std::vector<std::pair<std::string, std::string>> good = {{"kind_resources", "weekly"},
                                                                 {"kind_trainings", "daily"},
                                                                 {"kind_initiatives", "none"},
                                                                 {"newsletter", "yes"}};
  const auto with = [&](const std::string& name, const std::string& value) {
    auto fields = good;
    bool replaced = false;
    for (auto& [k, v] : fields)
      if (k == name) v = value, replaced = true;
    if (!replaced) fields.emplace_back(name, value);
    return fields;
  };
  auto without = good;
  without.pop_back();  // no newsletter answer
  const std::vector<std::vector<std::pair<std::string, std::string>>> bad = {
      with("kind_resources", "monthly"),
      with("kind_trainings", ""),
      with("theme_resources_child_abuse", "soms"),
      with("theme_resources_onbekend", "daily"),
      with("kind_meetings", "daily"),
      with("newsletter", "misschien"),
      without};
  for (const auto& fields : bad) {
    auto reply = post_settings(fields);
    EXPECT_EQ(reply.status, 422) << form_body(fields);
    EXPECT_NE(reply.body.find("Er is niets gewijzigd"), std::string::npos);
    EXPECT_TRUE(same(rows_of(id_of(professional)), before)) << form_body(fields);
  }
  auto reply = post_settings(with("kind_resources", "monthly"));
  EXPECT_NE(reply.body.find("Kies niets, een dagelijks of een wekelijks overzicht."),
            std::string::npos);
}

TEST_F(DigestHttp, AnUnsubscribeLinkWorksWithoutSignInAndOnlyForItsPersonAndKind) {
  const auto user = id_of(professional);
  const auto other = id_of("spoc.gent@demo.schakel.be");
  const std::int64_t now = server_.clock().now();
  const std::string token = unsubscribe_token(key(), user, Kind::trainings, now);
  const auto before = rows_of(user);

  // GET shows what will be turned off and writes nothing.
  auto page = http_get(server_.port(), "/meldingen/uitschrijven?token=" + token);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nieuwe vormingen"), std::string::npos);
  EXPECT_TRUE(same(rows_of(user), before));

  // Tampered: another person, another kind; and an expired link.
  std::string other_person = token;
  other_person.replace(0, std::to_string(user).size(), std::to_string(other));
  std::string other_kind = token;
  other_kind.replace(other_kind.find("trainings"), 9, "resources");
  for (const auto& bad : {other_person, other_kind, std::string("x.y.z"), std::string()}) {
    EXPECT_EQ(http_get(server_.port(), "/meldingen/uitschrijven?token=" + bad).status, 400) << bad;
    auto refused = http_post(server_.port(), "/meldingen/uitschrijven", "token=" + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_NE(refused.body.find("ongeldig of verlopen"), std::string::npos);
  }
  EXPECT_TRUE(same(rows_of(user), before));
  EXPECT_TRUE(same(rows_of(other), prefs_of(other).rows));

  // The page's button: a POST without session or CSRF token.
  auto done = http_post(server_.port(), "/meldingen/uitschrijven", "token=" + token);
  EXPECT_EQ(done.status, 200);
  EXPECT_NE(done.body.find("Je bent afgemeld"), std::string::npos);
  EXPECT_EQ(prefs_of(user).of(Kind::trainings, "child_abuse"), Frequency::none);
  EXPECT_EQ(prefs_of(user).of(Kind::resources), Frequency::daily);  // the demo choice stays

  // Two years later the link is refused.
  const std::string late = unsubscribe_token(key(), user, Kind::resources, now);
  server_.clock().advance(unsubscribe_link_seconds + 1);
  EXPECT_EQ(http_post(server_.port(), "/meldingen/uitschrijven", "token=" + late).status, 400);
  EXPECT_EQ(prefs_of(user).of(Kind::resources), Frequency::daily);
}

TEST_F(DigestHttp, BadUnsubscribeTokensAreLimitedPerClientAndSignedOnesAlwaysWork) {
  for (int i = 0; i < unsubscribes_per_client.limit; ++i)
    EXPECT_EQ(http_post(server_.port(), "/meldingen/uitschrijven", "token=fout").status, 400);
  EXPECT_EQ(http_post(server_.port(), "/meldingen/uitschrijven", "token=fout").status, 429);
  // A signed link still works from the same client (a mail provider's server
  // posts the one-click unsubscribes of many people).
  const std::string token =
      unsubscribe_token(key(), id_of(professional), Kind::trainings, server_.clock().now());
  EXPECT_EQ(http_post(server_.port(), "/meldingen/uitschrijven", "token=" + token).status, 200);
  EXPECT_EQ(prefs_of(id_of(professional)).of(Kind::trainings), Frequency::none);
}

TEST_F(DigestHttp, ADigestArrivesWithListUnsubscribeAndOneClickWorks) {
  const auto user = id_of(professional);  // demo: resources daily
  EXPECT_GE(DigestRunner(server_.app()).run(), 1);
  server_.app().outbox().send_due();
  const std::string raw = smtp_.wait_for(professional);
  ASSERT_FALSE(raw.empty());
  EXPECT_NE(testing::mail_header(raw, "Subject").find("dagelijks overzicht"), std::string::npos);
  const std::string text = testing::mail_text(raw);
  EXPECT_NE(text.find("Een nieuwe toolkit voor scholen"), std::string::npos);
  EXPECT_NE(text.find("/meldingen/uitschrijven?token="), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(raw, m, std::regex("List-Unsubscribe: <([^>]+)>"))) << raw;
  const std::string url = m[1];
  EXPECT_NE(text.find(url), std::string::npos);
  EXPECT_NE(raw.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), std::string::npos);

  // RFC 8058: the mail client POSTs to the header's URL, nothing else.
  auto done = http_post(server_.port(), testing::path_of(url), "List-Unsubscribe=One-Click");
  EXPECT_EQ(done.status, 200);
  const auto p = prefs_of(user);
  for (Kind kind : digest_kinds()) EXPECT_EQ(p.of(kind, "child_abuse"), Frequency::none);
  EXPECT_EQ(p.of(Kind::newsletter), Frequency::weekly);
  // Nothing more to send today, even when the job runs again.
  EXPECT_EQ(DigestRunner(server_.app()).run(), 0);
}

}  // namespace
}  // namespace schakel::digest
