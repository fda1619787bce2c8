// The training series over HTTP, on SQLite and PostgreSQL: organiser forms with
// bad values, registration signed in and as a guest, the waitlist and offers by
// mail, changes that notify participants, the calendar's filters, reminders,
// and series found in the kennisbank search.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "test_support.hpp"
#include "trainings/jobs.hpp"
#include "trainings/notifications.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::cookie_header;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

const char* const form_type = "application/x-www-form-urlencoded";

template <class B>
class SeriesPages : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    gent_ = session_cookie(*server_, "spoc.gent@demo.schakel.be", &gent_csrf_);
  }
  TestServer& server() { return *server_; }
  int count(const std::string& sql_text) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return static_cast<int>(n);
  }
  // The newest queued mail to `to` (text part), or "".
  std::string last_mail(const std::string& to) {
    std::string text;
    server_->db().run([&](soci::session& sql) {
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT subject, body_text FROM mail_outbox WHERE recipient = :r ORDER "
                          "BY id DESC LIMIT 1",
           soci::use(to));
      for (const auto& row : rows) text = row.get<std::string>(0) + "\n" + row.get<std::string>(1);
    });
    return text;
  }
  static std::string token_in(const std::string& text, const std::string& path) {
    const std::regex pattern(path + R"(\?token=([A-Za-z0-9_.\-]+))");
    std::smatch m;
    return std::regex_search(text, m, pattern) ? std::string(m[1]) : std::string();
  }
  // A published series of Gent with one session in ten days, `places` places.
  std::string make_series(int places, const std::string& unit = "series") {
    const std::string body =
        "_csrf=" + gent_csrf_ + "&title=Testreeks+" + std::to_string(++made_) +
        "&organiser=Stad+Gent&owner_nis_code=44021&visibility=public&registration_unit=" + unit +
        "&hold_hours=48&status=published&certificate_rule=all&evaluation_unit=series"
        "&themes=partner_violence&questions=Heb+je+voedingswensen%3F";
    auto created = http_post(server_->port(), "/vorming/nieuw", body, form_type, gent_);
    EXPECT_EQ(created.status, 303) << created.body;
    const std::string slug = created.header("Location").substr(std::string("/vorming/").size());
    auto session = http_post(server_->port(), "/vorming/" + slug + "/sessies/nieuw",
                             session_body(format_date_input(server_->clock().now() + 10 * 86400),
                                          "09:00", "12:00", std::to_string(places)),
                             form_type, gent_);
    EXPECT_EQ(session.status, 303) << session.body;
    return slug;
  }
  std::string session_body(const std::string& date, const std::string& start,
                           const std::string& end, const std::string& capacity,
                           const std::string& format = "in_person", const std::string& url = "") {
    return "_csrf=" + gent_csrf_ + "&module=basics&format=" + format +
           "&address=Botermarkt+1%2C+Gent&online_url=" + url + "&date=" + date + "&start=" + start +
           "&end=" + end + "&capacity=" + capacity + "&status=planned";
  }
  std::int64_t series_id(const std::string& slug) {
    return server_->db().run(
        [&](soci::session& sql) { return TrainingStore::find_series_by_slug(sql, slug)->id; });
  }
  // Registers as a guest and confirms by the link in the mail.
  void register_guest(const std::string& slug, const std::string& name, const std::string& email) {
    auto anon = server_->app().sessions().create(std::nullopt, "test");
    const std::string cookie = cookie_header(anon->token);
    auto posted = http_post(server_->port(), "/vorming/" + slug + "/inschrijven",
                            "_csrf=" + anon->csrf_token + "&name=" + name + "&email=" + email,
                            form_type, cookie);
    ASSERT_EQ(posted.status, 303) << posted.body;
    const std::string token = token_in(last_mail(email), "/vorming/bevestigen");
    ASSERT_FALSE(token.empty()) << last_mail(email);
    auto confirmed = http_post(server_->port(), "/vorming/bevestigen",
                               "_csrf=" + anon->csrf_token + "&token=" + token, form_type, cookie);
    ASSERT_EQ(confirmed.status, 303) << confirmed.body;
  }
  std::unique_ptr<TestServer> server_;
  std::string gent_, gent_csrf_;
  int made_ = 0;
};
TYPED_TEST_SUITE(SeriesPages, Backends, BackendNames);

