// The newsletter over HTTP on the demo content, with a real SMTP server: the
// archive for everyone, drafts only for coordinators, bad input on every form
// (a Dutch message, 422, nothing changed), a test mail to the coordinator, and
// a send to the SPOCs whose mails carry the List-Unsubscribe header fields and
// that a second click does not repeat.
#include <gtest/gtest.h>

#include <regex>

#include "digest/unsubscribe.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::digest {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::mail_header;
using schakel::testing::mail_text;
using schakel::testing::session_cookie;
using schakel::testing::SmtpServer;
using schakel::testing::TestServer;

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + k + "=" + web::percent_encode(v);
  return out;
}

class NewsletterHttp : public ::testing::Test {
 protected:
  NewsletterHttp() : server_(store::Backend::sqlite, config_with(smtp_.url()), true) {
    coordinator_ = session_cookie(server_, "coordinator@demo.schakel.be", &csrf_);
  }
  static Config config_with(const std::string& smtp) {
    Config c;
    c.smtp_url = smtp;
    c.allow_demo_accounts = true;
    return c;
  }
  unsigned short port() { return server_.port(); }
  int count(const std::string& query) {
    int n = 0;
    server_.db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  schakel::testing::HttpReply post(const std::string& path,
                                   std::vector<std::pair<std::string, std::string>> fields) {
    fields.emplace_back("_csrf", csrf_);
    return http_post(port(), path, form(fields), "application/x-www-form-urlencoded", coordinator_);
  }
  // A new draft by the coordinator; returns its id.
  std::string draft(const std::string& subject = "Nieuws van de maand") {
    const auto made =
        post("/nieuwsbrief/nieuw", {{"subject", subject},
                                    {"body", "## Nieuw\n\n- [Kennisbank](/kennisbank)"},
                                    {"actie", "bewaren"}});
    EXPECT_EQ(made.status, 303);
    std::smatch m;
    const std::string location = made.header("Location");
    static const std::regex id_pattern("/nieuwsbrief/([0-9]+)/bewerken");
    if (!std::regex_search(location, m, id_pattern)) {
      ADD_FAILURE() << location;
      return "0";
    }
    return m[1];
  }

  SmtpServer smtp_;
  TestServer server_;
  std::string coordinator_, csrf_;
};

TEST_F(NewsletterHttp, EveryoneReadsTheArchiveAndOnlyCoordinatorsSeeDrafts) {
  const auto id = draft("Geheim concept");
  const auto archive = http_get(port(), "/nieuwsbrief");
  ASSERT_EQ(archive.status, 200);
  EXPECT_TRUE(has(archive.body, "Demo: nieuws van het netwerk"));
  EXPECT_FALSE(has(archive.body, "Geheim concept"));
  EXPECT_FALSE(has(archive.body, "/nieuwsbrief/beheer"));
  EXPECT_TRUE(has(http_get(port(), "/").body, "href=\"/nieuwsbrief\"")) << "footer link";
  EXPECT_EQ(http_get(port(), "/nieuwsbrief/" + id).status, 404);
  for (const char* email :
       {"professional@demo.schakel.be", "spoc.gent@demo.schakel.be", "admin@demo.schakel.be"}) {
    const auto cookie = session_cookie(server_, email);
    const auto page = http_get(port(), "/nieuwsbrief/" + id, cookie);
    EXPECT_EQ(page.status, 404) << email;
    EXPECT_FALSE(has(page.body, "Geheim concept")) << email;
  }
  const auto own = http_get(port(), "/nieuwsbrief/" + id, coordinator_);
  EXPECT_EQ(own.status, 200);
  EXPECT_TRUE(has(own.body, "Concept:"));
  const auto manage = http_get(port(), "/nieuwsbrief/beheer", coordinator_);
  EXPECT_EQ(manage.status, 200);
  EXPECT_TRUE(has(manage.body, "Geheim concept"));
  EXPECT_TRUE(has(manage.body, "href=\"/nieuwsbrief/beheer\"")) << "in the coordinator's menu";
}

TEST_F(NewsletterHttp, BadInputOnEveryFormGetsAMessageAnd422AndChangesNothing) {
  const int before = count("SELECT COUNT(*) FROM newsletters");
  const auto empty = post("/nieuwsbrief/nieuw", {{"subject", ""}, {"body", "Tekst"}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(has(empty.body, "Geef de nieuwsbrief een onderwerp."));
  const auto huge =
      post("/nieuwsbrief/nieuw", {{"subject", "Groot"}, {"body", std::string(50'001, 'x')}});
  EXPECT_EQ(huge.status, 422);
  EXPECT_TRUE(has(huge.body, "De tekst is te lang: hoogstens 50000 tekens."));
  const auto long_subject =
      post("/nieuwsbrief/nieuw", {{"subject", std::string(201, 's')}, {"body", "Tekst"}});
  EXPECT_EQ(long_subject.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM newsletters"), before);

  const auto reversed =
      http_get(port(), "/nieuwsbrief/nieuw?from=2026-05-28&until=2026-05-01", coordinator_);
  EXPECT_EQ(reversed.status, 422);
  EXPECT_TRUE(has(reversed.body, "De einddatum ligt voor de begindatum."));
  EXPECT_EQ(http_get(port(), "/nieuwsbrief/nieuw?from=morgen", coordinator_).status, 422);

  const auto id = draft("Eerste versie");
  const auto edit = post("/nieuwsbrief/" + id + "/bewerken", {{"subject", ""}, {"body", ""}});
  EXPECT_EQ(edit.status, 422);
  EXPECT_TRUE(has(edit.body, "Schrijf de tekst van de nieuwsbrief."));
  EXPECT_TRUE(has(http_get(port(), "/nieuwsbrief/" + id, coordinator_).body, "Eerste versie"));

  const auto unknown =
      http_get(port(), "/nieuwsbrief/" + id + "/versturen?segment=iedereen", coordinator_);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(has(unknown.body, "Kies naar wie de nieuwsbrief gaat."));
  const auto outsider =
      http_get(port(), "/nieuwsbrief/" + id + "/versturen?segment=municipality&municipality=99999",
               coordinator_);
  EXPECT_EQ(outsider.status, 422);
  EXPECT_TRUE(has(outsider.body, "Kies een gemeente van het netwerk."));
  const auto send_unknown =
      post("/nieuwsbrief/" + id + "/versturen", {{"segment", "iedereen"}, {"count", "3"}});
  EXPECT_EQ(send_unknown.status, 422);
  const auto no_count = post("/nieuwsbrief/" + id + "/versturen", {{"segment", "spocs"}});
  EXPECT_EQ(no_count.status, 422);
  EXPECT_TRUE(has(no_count.body, "Bekijk eerst hoeveel mensen de nieuwsbrief krijgen."));
  const auto wrong_count =
      post("/nieuwsbrief/" + id + "/versturen", {{"segment", "spocs"}, {"count", "999"}});
  EXPECT_EQ(wrong_count.status, 409);
  EXPECT_TRUE(has(wrong_count.body, "Het aantal ontvangers is intussen veranderd"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM newsletter_recipients"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM newsletters WHERE status = 'draft'"), 1);
  EXPECT_EQ(http_get(port(), "/nieuwsbrief/999999/bewerken", coordinator_).status, 404);
}

TEST_F(NewsletterHttp, TheCoordinatorPreviewsAndSendsATestToThemself) {
  const auto preview = post(
      "/nieuwsbrief/nieuw",
      {{"subject", "Voorbeeld"}, {"body", "## Tussentitel\n\n**vet**"}, {"actie", "voorbeeld"}});
  EXPECT_EQ(preview.status, 200);
  EXPECT_TRUE(has(preview.body, "<h3>Tussentitel</h3>"));
  EXPECT_TRUE(has(preview.body, "<strong>vet</strong>"));
  EXPECT_TRUE(has(preview.body, "nog niet bewaard"));
  const auto id = draft("Met test");
  EXPECT_EQ(post("/nieuwsbrief/" + id + "/test", {}).status, 303);
  server_.app().outbox().send_due();
  const std::string mail = smtp_.wait_for("coordinator@demo.schakel.be");
  ASSERT_FALSE(mail.empty());
  EXPECT_EQ(mail_header(mail, "Subject"), "[Test] Met test");
  EXPECT_TRUE(has(mail_text(mail), "Dit is een test"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM newsletters WHERE status = 'draft'"), 1);
  // At most ten tests an hour.
  for (int i = 1; i < 10; ++i) EXPECT_EQ(post("/nieuwsbrief/" + id + "/test", {}).status, 303);
  const auto busy = post("/nieuwsbrief/" + id + "/test", {});
  EXPECT_EQ(busy.status, 429);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE subject = '[Test] Met test'"), 10);
}

TEST_F(NewsletterHttp, SentToTheSpocsOnceWithUnsubscribeHeaders) {
  const auto id = draft("Voor de SPOC's");
  const auto confirm =
      http_get(port(), "/nieuwsbrief/" + id + "/versturen?segment=spocs", coordinator_);
  ASSERT_EQ(confirm.status, 200);
  std::smatch m;
  static const std::regex count_pattern("name=\"count\" value=\"([0-9]+)\"");
  ASSERT_TRUE(std::regex_search(confirm.body, m, count_pattern));
  const std::string people = m[1];
  const int spocs = count(
      "SELECT COUNT(*) FROM users WHERE role = 'spoc' AND status = 'active' AND id NOT IN "
      "(SELECT user_id FROM notification_preferences WHERE kind = 'newsletter' AND frequency = "
      "'none' AND theme = '')");
  EXPECT_EQ(people, std::to_string(spocs));
  ASSERT_GE(spocs, 1);
  const auto sent =
      post("/nieuwsbrief/" + id + "/versturen", {{"segment", "spocs"}, {"count", people}});
  EXPECT_EQ(sent.status, 303);
  EXPECT_EQ(sent.header("Location"), "/nieuwsbrief/" + id);
  const auto twice =
      post("/nieuwsbrief/" + id + "/versturen", {{"segment", "spocs"}, {"count", people}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Voor de SPOC''s'"), spocs);

  server_.app().outbox().send_due();
  const std::string mail = smtp_.wait_for("spoc.gent@demo.schakel.be");
  ASSERT_FALSE(mail.empty());
  const std::string list = mail_header(mail, "List-Unsubscribe");
  EXPECT_EQ(
      list.rfind("<" + server_.app().base_url() + std::string(unsubscribe_route) + "?token=", 0),
      0u)
      << list;
  EXPECT_EQ(mail_header(mail, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_TRUE(has(mail_text(mail), std::string(unsubscribe_route) + "?token="));
  EXPECT_TRUE(has(mail_text(mail), "Meld je af met één klik"));
  // The demo SPOC of Aalst turned the newsletter off (digest/demo.cpp).
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Voor de SPOC''s' AND "
                  "recipient = 'spoc.aalst@demo.schakel.be'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Voor de SPOC''s' AND "
                  "recipient = 'professional@demo.schakel.be'"),
            0);

  // Sent to the network only: in the archive of the network, not in the public one.
  EXPECT_FALSE(has(http_get(port(), "/nieuwsbrief").body, "Voor de SPOC"));
  EXPECT_EQ(http_get(port(), "/nieuwsbrief/" + id).status, 404);
  const auto spoc = session_cookie(server_, "spoc.aalst@demo.schakel.be");
  EXPECT_TRUE(has(http_get(port(), "/nieuwsbrief", spoc).body, "Voor de SPOC"));
  EXPECT_EQ(http_get(port(), "/nieuwsbrief/" + id, spoc).status, 200);
}

}  // namespace
}  // namespace schakel::digest
