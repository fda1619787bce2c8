// Attendance over HTTP on SQLite and PostgreSQL: the list for the organiser and
// for a trainer's signed link, QR check-in, the reports and the exports (XLSX
// read back with openpyxl, an audit entry per export).
#include <gtest/gtest.h>

#include <fstream>

#include "audit/audit.hpp"
#include "core/signed_token.hpp"
#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/attendance_test_fixture.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::cookie_of;
using schakel::testing::demo_server;
using schakel::testing::extract_cookie;
using schakel::testing::extract_csrf;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class AttendanceHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server = demo_server(B::backend);
    f = make_attendance_fixture(
        server->db(), server->clock().now(),
        schakel::testing::user_id(server->db(), "professional@demo.schakel.be"));
  }
  std::string list_path(std::int64_t session) const {
    return "/vorming/aanwezig/sessies/" + std::to_string(session) + "/aanwezigheid";
  }
  std::string sign(const std::string& purpose, std::int64_t session, std::int64_t expires) {
    return sign_token(store::signing_key(server->db()), purpose, std::to_string(session), expires);
  }
  std::int64_t session_end(std::int64_t session) {
    long long end = 0, id = session;
    server->db().run([&](soci::session& sql) {
      sql << "SELECT ends_at FROM training_sessions WHERE id = :id", soci::use(id), soci::into(end);
    });
    return end;
  }
  // "present,method" of a mark, "" when none.
  std::string mark(std::int64_t session, std::int64_t registration) {
    std::string out;
    server->db().run([&](soci::session& sql) {
      auto m = AttendanceStore::find(sql, session, registration);
      if (m) out = std::string(m->present ? "1," : "0,") + m->method;
    });
    return out;
  }
  int marks() {
    int n = 0;
    server->db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM training_attendance", soci::into(n);
    });
    return n;
  }
  // A cookie and CSRF token of an anonymous visitor who opened `path`.
  std::pair<std::string, std::string> visitor(const std::string& path) {
    auto page = http_get(server->port(), path);
    EXPECT_EQ(page.status, 200) << path;
    return {cookie_of(page), extract_csrf(page.body)};
  }
  std::unique_ptr<TestServer> server;
  AttendanceFixture f;
};
TYPED_TEST_SUITE(AttendanceHttp, Backends, BackendNames);

TYPED_TEST(AttendanceHttp, OrganiserMarksOnTheListWithAndWithoutScript) {
  auto& s = *this->server;
  std::string csrf;
  const auto spoc = session_cookie(s, "spoc.gent@demo.schakel.be", &csrf);
  auto page = http_get(s.port(), this->list_path(this->f.future), spoc);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("present>1</span> van <span data-attendance-total>3</span> aanwezig"),
            std::string::npos);
  EXPECT_NE(page.body.find("Chris Wouters"), std::string::npos);
  EXPECT_NE(page.body.find("Aalst"), std::string::npos);
  EXPECT_EQ(page.body.find("Eva Claes"), std::string::npos) << "waitlisted, not on the list";
  EXPECT_NE(page.body.find("aanwezigheid?token="), std::string::npos) << "the trainer's link";
  EXPECT_NE(page.body.find("/static/js/attendance."), std::string::npos);

  auto saved =
      http_post(s.port(), this->list_path(this->f.future),
                "_csrf=" + csrf + "&registration=" + std::to_string(this->f.chris) + "&present=1",
                "application/x-www-form-urlencoded", spoc);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.header("Location"),
            this->list_path(this->f.future) + "#deelnemer-" + std::to_string(this->f.chris));
  EXPECT_EQ(this->mark(this->f.future, this->f.chris), "1,list");
  long long by = 0;
  s.db().run([&](soci::session& sql) {
    sql << "SELECT marked_by FROM training_attendance WHERE session_id = :s AND "
           "registration_id = :r",
        soci::use(static_cast<long long>(this->f.future)),
        soci::use(static_cast<long long>(this->f.chris)), soci::into(by);
  });
  EXPECT_EQ(by, schakel::testing::user_id(s.db(), "spoc.gent@demo.schakel.be"));

  auto json =
      http_post(s.port(), this->list_path(this->f.future),
                "_csrf=" + csrf + "&registration=" + std::to_string(this->f.ann) + "&present=0",
                "application/x-www-form-urlencoded", spoc + "Accept: application/json\r\n");
  EXPECT_EQ(json.status, 200);
  EXPECT_NE(json.body.find("\"present\":1"), std::string::npos) << json.body;
  EXPECT_NE(json.body.find("\"total\":3"), std::string::npos);
  EXPECT_NE(json.body.find("\"is_present\":false"), std::string::npos);
  EXPECT_EQ(this->mark(this->f.future, this->f.ann), "0,list");

  // The coordinator organises too.
  EXPECT_EQ(http_get(s.port(), this->list_path(this->f.future),
                     session_cookie(s, "coordinator@demo.schakel.be"))
                .status,
            200);
}