TYPED_TEST(SeriesPages, OrganiserFormsRefuseBadValuesAndChangeNothing) {
  auto& server = this->server();
  const int before = this->count("SELECT COUNT(*) FROM training_series");
  const std::string ok =
      "&organiser=Stad+Gent&owner_nis_code=44021&visibility=public"
      "&registration_unit=series&hold_hours=48&status=draft"
      "&certificate_rule=all&evaluation_unit=series";
  const std::vector<std::pair<std::string, std::string>> bad_series = {
      {"title=", "Vul de titel in"},
      {"title=Ok+titel&deadline=2020-01-01", "in het verleden"},
      {"title=Ok+titel&deadline=morgen", "jjjj-mm-dd"},
      {"title=Ok+titel&hold_hours=0", "1 tot 336"},
      {"title=Ok+titel&visibility=iedereen", "wie de reeks mag zien"},
      {"title=Ok+titel&themes=bestaat-niet", "thema"},
      {"title=Ok+titel&owner_nis_code=41002", "SPOC"},
      {"title=Ok+titel&certificate_rule=min&certificate_min_sessions=0", "minstens"},
  };
  for (const auto& [fields, message] : bad_series) {
    // The defaults of `ok`, minus the fields this case sets.
    std::string body = "_csrf=" + this->gent_csrf_;
    std::size_t from = 1;
    while (from < ok.size()) {
      const auto end = std::min(ok.find('&', from), ok.size());
      const std::string pair = ok.substr(from, end - from);
      if (("&" + fields).find("&" + pair.substr(0, pair.find('=') + 1)) == std::string::npos)
        body += "&" + pair;
      from = end + 1;
    }
    auto reply =
        http_post(server.port(), "/vorming/nieuw", body + "&" + fields, form_type, this->gent_);
    EXPECT_EQ(reply.status, 422) << fields;
    EXPECT_NE(reply.body.find(message), std::string::npos) << fields;
  }
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_series"), before);

  const std::string slug = this->make_series(10);
  const std::string future = format_date_input(server.clock().now() + 20 * 86400);
  const std::string past = format_date_input(server.clock().now() - 2 * 86400);
  const int sessions = this->count("SELECT COUNT(*) FROM training_sessions");
  const std::vector<std::pair<std::string, std::string>> bad_sessions = {
      {this->session_body(past, "09:00", "12:00", "10"), "verleden"},
      {this->session_body(future, "12:00", "09:00", "10"), "na het beginuur"},
      {this->session_body(future, "09:00", "09:00", "10"), "na het beginuur"},
      {this->session_body(future, "09:00", "12:00", "0"), "1 tot 1000"},
      {this->session_body(future, "09:00", "12:00", "-5"), "1 tot 1000"},
      {this->session_body(future, "09:00", "12:00", "tien"), "1 tot 1000"},
      {this->session_body("2026-02-30", "09:00", "12:00", "10"), "jjjj-mm-dd"},
      {this->session_body(future, "25:00", "26:00", "10"), "uu:mm"},
      {this->session_body(future, "09:00", "12:00", "10", "online", ""), "link"},
      {this->session_body(future, "09:00", "12:00", "10", "online", "javascript:alert(1)"),
       "https://"},
  };
  for (const auto& [body, message] : bad_sessions) {
    auto reply = http_post(server.port(), "/vorming/" + slug + "/sessies/nieuw", body, form_type,
                           this->gent_);
    EXPECT_EQ(reply.status, 422) << body;
    EXPECT_NE(reply.body.find(message), std::string::npos) << body;
  }
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_sessions"), sessions);

  // A very short webinar is fine.
  auto webinar = http_post(server.port(), "/vorming/" + slug + "/sessies/nieuw",
                           this->session_body(future, "12:30", "12:50", "100", "webinar",
                                              "https%3A%2F%2Fwebinar.voorbeeld.be%2Fx"),
                           form_type, this->gent_);
  EXPECT_EQ(webinar.status, 303) << webinar.body;
  // The SPOC of Aalst may not touch Gent's series.
  std::string aalst_csrf;
  const auto aalst = session_cookie(server, "spoc.aalst@demo.schakel.be", &aalst_csrf);
  auto denied = http_post(server.port(), "/vorming/" + slug + "/bewerken",
                          "_csrf=" + aalst_csrf + ok + "&title=Overgenomen", form_type, aalst);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_series WHERE title = 'Overgenomen'"), 0);
}

