// The coordinator's dashboard over HTTP on a fresh database with fixed rows:
// "Alles is bijgewerkt" when nothing waits, lines grouped and linked, the mail
// line for admins only (appearing and disappearing), the figures of the four
// goals against hand-computed values on the page, in the XLSX and in the PDF,
// and bad years.
#include <gtest/gtest.h>

#include <fstream>

#include "attention_lines.hpp"
#include "dashboard/service.hpp"
#include "mail/mail.hpp"
#include "signals/overview_test_data.hpp"
#include "test_support.hpp"

namespace schakel::dashboard {
namespace {

using schakel::testing::AttentionTest;
using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::http_get;
using schakel::testing::run_command;
using schakel::testing::session_cookie;
using schakel::testing::set_clock;
using schakel::testing::TempDir;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::int64_t at(const std::string& date) { return *brussels_to_utc(date, "12:00"); }

template <class B>
class DashboardHttp : public AttentionTest<B> {
 protected:
  void SetUp() override {
    AttentionTest<B>::SetUp();
    if (this->IsSkipped()) return;
    set_clock(this->server_->clock(), at("2026-11-20"));
    for (const Role role : {Role::coordinator, Role::admin, Role::spoc, Role::professional})
      this->add_user(role, std::string(role_name(role)) + "@voorbeeld.be");
    coordinator_ = session_cookie(*this->server_, "coordinator@voorbeeld.be");
    admin_ = session_cookie(*this->server_, "admin@voorbeeld.be");
  }
  std::string page(const std::string& cookie, const std::string& target = "/coordinatie") {
    auto reply = http_get(this->server_->port(), target, cookie);
    EXPECT_EQ(reply.status, 200) << target;
    return reply.body;
  }
  // Long because: one fixed row set over four features, figures noted per line.
  void fixed_year() {
    this->server_->db().transact([&](soci::session& sql) {
      namespace td = signals::testdata;
      // Goal 1: two resources published in 2026, one in 2025, one draft.
      long long y26a = at("2026-02-01"), y26b = at("2026-12-31"), y25 = at("2025-06-01");
      for (const auto& [slug, when] :
           std::vector<std::pair<std::string, long long>>{{"a", y26a}, {"b", y26b}, {"c", y25}})
        sql << "INSERT INTO resources (slug, kind, title, summary, status, published_at, "
               "created_at, updated_at) VALUES (:s, 'tool', :t, 'Kort', 'published', :p, 1, 1)",
            soci::use(slug), soci::use(slug), soci::use(when);
      sql << "INSERT INTO resources (slug, kind, title, summary, created_at, updated_at) VALUES "
             "('d', 'tool', 'd', 'Kort', 1, 1)";
      // Goal 2: a series with a session in March 2026: three registered, one
      // cancelled; one certificate and two evaluations in 2026.
      long long series = 0, start = at("2026-03-03"), end = start + 3600;
      sql << "INSERT INTO training_series (slug, title, status, created_at, updated_at) VALUES "
             "('reeks', 'Reeks', 'published', 1, 1) RETURNING id",
          soci::into(series);
      sql << "INSERT INTO training_sessions (series_id, module, format, starts_at, ends_at, "
             "capacity) VALUES (:s, 'basics', 'in_person', :a, :b, 20)",
          soci::use(series), soci::use(start), soci::use(end);
      for (const std::string state : {"registered", "registered", "registered", "cancelled"}) {
        const std::string email = state + std::to_string(++rows_) + "@voorbeeld.be";
        sql << "INSERT INTO training_registrations (series_id, name, email, state, created_at, "
               "updated_at) VALUES (:s, 'X', :e, :st, 1, 1)",
            soci::use(series), soci::use(email), soci::use(state);
      }
      sql << "INSERT INTO training_certificates (code, series_id, name, series_title, dates, "
             "minutes, organiser, issued_at) VALUES ('C1', :s, 'X', 'Reeks', '3 maart', 60, "
             "'Gent', :at)",
          soci::use(series), soci::use(end);
      for (const std::string key : {"k1", "k2"})
        sql << "INSERT INTO training_evaluations (series_id, pair_key, satisfaction, usefulness, "
               "submitted_on) VALUES (:s, :k, 4, 5, :at)",
            soci::use(series), soci::use(key), soci::use(end);
      // Goal 3: a round of 2026 with 100 + 50 cards in Gent and 30 in Aalst, 7 scans.
      long long round = 0;
      sql << "INSERT INTO distribution_rounds (name, starts_on, ends_on, created_at) VALUES "
             "('Voorjaar', '2026-02-01', '2026-03-31', 1) RETURNING id",
          soci::into(round);
      for (const auto& [nis, cards] :
           std::vector<std::pair<std::string, int>>{{"44021", 100}, {"44021", 50}, {"41002", 30}})
        sql << "INSERT INTO distributions (round_id, nis_code, theme, place_type, cards, "
               "created_at, updated_at) VALUES (:r, :n, 'child_abuse', 'pharmacy', :c, 1, 1)",
            soci::use(round), soci::use(nis), soci::use(cards);
      sql << "INSERT INTO postcard_scans (day, nis_code, theme, scans) VALUES "
             "('2026-02-02', '44021', 'child_abuse', 7)";
      // Goal 4: two signals and one need of 2026; actions Loopt (50) and
      // Bijna klaar (80) in 2026, one of 2024 left out: mean (50 + 80) / 2 = 65.
      long long created = at("2026-05-05");
      for (int i = 0; i < 2; ++i)
        sql << "INSERT INTO signals (nis_code, description, observed_on, created_at, updated_at) "
               "VALUES ('44021', 'Iets', '2026-05-05', :c, :c2)",
            soci::use(created), soci::use(created);
      sql << "INSERT INTO needs (title, nis_code, created_at, updated_at) VALUES "
             "('Nood', '44021', :c, :c2)",
          soci::use(created), soci::use(created);
      td::action(sql, {.title = "A",
                       .owner_nis = "44021",
                       .starts_on = "2026-01-01",
                       .ends_on = "2026-12-31",
                       .status = "Loopt"});
      td::action(sql, {.title = "B",
                       .owner_nis = "44021",
                       .starts_on = "2025-06-01",
                       .ends_on = std::nullopt,
                       .status = "Bijna klaar"});
      td::action(sql, {.title = "C",
                       .owner_nis = "44021",
                       .starts_on = "2024-01-01",
                       .ends_on = "2024-12-31",
                       .status = "Afgerond"});
    });
  }
  std::string coordinator_, admin_;
  int rows_ = 0;
};
TYPED_TEST_SUITE(DashboardHttp, Backends, BackendNames);

TYPED_TEST(DashboardHttp, NothingWaitingSaysAllIsUpToDate) {
  const std::string body = this->page(this->coordinator_);
  EXPECT_TRUE(has(body, "Alles is bijgewerkt."));
  EXPECT_TRUE(has(body, "<a href=\"/coordinatie\""));  // in the menu
}

TYPED_TEST(DashboardHttp, LinesAreGroupedWithTheirLinks) {
  this->server_->db().transact([&](soci::session& sql) {
    sql << "INSERT INTO resources (slug, kind, title, summary, status, created_at, updated_at) "
           "VALUES ('voorstel', 'tool', 'Voorstel', 'Kort', 'in_review', 1, 1)";
  });
  const std::string body = this->page(this->coordinator_);
  EXPECT_FALSE(has(body, "Alles is bijgewerkt."));
  EXPECT_TRUE(has(body, "<h3>Kennisbank</h3>"));
  EXPECT_TRUE(has(body,
                  "<a href=\"/kennisbank#nalezen-titel\">1 kennisbankitem wacht op "
                  "nalezing</a>"));
  // The admin cannot publish, so the line is not theirs.
  EXPECT_FALSE(has(this->page(this->admin_), "/kennisbank#nalezen-titel"));
  const auto reply = http_get(this->server_->port(), "/kennisbank", this->coordinator_);
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(has(reply.body, "id=\"nalezen-titel\""));  // where the line leads
}

TYPED_TEST(DashboardHttp, AMailFailureShowsToAdminsUntilItIsQueuedAgain) {
  std::string id;
  this->server_->db().transact([&](soci::session& sql) {
    mail::Mail m;
    m.to = "a@voorbeeld.be";
    m.subject = "Onderwerp";
    m.text = "Tekst";
    m.html = "<p>Tekst</p>";
    id = mail::enqueue(sql, m, this->server_->clock().now());
    sql << "UPDATE mail_outbox SET status = 'failed'";
  });
  const std::string line = "<a href=\"/beheer/mails\">1 mail is niet zeker verstuurd</a>";
  EXPECT_TRUE(has(this->page(this->admin_), line));
  EXPECT_EQ(http_get(this->server_->port(), "/beheer/mails", this->admin_).status, 200);
  // The coordinator cannot open the outbox, so the line is not theirs.
  EXPECT_FALSE(has(this->page(this->coordinator_), "/beheer/mails"));
  long long mail_id = 0;
  this->server_->db().run(
      [&](soci::session& sql) { sql << "SELECT id FROM mail_outbox", soci::into(mail_id); });
  mail::Outbox outbox(this->server_->db(), this->server_->clock(), mail::MailSettings{});
  ASSERT_TRUE(outbox.resend(mail_id).ok());
  EXPECT_FALSE(has(this->page(this->admin_), "/beheer/mails\">"));
  EXPECT_TRUE(has(this->page(this->admin_), "Alles is bijgewerkt."));
}

TYPED_TEST(DashboardHttp, FiguresAgreeOnThePageInTheWorkbookAndInThePdf) {
  this->fixed_year();
  // Hand-computed for 2026 (see fixed_year).
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Nieuwe fiches in de kennisbank", "2"},
      {"Fiches in de kennisbank op het einde van het jaar", "3"},
      {"Vormingsreeksen", "1"},
      {"Deelnemers", "3"},
      {"Uitgereikte attesten", "1"},
      {"Ingevulde evaluaties", "2"},
      {"Verdelingsrondes", "1"},
      {"Verdeelde postkaarten", "180"},
      {"Bereikte gemeenten", "2"},
      {"Scans van de QR-code", "7"},
      {"Nieuwe signalen", "2"},
      {"Nieuwe noden", "1"},
      {"Acties in het jaar", "2"},
      {"Gemiddelde voortgang van die acties", "65%"}};
  const std::string body = this->page(this->coordinator_, "/coordinatie?jaar=2026");
  for (const auto& [label, value] : expected)
    EXPECT_TRUE(has(body, "<th scope=\"row\">" + label + "</th><td>" + value + "</td>")) << label;
  EXPECT_TRUE(has(body, "<svg"));
  EXPECT_TRUE(has(body, "href=\"/coordinatie/jaarverslag/2026.pdf\""));

