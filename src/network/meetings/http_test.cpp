// Platform meetings over HTTP: bad input on every form gets a Dutch message, a
// 4xx and changes nothing; the invitation reaches a real SMTP server with its
// .ics; the archive's search finds a meeting by a word of its minutes for a
// SPOC and never for a professional or an anonymous visitor.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "search/engine.hpp"
#include "store/changes.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::meetings {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::SmtpServer;
using schakel::testing::TestServer;

constexpr std::int64_t day = 24 * 3600;

class MeetingsHttp : public ::testing::Test {
 protected:
  MeetingsHttp() : server_(store::Backend::sqlite, config_with(smtp_.url()), true) {
    coordinator_ = session_cookie(server_, "coordinator@demo.schakel.be", &coordinator_csrf_);
    gent_ = session_cookie(server_, "spoc.gent@demo.schakel.be", &gent_csrf_);
    professional_ = session_cookie(server_, "professional@demo.schakel.be");
    server_.db().run([&](soci::session& sql) {
      long long id = 0;
      sql << "SELECT id FROM meetings WHERE title = '[Demo] Netwerkoverleg winter'", soci::into(id);
      next_ = "/overleg/" + std::to_string(id);
      sql << "SELECT id FROM meetings WHERE title = '[Demo] Netwerkoverleg najaar'", soci::into(id);
      past_ = "/overleg/" + std::to_string(id);
    });
  }
  static Config config_with(const std::string& smtp) {
    Config c;
    c.smtp_url = smtp;
    c.allow_demo_accounts = true;
    return c;
  }
  testing::HttpReply post(const std::string& path, const std::string& body,
                          const std::string& cookie, const std::string& csrf) {
    return http_post(server_.port(), path, "_csrf=" + web::percent_encode(csrf) + "&" + body,
                     "application/x-www-form-urlencoded", cookie);
  }
  testing::HttpReply as_coordinator(const std::string& path, const std::string& body) {
    return post(path, body, coordinator_, coordinator_csrf_);
  }
  long long count(const std::string& query) {
    long long n = 0;
    server_.db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  // A filled meeting form with `change` appended (a later field wins).
  std::string form(const std::string& change = "") {
    const auto at = server_.clock().now() + 20 * day;
    return "title=Overleg+huisartsen&date=" + format_date_input(at) +
           "&starts=10%3A00&ends=12%3A00&format=in_person&address=Markt+1%2C+Aalst"
           "&proposals_until=" +
           format_date_input(at - 5 * day) + "&nis_codes=44021&people=" + change;
  }
  void wait_for_index() {
    const auto target =
        server_.db().run([](soci::session& sql) { return store::latest_change_id(sql); });
    for (int i = 0; i < 200 && server_.app().search().position() < target; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    ASSERT_GE(server_.app().search().position(), target);
  }
  SmtpServer smtp_;
  TestServer server_;
  std::string coordinator_, coordinator_csrf_, gent_, gent_csrf_, professional_, next_, past_;
};

// Replaces the value of `field` in a form body built by form().
std::string with(std::string body, const std::string& field, const std::string& value) {
  const auto at = body.find(field + "=");
  const auto end = body.find('&', at);
  return body.replace(at, (end == std::string::npos ? body.size() : end) - at, field + "=" + value);
}

TEST_F(MeetingsHttp, BadMeetingFormsGetAMessageAnd422AndChangeNothing) {
  const auto meetings = count("SELECT COUNT(*) FROM meetings");
  const auto mails = count("SELECT COUNT(*) FROM mail_outbox");
  const std::pair<std::string, std::string> cases[] = {
      {with(form(), "title", ""), "Geef het overleg een titel"},
      {with(form(), "title", std::string(300, 'a')), "De titel is te lang"},
      {with(with(form(), "starts", "14%3A00"), "ends", "13%3A00"), "na het beginuur"},
      {with(form(), "date", "morgen"), "geldige datum"},
      {with(form(), "format", "online"), "link van het online overleg"},
      {with(with(form(), "format", "online"), "address", "") + "&online_url=http%3A%2F%2Fx.be",
       "https://"},
      {with(form(), "address", ""), "adres"},
      {with(form(), "nis_codes", "99999"), "lid zijn van het netwerk"},
      {form("iemand%40nergens.be"), "Nodig alleen mensen"},
      {with(form(), "format", "te-voet"), "Kies ter plaatse"},
  };
  for (const auto& [body, message] : cases) {
    auto r = as_coordinator("/overleg/nieuw", body);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_NE(r.body.find(message), std::string::npos) << body;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings"), meetings);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), mails);
  // And an edit with reversed times changes nothing either.
  auto r = as_coordinator(next_ + "/bewerken",
                          with(with(form(), "starts", "14%3A00"), "ends", "13%3A00"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meetings WHERE sequence > 0"), 0);
}

TEST_F(MeetingsHttp, BadInputOnTheMeetingPageFormsIsRefused) {
  const auto items = count("SELECT COUNT(*) FROM meeting_items");
  const auto decisions = count("SELECT COUNT(*) FROM meeting_decisions");
  const auto points = count("SELECT COUNT(*) FROM meeting_action_points");
  auto r = post(next_ + "/punten", "title=", gent_, gent_csrf_);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Geef het agendapunt een titel"), std::string::npos);
  EXPECT_EQ(post(next_ + "/punten", "title=x&minutes_planned=9999", gent_, gent_csrf_).status, 422);
  EXPECT_EQ(post(next_ + "/punten", "title=x&need_id=abc", gent_, gent_csrf_).status, 422);
  EXPECT_EQ(post(next_ + "/punten", "title=" + std::string(500, 'a'), gent_, gent_csrf_).status,
            422);
  EXPECT_EQ(as_coordinator(next_ + "/besluiten", "decision=" + std::string(3000, 'b')).status, 422);
  EXPECT_EQ(as_coordinator(next_ + "/actiepunten",
                           "point_text=x&point_owner=999999&point_due_on="
                           "2030-01-01")
                .status,
            422);
  EXPECT_EQ(
      as_coordinator(next_ + "/actiepunten", "point_text=x&point_owner=1&point_due_on=gisteren")
          .status,
      422);
  EXPECT_EQ(as_coordinator(next_ + "/aanwezigheid", "attendees=999999").status, 422);
  EXPECT_EQ(as_coordinator("/overleg/999999/besluiten", "decision=x").status, 404);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_items"), items);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_decisions"), decisions);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_action_points"), points);
  // After the deadline: a clear message and nothing stored.
  server_.clock().advance(8 * day);
  gent_ = session_cookie(server_, "spoc.gent@demo.schakel.be", &gent_csrf_);  // a fresh session
  r = post(next_ + "/punten", "title=Te+laat", gent_, gent_csrf_);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("termijn om agendapunten voor te stellen is voorbij"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM meeting_items"), items);
}

TEST_F(MeetingsHttp, TheInvitationReachesTheSmtpServerWithItsIcs) {
  auto r = as_coordinator("/overleg/nieuw", form());
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
  server_.app().outbox().send_due();
  const auto message = smtp_.wait_for("spoc.gent@demo.schakel.be");
  ASSERT_FALSE(message.empty());
  EXPECT_NE(testing::mail_header(message, "Subject").find("Uitnodiging: Overleg huisartsen"),
            std::string::npos);
  EXPECT_NE(message.find("overleg.ics"), std::string::npos);
  EXPECT_NE(message.find("text/calendar"), std::string::npos);
  EXPECT_NE(message.find("method=PUBLISH"), std::string::npos);
}

TEST_F(MeetingsHttp, SearchFindsAMeetingByItsMinutesOnlyForTheNetwork) {
  wait_for_index();
  const std::string query = "/overleg?q=wachtzalen";  // a word of the demo's minutes
  auto spoc = http_get(server_.port(), query, gent_);
  EXPECT_EQ(spoc.status, 200);
  EXPECT_NE(spoc.body.find("1 overleg gevonden"), std::string::npos);
  EXPECT_NE(spoc.body.find("<a href=\"" + past_ + "\">[Demo] Netwerkoverleg najaar</a> ("),
            std::string::npos);
  EXPECT_EQ(http_get(server_.port(), query, professional_).status, 403);
  EXPECT_EQ(http_get(server_.port(), query).status, 303);
  // Nor through the kennisbank's search or the signals' search.
  for (const char* other : {"/zoeken?q=wachtzalen", "/signalen/zoeken?q=wachtzalen"}) {
    for (const std::string& cookie : {std::string(), professional_, gent_}) {
      auto r = http_get(server_.port(), other, cookie);
      EXPECT_EQ(r.body.find("Netwerkoverleg najaar"), std::string::npos) << other;
    }
  }
  // New minutes are found once indexed.
  auto page = http_get(server_.port(), next_, coordinator_);
  ASSERT_EQ(page.status, 200);
  long long item = 0;
  server_.db().run([&](soci::session& sql) {
    sql << "SELECT MIN(id) FROM meeting_items WHERE status = 'accepted' AND meeting_id = :m",
        soci::use(std::stoll(next_.substr(9))), soci::into(item);
  });
  auto saved = as_coordinator(next_ + "/punten/" + std::to_string(item) + "/verslag",
                              "minutes=De+kinderopvangsector+vraagt+een+folder.");
  EXPECT_EQ(saved.status, 303);
  wait_for_index();
  auto found = http_get(server_.port(), "/overleg?q=kinderopvangsector", gent_);
  EXPECT_NE(found.body.find("1 overleg gevonden"), std::string::npos);
  EXPECT_NE(found.body.find("<a href=\"" + next_ + "\">[Demo] Netwerkoverleg winter</a> ("),
            std::string::npos);
}

TEST_F(MeetingsHttp, TheOnlineLinkShowsOnlyToTheInvited) {
  auto page = http_get(server_.port(), next_, gent_);  // Gent is invited in the demo
  EXPECT_NE(page.body.find("https://vergaderen.example.org/winteroverleg"), std::string::npos);
  auto other = session_cookie(server_, "spoc.aalst@demo.schakel.be");
  server_.db().transact([&](soci::session& sql) {
    sql << "DELETE FROM meeting_municipalities WHERE nis_code = '41002'";
  });
  page = http_get(server_.port(), next_, other);
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("https://vergaderen.example.org/winteroverleg"), std::string::npos);
}

}  // namespace
}  // namespace schakel::meetings