TYPED_TEST(SeriesPages, ProfessionalRegistersAnswersAQuestionAndCancelsFromTheMail) {
  auto& server = this->server();
  const std::string slug = this->make_series(10);
  std::string csrf;
  const auto pro = session_cookie(server, "professional@demo.schakel.be", &csrf);
  auto page = http_get(server.port(), "/vorming/" + slug, pro);
  ASSERT_EQ(page.status, 200);
  const std::regex question(R"re(name="(q_\d+)")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(page.body, m, question));
  auto reply = http_post(server.port(), "/vorming/" + slug + "/inschrijven",
                         "_csrf=" + csrf + "&name=Pro+Fessional&nis_code=44021&sector=welfare&" +
                             std::string(m[1]) + "=Vegetarisch",
                         form_type, pro);
  ASSERT_EQ(reply.status, 303) << reply.body;
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations r JOIN training_answers a ON "
                        "a.registration_id = r.id WHERE r.email = 'professional@demo.schakel.be' "
                        "AND r.state = 'registered' AND a.answer = 'Vegetarisch' AND r.sector = "
                        "'welfare' AND r.nis_code = '44021'"),
            1);
  // Twice is refused, and changes nothing.
  auto again = http_post(server.port(), "/vorming/" + slug + "/inschrijven",
                         "_csrf=" + csrf + "&name=Pro+Fessional", form_type, pro);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("al ingeschreven"), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'professional@demo.schakel.be' AND series_id = " +
                        std::to_string(this->series_id(slug))),
            1);
  // Bad values on the registration form.
  for (const std::string& fields :
       std::vector<std::string>{"name=Pro&nis_code=99999", "name=Pro&sector=astronaut",
                                "name=Pro&" + std::string(m[1]) + "=" + std::string(1200, 'x')}) {
    auto bad = http_post(server.port(), "/vorming/" + slug + "/inschrijven",
                         "_csrf=" + csrf + "&" + fields, form_type, pro);
    EXPECT_EQ(bad.status, 422) << fields;
  }
  const std::string mail = this->last_mail("professional@demo.schakel.be");
  EXPECT_NE(mail.find("Je bent ingeschreven"), std::string::npos) << mail;
  const std::string token = this->token_in(mail, "/vorming/inschrijving");
  ASSERT_FALSE(token.empty());
  auto manage = http_get(server.port(), "/vorming/inschrijving?token=" + token);
  EXPECT_EQ(manage.status, 200);
  EXPECT_NE(manage.body.find("Inschrijving annuleren"), std::string::npos);
  // A tampered token is refused and changes nothing.
  std::string tampered = token;
  tampered[0] = tampered[0] == '9' ? '8' : '9';
  auto anon = server.app().sessions().create(std::nullopt, "test");
  const std::string cookie = cookie_header(anon->token);
  EXPECT_EQ(http_post(server.port(), "/vorming/inschrijving/annuleren",
                      "_csrf=" + anon->csrf_token + "&token=" + tampered, form_type, cookie)
                .status,
            403);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE state = 'cancelled'"),
            0);
  // The form of the confirmation page says bevestigd=ja (issue 10).
  auto cancelled = http_post(server.port(), "/vorming/inschrijving/annuleren",
                             "_csrf=" + anon->csrf_token + "&token=" + token + "&bevestigd=ja",
                             form_type, cookie);
  EXPECT_EQ(cancelled.status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'professional@demo.schakel.be' AND state = 'cancelled'"),
            1);
  EXPECT_NE(this->last_mail("professional@demo.schakel.be").find("geannuleerd"), std::string::npos);
  // Cancelling again: the registration has ended.
  EXPECT_EQ(http_post(server.port(), "/vorming/inschrijving/annuleren",
                      "_csrf=" + anon->csrf_token + "&token=" + token + "&bevestigd=ja", form_type,
                      cookie)
                .status,
            409);
}