  TempDir dir;
  auto xlsx =
      http_get(this->server_->port(), "/coordinatie/jaarverslag/2026.xlsx", this->coordinator_);
  ASSERT_EQ(xlsx.status, 200);
  const std::string book = (dir.path() / "j.xlsx").string();
  std::ofstream(book, std::ios::binary) << xlsx.body;
  const std::string script = (dir.path() / "read.py").string();
  std::ofstream(script) << "import openpyxl, sys\n"
                           "wb = openpyxl.load_workbook(sys.argv[1])\n"
                           "for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True):\n"
                           "    print(f'{r[3]}={int(r[4])}{r[5] or \"\"}')\n";
  const std::string cells = run_command("/usr/bin/python3 '" + script + "' '" + book + "'");
  for (const auto& [label, value] : expected)
    EXPECT_TRUE(has(cells, label + "=" + value + "\n")) << label << " in " << cells;

  auto pdf =
      http_get(this->server_->port(), "/coordinatie/jaarverslag/2026.pdf", this->coordinator_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  const std::string file = (dir.path() / "j.pdf").string();
  std::ofstream(file, std::ios::binary) << pdf.body;
  std::string text = run_command("pdftotext -enc UTF-8 '" + file + "' -");
  for (char& c : text)
    if (c == '\n') c = ' ';
  EXPECT_TRUE(has(text, "Jaarverslag 2026"));
  for (const auto& [label, value] : expected)
    EXPECT_TRUE(has(text, label + ": " + value)) << label << " in " << text;
}

TYPED_TEST(DashboardHttp, AnotherYearHasItsOwnFigures) {
  this->fixed_year();
  const std::string body = this->page(this->coordinator_, "/coordinatie?jaar=2025");
  EXPECT_TRUE(has(body, "<th scope=\"row\">Nieuwe fiches in de kennisbank</th><td>1</td>"));
  EXPECT_TRUE(has(body, "<th scope=\"row\">Verdeelde postkaarten</th><td>0</td>"));
  // Only B runs in 2025 (A starts in 2026, C ended in 2024).
  EXPECT_TRUE(has(body, "<th scope=\"row\">Acties in het jaar</th><td>1</td>"));
  EXPECT_TRUE(has(body, "<th scope=\"row\">Gemiddelde voortgang van die acties</th><td>80%</td>"));
}

TYPED_TEST(DashboardHttp, ABadYearIsRefused) {
  for (const std::string target :
       {"/coordinatie?jaar=abc", "/coordinatie?jaar=1999", "/coordinatie?jaar=20266",
        "/coordinatie/jaarverslag/1899.pdf", "/coordinatie/jaarverslag/x.xlsx",
        "/coordinatie/jaarverslag/2101.xlsx"}) {
    auto reply = http_get(this->server_->port(), target, this->coordinator_);
    EXPECT_EQ(reply.status, 422) << target;
    EXPECT_TRUE(has(reply.body, "Kies een jaar van 2000 tot 2100")) << target;
  }
  EXPECT_EQ(http_get(this->server_->port(), "/coordinatie/jaarverslag/2026.doc", this->coordinator_)
                .status,
            404);
  EXPECT_EQ(
      http_get(this->server_->port(), "/coordinatie/jaarverslag/2026", this->coordinator_).status,
      404);
}

TYPED_TEST(DashboardHttp, OnlyCoordinatorsAndAdminsOpenIt) {
  const auto spoc = session_cookie(*this->server_, "spoc@voorbeeld.be");
  const auto professional = session_cookie(*this->server_, "professional@voorbeeld.be");
  for (const std::string target : {"/coordinatie", "/coordinatie/jaarverslag/2026.pdf"}) {
    EXPECT_EQ(http_get(this->server_->port(), target, spoc).status, 403) << target;
    EXPECT_EQ(http_get(this->server_->port(), target, professional).status, 403) << target;
    EXPECT_EQ(http_get(this->server_->port(), target).status, 303) << target;
  }
  EXPECT_FALSE(has(http_get(this->server_->port(), "/", professional).body, "/coordinatie"));
}

}  // namespace
}  // namespace schakel::dashboard