TYPED_TEST(AttendanceHttp, BadIdsAreRefusedAndChangeNothing) {
  auto& s = *this->server;
  std::string csrf;
  const auto spoc = session_cookie(s, "spoc.gent@demo.schakel.be", &csrf);
  const int before = this->marks();
  const std::string path = this->list_path(this->f.future);
  for (const std::string& body :
       {"registration=" + std::to_string(this->f.fay) + "&present=1",  // another series
        "registration=" + std::to_string(this->f.eva_waitlisted) + "&present=1",
        std::string("registration=abc&present=1"), std::string("registration=&present=1"),
        std::string("registration=-3&present=1"), std::string("registration=999999&present=1"),
        "registration=" + std::to_string(this->f.ann) + "&present=ja",
        "registration=" + std::to_string(this->f.ann)}) {
    auto reply = http_post(s.port(), path, "_csrf=" + csrf + "&" + body,
                           "application/x-www-form-urlencoded", spoc);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_NE(reply.body.find("lijst"), std::string::npos) << body;
  }
  // Fay is registered for the first session of her series only.
  auto other = http_post(
      s.port(),
      "/vorming/losse-sessies/sessies/" + std::to_string(this->f.other_second) + "/aanwezigheid",
      "_csrf=" + csrf + "&registration=" + std::to_string(this->f.fay) + "&present=1",
      "application/x-www-form-urlencoded", spoc);
  EXPECT_EQ(other.status, 400);
  // A session of another series under this series' path, an unknown or odd session.
  for (const std::string& bad :
       {"/vorming/aanwezig/sessies/" + std::to_string(this->f.other_first) + "/aanwezigheid",
        std::string("/vorming/aanwezig/sessies/abc/aanwezigheid"),
        std::string("/vorming/aanwezig/sessies/999999/aanwezigheid"),
        std::string("/vorming/bestaat-niet/sessies/1/aanwezigheid")}) {
    EXPECT_EQ(http_get(s.port(), bad, spoc).status, 404) << bad;
    EXPECT_EQ(
        http_post(s.port(), bad,
                  "_csrf=" + csrf + "&registration=" + std::to_string(this->f.ann) + "&present=0",
                  "application/x-www-form-urlencoded", spoc)
            .status,
        404)
        << bad;
  }
  // A cancelled session says so and takes no marks.
  const std::string cancelled = this->list_path(this->f.cancelled);
  auto page = http_get(s.port(), cancelled, spoc);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("geannuleerd"), std::string::npos);
  EXPECT_EQ(
      http_post(s.port(), cancelled,
                "_csrf=" + csrf + "&registration=" + std::to_string(this->f.ann) + "&present=1",
                "application/x-www-form-urlencoded", spoc)
          .status,
      409);
  EXPECT_EQ(this->marks(), before);
  EXPECT_EQ(this->mark(this->f.future, this->f.ann), "1,list");
}