TYPED_TEST(SeriesPages, AGuestConfirmsByLinkAndTheLinkWorksOnce) {
  auto& server = this->server();
  const std::string slug = this->make_series(10);
  auto anon = server.app().sessions().create(std::nullopt, "test");
  const std::string cookie = cookie_header(anon->token);
  auto bad =
      http_post(server.port(), "/vorming/" + slug + "/inschrijven",
                "_csrf=" + anon->csrf_token + "&name=Gast&email=geen-adres", form_type, cookie);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("geldig e-mailadres"), std::string::npos);
  auto posted =
      http_post(server.port(), "/vorming/" + slug + "/inschrijven",
                "_csrf=" + anon->csrf_token + "&name=Gast+Gastmans&email=Gast%40Voorbeeld.be",
                form_type, cookie);
  ASSERT_EQ(posted.status, 303);
  // No place is taken before the address is confirmed.
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'gast@voorbeeld.be'"),
            0);
  const std::string token =
      this->token_in(this->last_mail("gast@voorbeeld.be"), "/vorming/bevestigen");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(http_get(server.port(), "/vorming/bevestigen?token=" + token).status, 200);
  EXPECT_EQ(http_get(server.port(), "/vorming/bevestigen?token=" + token + "x").status, 410);
  auto confirmed = http_post(server.port(), "/vorming/bevestigen",
                             "_csrf=" + anon->csrf_token + "&token=" + token, form_type, cookie);
  EXPECT_EQ(confirmed.status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'gast@voorbeeld.be' AND state = 'registered'"),
            1);
  EXPECT_EQ(http_post(server.port(), "/vorming/bevestigen",
                      "_csrf=" + anon->csrf_token + "&token=" + token, form_type, cookie)
                .status,
            410);
  // An expired link: 48 hours later it no longer works.
  http_post(server.port(), "/vorming/" + slug + "/inschrijven",
            "_csrf=" + anon->csrf_token + "&name=Laat&email=laat%40voorbeeld.be", form_type,
            cookie);
  const std::string late =
      this->token_in(this->last_mail("laat@voorbeeld.be"), "/vorming/bevestigen");
  server.clock().advance(49 * 3600);
  auto later = server.app().sessions().create(std::nullopt, "test");  // the old one expired
  EXPECT_EQ(http_post(server.port(), "/vorming/bevestigen",
                      "_csrf=" + later->csrf_token + "&token=" + late, form_type,
                      cookie_header(later->token))
                .status,
            410);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'laat@voorbeeld.be'"),
            0);
}