namespace schakel::dashboard {
namespace {

TEST(DashboardLines, ShowOnlyToThoseWhoMayFollowThem) {
  EXPECT_TRUE(shows_to("catalog.review", Role::coordinator));
  EXPECT_TRUE(shows_to("meetings.prepare", Role::coordinator));  // any other feature's line
  EXPECT_FALSE(shows_to("mail.failures", Role::coordinator));
  EXPECT_TRUE(shows_to("mail.failures", Role::admin));
  EXPECT_TRUE(shows_to("signals.overdue", Role::admin));
  EXPECT_FALSE(shows_to("trainings.low", Role::admin));
  EXPECT_FALSE(shows_to("signals.needs", Role::spoc));
  EXPECT_FALSE(shows_to("catalog.review", Role::professional));
}

TEST(DashboardYear, FourDigitsInRangeOnly) {
  EXPECT_EQ(parse_year("2026").value(), 2026);
  EXPECT_EQ(parse_year("2000").value(), 2000);
  EXPECT_EQ(parse_year("2100").value(), 2100);
  for (const std::string bad : {"", "1999", "2101", "20x6", " 2026", "+202", "02026", "２０２６"})
    EXPECT_EQ(parse_year(bad).error().message_for("jaar"),
              "Kies een jaar van 2000 tot 2100, zoals 2026.")
        << bad;
}

}  // namespace
}  // namespace schakel::dashboard