TYPED_TEST(AttendanceHttp, TrainerLinkMarksOnlyItsSessionAndOthersAreRefused) {
  auto& s = *this->server;
  const std::int64_t until = this->session_end(this->f.future) + 7 * 86400;
  const std::string token = this->sign("attendance", this->f.future, until);
  const std::string path = this->list_path(this->f.future);
  auto [cookie, csrf] = this->visitor(path + "?token=" + token);
  ASSERT_FALSE(csrf.empty());
  auto saved = http_post(s.port(), path,
                         "_csrf=" + csrf + "&token=" + token +
                             "&registration=" + std::to_string(this->f.bert) + "&present=1",
                         "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.header("Location").rfind(path + "?token=", 0), 0u);
  EXPECT_EQ(this->mark(this->f.future, this->f.bert), "1,list");
  EXPECT_EQ(http_get(s.port(), "/vorming/aanwezig/sessies/" + std::to_string(this->f.future) +
                                   "/qr?token=" + token)
                .status,
            200);

  const int before = this->marks();
  auto post = [&](const std::string& p, const std::string& t, const std::string& extra = {}) {
    return http_post(s.port(), p,
                     "_csrf=" + csrf + "&token=" + t +
                         "&registration=" + std::to_string(this->f.chris) + "&present=1",
                     "application/x-www-form-urlencoded", cookie + extra);
  };
  // Tampered, for another session, for another purpose.
  std::string tampered = token;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  EXPECT_EQ(post(path, tampered).status, 403);
  EXPECT_EQ(http_get(s.port(), path + "?token=" + tampered).status, 403);
  EXPECT_EQ(post(this->list_path(this->f.second), token).status, 403);
  EXPECT_EQ(post(path, this->sign("checkin", this->f.future, until)).status, 403);
  // A SPOC of another municipality, with or without a link.
  const auto aalst = session_cookie(s, "spoc.aalst@demo.schakel.be");
  EXPECT_EQ(http_get(s.port(), path, aalst).status, 403);
  EXPECT_EQ(http_get(s.port(), path, session_cookie(s, "professional@demo.schakel.be")).status,
            403);
  EXPECT_EQ(http_get(s.port(), path).status, 303) << "anonymous without link: sign in first";
  // Expired: a week after the session ended.
  s.clock().advance(until - s.clock().now() + 1);
  EXPECT_EQ(post(path, token).status, 403);
  EXPECT_EQ(http_get(s.port(), path + "?token=" + token).status, 403);
  EXPECT_EQ(this->marks(), before);
}

TYPED_TEST(AttendanceHttp, QrPageShowsAFreshCodeThatParticipantsCheckInWith) {
  auto& s = *this->server;
  const auto spoc = session_cookie(s, "spoc.gent@demo.schakel.be");
  auto qr = http_get(s.port(),
                     "/vorming/aanwezig/sessies/" + std::to_string(this->f.future) + "/qr", spoc);
  ASSERT_EQ(qr.status, 200);
  EXPECT_NE(qr.body.find("<svg"), std::string::npos);
  EXPECT_EQ(qr.header("Refresh"), "240");
  // A session long over shows no code.
  auto old = http_get(s.port(),
                      "/vorming/aanwezig/sessies/" + std::to_string(this->f.first) + "/qr", spoc);
  EXPECT_EQ(old.status, 200);
  EXPECT_EQ(old.body.find("<svg"), std::string::npos);
  EXPECT_EQ(old.header("Refresh"), "");

  const std::string token = this->sign("checkin", this->f.future, s.clock().now() + 1200);
  // Signed in: Bert's registration carries the professional's account.
  const auto professional = session_cookie(s, "professional@demo.schakel.be");
  auto in = http_get(s.port(), "/vorming/inchecken?token=" + token, professional);
  EXPECT_EQ(in.status, 200);
  EXPECT_NE(in.body.find("Je bent ingecheckt voor Aanwezigheidsreeks (test)"), std::string::npos);
  EXPECT_EQ(this->mark(this->f.future, this->f.bert), "1,qr");
  auto twice = http_get(s.port(), "/vorming/inchecken?token=" + token, professional);
  EXPECT_EQ(twice.status, 200);
  EXPECT_NE(twice.body.find("al ingecheckt"), std::string::npos);

  // Without an account: the form, then the address used at registration.
  auto [cookie, csrf] = this->visitor("/vorming/inchecken?token=" + token);
  const int before = this->marks();
  auto unknown = http_post(s.port(), "/vorming/inchecken",
                           "_csrf=" + csrf + "&token=" + token + "&email=niemand%40voorbeeld.be",
                           "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("We vinden geen inschrijving met dit adres voor deze sessie"),
            std::string::npos);
  EXPECT_NE(unknown.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_EQ(
      http_post(s.port(), "/vorming/inchecken", "_csrf=" + csrf + "&token=" + token + "&email=",
                "application/x-www-form-urlencoded", cookie)
          .status,
      422);
  EXPECT_EQ(this->marks(), before);
  auto by_mail = http_post(s.port(), "/vorming/inchecken",
                           "_csrf=" + csrf + "&token=" + token + "&email=CHRIS%40voorbeeld.be",
                           "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(by_mail.status, 200);
  EXPECT_NE(by_mail.body.find("Je bent ingecheckt"), std::string::npos);
  EXPECT_EQ(this->mark(this->f.future, this->f.chris), "1,qr");

  // Tampered and expired codes.
  std::string tampered = token;
  tampered[0] = tampered[0] == '9' ? '8' : '9';
  EXPECT_EQ(http_get(s.port(), "/vorming/inchecken?token=" + tampered).status, 403);
  EXPECT_EQ(http_get(s.port(), "/vorming/inchecken").status, 403);
  EXPECT_EQ(http_get(s.port(), "/vorming/inchecken?token=" +
                                   this->sign("attendance", this->f.future, s.clock().now() + 60))
                .status,
            403)
      << "a trainer's link is no check-in code";
  s.clock().advance(1201);
  auto expired = http_get(s.port(), "/vorming/inchecken?token=" + token);
  EXPECT_EQ(expired.status, 410);
  EXPECT_NE(expired.body.find("Scan de code die nu getoond wordt"), std::string::npos);
  EXPECT_EQ(http_post(s.port(), "/vorming/inchecken",
                      "_csrf=" + csrf + "&token=" + token + "&email=ann%40voorbeeld.be",
                      "application/x-www-form-urlencoded", cookie)
                .status,
            410);
  EXPECT_EQ(this->mark(this->f.future, this->f.chris), "1,qr");
}

TYPED_TEST(AttendanceHttp, FailedAddressCheckInsAreRateLimited) {
  auto& s = *this->server;
  const std::string token = this->sign("checkin", this->f.future, s.clock().now() + 1200);
  auto [cookie, csrf] = this->visitor("/vorming/inchecken?token=" + token);
  auto attempt = [&](const std::string& email) {
    return http_post(s.port(), "/vorming/inchecken",
                     "_csrf=" + csrf + "&token=" + token + "&email=" + email,
                     "application/x-www-form-urlencoded", cookie);
  };
  // A successful check-in does not count.
  EXPECT_EQ(attempt("chris%40voorbeeld.be").status, 200);
  for (int i = 0; i < 30; ++i)
    ASSERT_EQ(attempt("raden" + std::to_string(i) + "%40x.be").status, 422);
  const int before = this->marks();
  auto refused = attempt("bert%40voorbeeld.be");
  EXPECT_EQ(refused.status, 429);
  EXPECT_NE(refused.body.find("Te veel pogingen"), std::string::npos);
  EXPECT_EQ(this->marks(), before);
  EXPECT_EQ(this->mark(this->f.future, this->f.bert), "");
}

TYPED_TEST(AttendanceHttp, ReportsShowNoShowsAndTotalsToOrganisersOnly) {
  auto& s = *this->server;
  const auto spoc = session_cookie(s, "spoc.gent@demo.schakel.be");
  auto all = http_get(s.port(), "/vorming/aanwezigheid", spoc);
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("Aanwezigheidsreeks (test)"), std::string::npos);
  EXPECT_NE(all.body.find("Losse sessies (test)"), std::string::npos);
  EXPECT_NE(all.body.find("<th scope=\"col\">Gemeente</th>"), std::string::npos);
  EXPECT_NE(all.body.find("Alle reeksen samen"), std::string::npos);
  EXPECT_NE(all.body.find("Chris Wouters: Verdieping"), std::string::npos) << "a no-show";
  EXPECT_NE(all.body.find("<span class=\"visually-hidden\">afwezig</span>"), std::string::npos);

  auto aalst =
      http_get(s.port(), "/vorming/aanwezigheid", session_cookie(s, "spoc.aalst@demo.schakel.be"));
  EXPECT_EQ(aalst.status, 200);
  EXPECT_EQ(aalst.body.find("Aanwezigheidsreeks (test)"), std::string::npos)
      << "not a series Aalst organises";
  EXPECT_EQ(
      http_get(s.port(), "/vorming/aanwezigheid", session_cookie(s, "professional@demo.schakel.be"))
          .status,
      403);
  EXPECT_EQ(http_get(s.port(), "/vorming/aanwezig/aanwezigheid",
                     session_cookie(s, "spoc.aalst@demo.schakel.be"))
                .status,
            403);
  auto one = http_get(s.port(), "/vorming/aanwezig/aanwezigheid", spoc);
  EXPECT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("Bert Maes"), std::string::npos);
}

TYPED_TEST(AttendanceHttp, ExportsOpenInASpreadsheetAndAreAudited) {
  auto& s = *this->server;
  const auto spoc = session_cookie(s, "spoc.gent@demo.schakel.be");
  auto exports_logged = [&] {
    audit::Filter filter;
    filter.action = "export";
    return audit::find(s.db(), filter);
  };
  EXPECT_EQ(http_get(s.port(), "/vorming/aanwezig/inschrijvingen.xlsx",
                     session_cookie(s, "spoc.aalst@demo.schakel.be"))
                .status,
            403);
  EXPECT_EQ(http_get(s.port(), "/vorming/aanwezig/aanwezigheid.csv").status, 303);
  EXPECT_TRUE(exports_logged().empty());

  schakel::testing::TempDir dir;
  auto read_back = [&](const std::string& path) {
    auto reply = http_get(s.port(), path, spoc);
    EXPECT_EQ(reply.status, 200) << path;
    EXPECT_NE(reply.header("Content-Disposition").find("attachment; filename=\""),
              std::string::npos);
    const auto file = dir.path() / "export.xlsx";
    std::ofstream(file, std::ios::binary) << reply.body;
    return schakel::testing::run_command(
        "/usr/bin/python3 -c \"import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; "
        "[print('|'.join('' if c is None else str(c) for c in r)) for r in "
        "ws.iter_rows(values_only=True)]\" " +
        file.string());
  };
  const std::string registrations = read_back("/vorming/aanwezig/inschrijvingen.xlsx");
  EXPECT_NE(registrations.find("Naam|E-mail|Gemeente|Sector|Voor|Toestand|Wachtlijst|"
                               "Ingeschreven op|Dieetwensen"),
            std::string::npos)
      << registrations;
  EXPECT_NE(registrations.find("Ann Peeters|ann@voorbeeld.be|Gent|Onderwijs|Hele "
                               "reeks|ingeschreven||"),
            std::string::npos)
      << registrations;
  EXPECT_NE(registrations.find("|Vegetarisch"), std::string::npos);
  EXPECT_NE(registrations.find("Eva Claes|eva@voorbeeld.be|Gent|Welzijn|Hele reeks|wachtlijst|1"),
            std::string::npos)
      << registrations;

  const std::string attendance = read_back("/vorming/aanwezig/aanwezigheid.xlsx");
  EXPECT_NE(attendance.find("Ann Peeters|ann@voorbeeld.be|Gent|Onderwijs|aanwezig|aanwezig|sessie "
                            "geannuleerd|aanwezig|3"),
            std::string::npos)
      << attendance;
  EXPECT_NE(attendance.find("Totaal aanwezig||||2|1|0|1|4"), std::string::npos) << attendance;

  auto csv = http_get(s.port(), "/vorming/aanwezig/inschrijvingen.csv", spoc);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Content-Disposition"),
            "attachment; filename=\"inschrijvingen-aanwezig.csv\"");
  EXPECT_NE(csv.body.find("Chris Wouters"), std::string::npos);

  const auto logged = exports_logged();
  ASSERT_EQ(logged.size(), 3u);
  EXPECT_EQ(logged.front().object, "training_series:" + std::to_string(this->f.series));
  EXPECT_EQ(logged.front().actor_id,
            schakel::testing::user_id(s.db(), "spoc.gent@demo.schakel.be"));
  EXPECT_EQ(logged.front().detail.rfind("registrations csv", 0), 0u);
}

}  // namespace
}  // namespace schakel::trainings