TYPED_TEST(SeriesPages, AFreedPlaceIsOfferedByMailAndAccepted) {
  auto& server = this->server();
  const std::string slug = this->make_series(1);
  this->register_guest(slug, "Eerste", "eerste@voorbeeld.be");
  this->register_guest(slug, "Tweede", "tweede@voorbeeld.be");
  EXPECT_NE(this->last_mail("tweede@voorbeeld.be").find("plaats 1 van de wachtlijst"),
            std::string::npos);
  const std::string first =
      this->token_in(this->last_mail("eerste@voorbeeld.be"), "/vorming/inschrijving");
  auto anon = server.app().sessions().create(std::nullopt, "test");
  const std::string cookie = cookie_header(anon->token);
  ASSERT_EQ(http_post(server.port(), "/vorming/inschrijving/annuleren",
                      "_csrf=" + anon->csrf_token + "&token=" + first + "&bevestigd=ja", form_type,
                      cookie)
                .status,
            303);
  const std::string offer = this->last_mail("tweede@voorbeeld.be");
  EXPECT_NE(offer.find("Er is een plaats vrij"), std::string::npos) << offer;
  const std::string second = this->token_in(offer, "/vorming/inschrijving");
  auto accepted = http_post(server.port(), "/vorming/inschrijving/aanvaarden",
                            "_csrf=" + anon->csrf_token + "&token=" + second, form_type, cookie);
  EXPECT_EQ(accepted.status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'tweede@voorbeeld.be' AND state = 'registered'"),
            1);
  // The organiser raises the capacity: the next in line gets an offer.
  this->register_guest(slug, "Derde", "derde@voorbeeld.be");
  const std::int64_t id = this->series_id(slug);
  const auto session_id = server.db().run(
      [&](soci::session& sql) { return TrainingStore::sessions_of(sql, id).front().id; });
  const std::string date = format_date_input(server.clock().now() + 10 * 86400);
  auto raised = http_post(
      server.port(), "/vorming/" + slug + "/sessies/" + std::to_string(session_id) + "/bewerken",
      this->session_body(date, "09:00", "12:00", "2"), form_type, this->gent_);
  EXPECT_EQ(raised.status, 303) << raised.body;
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations WHERE email = "
                        "'derde@voorbeeld.be' AND state = 'offered'"),
            1);
  // A change of time reaches everyone holding a place.
  auto moved = http_post(
      server.port(), "/vorming/" + slug + "/sessies/" + std::to_string(session_id) + "/bewerken",
      this->session_body(date, "13:00", "16:00", "2"), form_type, this->gent_);
  EXPECT_EQ(moved.status, 303);
  EXPECT_NE(this->last_mail("tweede@voorbeeld.be").find("Gewijzigd"), std::string::npos);
  EXPECT_NE(this->last_mail("tweede@voorbeeld.be").find("13:00"), std::string::npos);
}

TYPED_TEST(SeriesPages, TheCalendarFiltersAndRefusesUnknownFilters) {
  auto& server = this->server();
  auto all = http_get(server.port(), "/vorming");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("Partnergeweld: van vermoeden naar gesprek (demo)"), std::string::npos);
  EXPECT_NE(all.body.find("De Babobox in de klas (demo)"), std::string::npos);
  // The elder abuse series is over: not on the calendar.
  EXPECT_EQ(all.body.find("Ouderenmis(be)handeling (demo)"), std::string::npos);
  auto theme = http_get(server.port(), "/vorming?thema=partner_violence");
  EXPECT_NE(theme.body.find("Partnergeweld: van vermoeden"), std::string::npos);
  EXPECT_EQ(theme.body.find("De Babobox in de klas"), std::string::npos);
  auto webinars = http_get(server.port(), "/vorming?vorm=webinar");
  EXPECT_NE(webinars.body.find("drie korte webinars"), std::string::npos);
  EXPECT_EQ(webinars.body.find("Je eigen referentiekader"), std::string::npos);
  auto region = http_get(server.port(), "/vorming?regio=Online");
  EXPECT_NE(region.body.find("drie korte webinars"), std::string::npos);
  EXPECT_EQ(region.body.find("Partnergeweld: van vermoeden"), std::string::npos);
  const std::string month = format_month_key(server.clock().now() + 3 * 86400);
  auto in_month = http_get(server.port(), "/vorming?maand=" + month);
  EXPECT_NE(in_month.body.find("drie korte webinars"), std::string::npos);
  EXPECT_EQ(http_get(server.port(), "/vorming?vorm=teleportatie").status, 400);
  EXPECT_EQ(http_get(server.port(), "/vorming?maand=2026-13").status, 400);
  EXPECT_EQ(http_get(server.port(), "/vorming?maand=%3Cscript%3E").status, 400);
}

TYPED_TEST(SeriesPages, SeriesAreFoundInTheKennisbankSearch) {
  auto& server = this->server();
  auto found = http_get(server.port(), "/zoeken?q=broers+zussen+webinars");
  ASSERT_EQ(found.status, 200);
  EXPECT_NE(found.body.find("/vorming/geweld-tussen-broers-en-zussen-webinars-demo"),
            std::string::npos);
  // A draft series is not found, a published one is as soon as it is published.
  const std::string slug = this->make_series(5);
  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {
    seen = http_get(server.port(), "/zoeken?q=Testreeks").body.find("/vorming/" + slug) !=
           std::string::npos;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(seen);
}

TYPED_TEST(SeriesPages, RemindersGoOutOnceTwoDaysBefore) {
  auto& server = this->server();
  const std::string slug = this->make_series(5);
  this->register_guest(slug, "Herinnerd", "herinnerd@voorbeeld.be");
  const std::string reminders =
      "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'herinnerd@voorbeeld.be' AND subject "
      "LIKE 'Herinnering%'";
  send_reminders(server.app());  // ten days before: not yet
  EXPECT_EQ(this->count(reminders), 0);
  server.clock().advance(8 * 86400 + 3600);
  EXPECT_GE(send_reminders(server.app()), 1);
  EXPECT_EQ(this->count(reminders), 1);
  EXPECT_EQ(send_reminders(server.app()), 0);  // once per session
  EXPECT_EQ(this->count(reminders), 1);
  // After the series, the answers to the questions are deleted.
  const int answers_before = this->count(
      "SELECT COUNT(*) FROM training_series WHERE "
      "answers_deleted_at IS NOT NULL");
  server.clock().advance(4 * 86400);
  EXPECT_GE(delete_expired_answers(server.app()), 1);
  EXPECT_GT(
      this->count("SELECT COUNT(*) FROM training_series WHERE answers_deleted_at IS NOT NULL"),
      answers_before);
}

TYPED_TEST(SeriesPages, AParticipantFindsTheEvaluationAndTheCertificateOnTheirPages) {
  auto& server = this->server();
  const auto pro = session_cookie(server, "professional@demo.schakel.be");
  auto mine = http_get(server.port(), "/vorming/mijn", pro);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("Evaluatie invullen"), std::string::npos);
  EXPECT_NE(mine.body.find("Attest downloaden"), std::string::npos);
  // The same from the signed link in the mails, without an account.
  const auto id = server.db().run([&](soci::session& sql) {
    for (const auto& r :
         TrainingStore::of_person(sql, std::nullopt, "professional@demo.schakel.be"))
      return r.id;
    return std::int64_t{0};
  });
  ASSERT_NE(id, 0);
  const std::string path = Mailer(server.app()).manage_path(id);
  auto manage = http_get(server.port(), path);
  ASSERT_EQ(manage.status, 200);
  EXPECT_NE(manage.body.find("/vorming/attest?token="), std::string::npos);
  // Someone without a place in it sees neither.
  auto spoc = http_get(server.port(), "/vorming/mijn",
                       session_cookie(server, "spoc.aalst@demo.schakel.be"));
  EXPECT_EQ(spoc.body.find("Attest downloaden"), std::string::npos);
  EXPECT_EQ(spoc.body.find("Evaluatie invullen"), std::string::npos);
}

}  // namespace
}  // namespace schakel::trainings
