// Certificates: codes, the Dutch text, the PDF (read back with pdftotext), and
// the service's rules (eligibility, issue once, re-issue, revoke, verification)
// on SQLite and PostgreSQL.
#include "trainings/certificate.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <thread>

#include "core/signed_token.hpp"
#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/certificate_store.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

// 9:00 UTC on 3, 10 and 17 March 2026 (10:00 in Brussels).
constexpr std::int64_t march_3 = 1772528400, march_10 = 1773133200, march_17 = 1773738000;
constexpr std::int64_t now_time = 1'780'000'000;  // end of May 2026
// Registrations are made before the first session: every session counts for them.
constexpr std::int64_t registered_at = march_3 - 30 * 86400;

TEST(CertificateCodes, NewCodesHaveTheReadableFormat) {
  const std::regex format("SCH-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string code = new_certificate_code();
    EXPECT_TRUE(std::regex_match(code, format)) << code;
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(CertificateCodes, TypedCodesAreNormalised) {
  const std::string code = "SCH-7KQ2-M9XA-4HPT";
  EXPECT_EQ(normalise_certificate_code(code), code);
  EXPECT_EQ(normalise_certificate_code("sch-7kq2-m9xa-4hpt"), code);
  EXPECT_EQ(normalise_certificate_code(" SCH 7KQ2 M9XA 4HPT "), code);
  EXPECT_EQ(normalise_certificate_code("sch7kq2m9xa4hpt"), code);
  EXPECT_EQ(normalise_certificate_code("7KQ2-M9XA-4HPT"), code);
  EXPECT_EQ(normalise_certificate_code("SCH-7KQ2-M9XA-4HP"), std::nullopt);
  EXPECT_EQ(normalise_certificate_code("SCH-7KQ2-M9XA-4HPTT"), std::nullopt);
  EXPECT_EQ(normalise_certificate_code("SCH-7KQ0-M9XA-4HPT"), std::nullopt) << "no zero";
  EXPECT_EQ(normalise_certificate_code("SCH-7KQO-M9XA-4HPT"), std::nullopt) << "no O";
  EXPECT_EQ(normalise_certificate_code("SCH-7KQ1-M9XA-4HPT"), std::nullopt) << "no one";
  EXPECT_EQ(normalise_certificate_code("SCH-7KQI-M9XA-4HPT"), std::nullopt) << "no I";
  EXPECT_EQ(normalise_certificate_code("SCH-7KQ2-M9XA-4HPé"), std::nullopt);
  EXPECT_EQ(normalise_certificate_code(""), std::nullopt);
  EXPECT_EQ(normalise_certificate_code(std::string(10'000, '-') + code), std::nullopt);
  EXPECT_EQ(normalise_certificate_code("<script>alert(1)</script>"), std::nullopt);
}

TEST(CertificateText, DatesAreWrittenInDutch) {
  EXPECT_EQ(dutch_dates({march_17, march_3, march_10}), "3, 10 en 17 maart 2026");
  EXPECT_EQ(dutch_dates({march_3}), "3 maart 2026");
  EXPECT_EQ(dutch_dates({march_3, march_3 + 5 * 3600}), "3 maart 2026") << "one day once";
  EXPECT_EQ(dutch_dates({1771923600, march_3, march_10}), "24 februari, 3 en 10 maart 2026");
  EXPECT_EQ(dutch_dates({1765789200, 1768208400}), "15 december 2025 en 12 januari 2026");
  // 22:30 UTC on 29 March is half past midnight on the 30th in Brussels (summer time).
  EXPECT_EQ(dutch_dates({1774823400}), "30 maart 2026");
  EXPECT_EQ(dutch_dates({}), "");
}

TEST(CertificateText, DurationsAreWrittenInDutch) {
  EXPECT_EQ(duration_text(360), "6 uur");
  EXPECT_EQ(duration_text(270), "4,5 uur");
  EXPECT_EQ(duration_text(75), "1,25 uur");
  EXPECT_EQ(duration_text(60), "1 uur");
  EXPECT_EQ(duration_text(40), "40 minuten");
  EXPECT_EQ(duration_text(100), "1 uur en 40 minuten");
}

// The text of a PDF, by pdftotext.
std::string pdf_text(const std::string& pdf) {
  schakel::testing::TempDir dir;
  const auto path = dir.path() / "attest.pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  const std::string text =
      schakel::testing::run_command("pdftotext -enc UTF-8 '" + path.string() + "' -");
  // One space for every run of white space: a long title may wrap.
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  return out;
}

TEST(CertificatePdf, HoldsTheFactsWithAccentsAndTheCode) {
  Certificate c;
  c.code = "SCH-7KQ2-M9XA-4HPT";
  c.name = "Zoë Brûlé-Çelik";
  c.series_title = "Ouderenmis(be)handeling: signalen herkennen";
  c.dates = "3, 10 en 17 maart 2026";
  c.minutes = 450;
  c.organiser = "Stad Gent";
  c.issued_at = now_time;
  const std::string pdf =
      render_certificate_pdf(c, "https://schakel.example/attest/SCH-7KQ2-M9XA-4HPT");
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const std::string text = pdf_text(pdf);
  for (const std::string expected :
       {"Attest van deelname", "Zoë Brûlé-Çelik", "Ouderenmis(be)handeling: signalen herkennen",
        "3, 10 en 17 maart 2026", "7,5 uur", "Stad Gent", "Schakel", "28 mei 2026",
        "SCH-7KQ2-M9XA-4HPT", "https://schakel.example/attest/SCH-7KQ2-M9XA-4HPT"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;

  // One voice: the certificate says "je", never "u" (issue 10).
  EXPECT_NE(text.find("Zo zie je of dit attest echt en nog geldig is."), std::string::npos) << text;
  for (const std::string formal : {" u ", " uw ", " U "})
    EXPECT_EQ(text.find(formal), std::string::npos) << formal << " in:\n" << text;

  schakel::testing::TempDir dir;
  const auto path = dir.path() / "attest.pdf";
  std::ofstream(path, std::ios::binary) << pdf;
  const std::string info = schakel::testing::run_command("pdfinfo '" + path.string() + "'");
  EXPECT_NE(info.find("Attest van deelname"), std::string::npos) << info;
  EXPECT_NE(info.find("Schakel"), std::string::npos) << info;
  EXPECT_NE(info.find("A4"), std::string::npos) << info;
}

// A series with three sessions in March 2026 (3 h, 3 h, 1.5 h), a cancelled one
// and one still to come, and a registration for the whole series.
struct Fixture {
  std::int64_t series = 0;
  std::vector<std::int64_t> sessions;  // the three that count
  std::int64_t cancelled = 0, future = 0;
  std::int64_t registration = 0;
};

Fixture make_fixture(store::Database& db, const std::string& slug, const std::string& rule = "all",
                     int min_sessions = 0) {
  Fixture f;
  db.transact([&](soci::session& sql) {
    Series s;
    s.slug = slug;
    s.title = "Kindermishandeling: het gesprek (" + slug + ")";
    s.organiser = "Stad Gent";
    s.owner_nis_code = "";
    s.status = "published";
    s.certificate_rule = rule;
    s.certificate_min_sessions = min_sessions;
    f.series = TrainingStore::insert_series(sql, s, now_time);
    auto add = [&](std::int64_t starts, int minutes, const std::string& status) {
      Session session;
      session.series_id = f.series;
      session.starts_at = starts;
      session.ends_at = starts + minutes * 60;
      session.status = status;
      return TrainingStore::insert_session(sql, session, now_time);
    };
    f.sessions = {add(march_3, 180, "planned"), add(march_10, 180, "planned"),
                  add(march_17, 90, "planned")};
    f.cancelled = add(march_10 + 86400, 180, "cancelled");
    f.future = add(now_time + 7 * 86400, 180, "planned");
    Registration r;
    r.unit.series_id = f.series;
    r.name = "Zoë Brûlé";
    r.email = "zoe-" + slug + "@voorbeeld.be";
    r.state = "registered";
    f.registration = TrainingStore::insert_registration(sql, r, registered_at);
  });
  return f;
}

void attend(store::Database& db, std::int64_t registration, std::int64_t session,
            bool present = true) {
  db.transact([&](soci::session& sql) {
    long long s = session, r = registration;
    int p = present ? 1 : 0;
    sql << "INSERT INTO training_attendance (session_id, registration_id, present, method, "
           "marked_at) VALUES (:s, :r, :p, 'list', 1)",
        soci::use(s), soci::use(r), soci::use(p);
  });
}

int count(store::Database& db, const std::string& query) {
  int n = 0;
  db.run([&](soci::session& sql) { sql << query, soci::into(n); });
  return n;
}

template <class B>
class Certificates : public BackendTest<B> {};
TYPED_TEST_SUITE(Certificates, Backends, BackendNames);

// Checks that `r` failed for `failure` (and on `field`, when given); returns its message.
template <class T>
std::string expect_refused(const Result<T>& r, Failure failure, const std::string& field = {}) {
  if (r.ok()) {
    ADD_FAILURE() << "not refused";
    return {};
  }
  EXPECT_EQ(r.error().failure, failure);
  if (!field.empty()) {
    EXPECT_EQ(r.error().fields.front().field, field);
  }
  return r.error().fields.empty() ? std::string() : r.error().fields.front().message;
}

const Actor someone{std::nullopt, "", "192.0.2.1"};

TYPED_TEST(Certificates, AnEligibleParticipantGetsOneCertificateWithTheFacts) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "alles");
  for (auto s : f.sessions) attend(db, f.registration, s);
  attend(db, f.registration, f.future);  // marked early by mistake: not counted
  CertificateService service(db, clock);

  auto e = service.eligibility(f.registration).value();
  EXPECT_TRUE(e.eligible) << e.reason;
  EXPECT_EQ(e.planned, 4);
  EXPECT_EQ(e.ended, 3);
  EXPECT_EQ(e.attended, 3);

  auto first = service.issue_or_get(f.registration, someone);
  ASSERT_TRUE(first) << first.error().fields.front().message;
  const Certificate& c = first.value();
  EXPECT_TRUE(normalise_certificate_code(c.code));
  EXPECT_EQ(c.name, "Zoë Brûlé");
  EXPECT_EQ(c.dates, "3, 10 en 17 maart 2026");
  EXPECT_EQ(c.minutes, 450);
  EXPECT_EQ(c.organiser, "Stad Gent");
  EXPECT_EQ(c.issued_at, now_time);

  clock.advance(3600);
  auto again = service.issue_or_get(f.registration, someone);
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value().code, c.code) << "a second download gives the same certificate";
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM training_certificates"), 1);
  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_issued' AND "
                  "object = 'certificate:" +
                      std::to_string(c.id) + "'"),
            1);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%Zo%'"), 0)
      << "no names in the audit log";
}

TYPED_TEST(Certificates, DownloadsAtTheSameMomentGetOneCertificate) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "tegelijk");
  for (auto s : f.sessions) attend(db, f.registration, s);
  std::vector<std::string> codes(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < codes.size(); ++i)
    threads.emplace_back([&, i] {
      auto c = CertificateService(db, clock).issue_or_get(f.registration, someone);
      if (c) codes[i] = c.value().code;
    });
  for (auto& t : threads) t.join();
  for (const auto& code : codes) EXPECT_EQ(code, codes.front());
  EXPECT_FALSE(codes.front().empty());
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM training_certificates"), 1);
}

TYPED_TEST(Certificates, NotEligibleIsRefusedAndNothingIsIssued) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "niet");
  attend(db, f.registration, f.sessions[0]);
  attend(db, f.registration, f.sessions[1], false);
  attend(db, f.registration, f.sessions[2]);
  CertificateService service(db, clock);
  const auto missed =
      expect_refused(service.issue_or_get(f.registration, someone), Failure::conflict);
  EXPECT_NE(missed.find("2 van de 3 sessies"), std::string::npos) << missed;

  // Before any session ended, nobody is eligible, not even under rule "all".
  ManualClock early(march_3);
  const auto too_early = expect_refused(
      CertificateService(db, early).issue_or_get(f.registration, someone), Failure::conflict);
  EXPECT_NE(too_early.find("nog geen sessie voorbij"), std::string::npos) << too_early;

  // A cancelled registration gets nothing, even when it attended everything.
  db.transact([&](soci::session& sql) {
    auto r = *TrainingStore::find_registration(sql, f.registration);
    r.state = "cancelled";
    TrainingStore::update_state(sql, r, now_time);
    sql << "UPDATE training_attendance SET present = 1";
  });
  expect_refused(service.issue_or_get(f.registration, someone), Failure::conflict);
  expect_refused(service.issue_or_get(999'999, someone), Failure::not_found);

  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM training_certificates"), 0);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'certificate%'"), 0);
}

TYPED_TEST(Certificates, RuleMinCountsAttendedSessionsAndHoursOfThoseOnly) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "minstens", "min", 2);
  attend(db, f.registration, f.sessions[0]);
  CertificateService service(db, clock);
  const auto one = expect_refused(service.issue_or_get(f.registration, someone), Failure::conflict);
  EXPECT_NE(one.find("minstens 2 sessies"), std::string::npos) << one;

  attend(db, f.registration, f.sessions[2]);
  auto two = service.issue_or_get(f.registration, someone);
  ASSERT_TRUE(two);
  EXPECT_EQ(two.value().dates, "3 en 17 maart 2026");
  EXPECT_EQ(two.value().minutes, 270);

  // Attending one more later: the next download has the new facts and replaces the old one.
  attend(db, f.registration, f.sessions[1]);
  auto three = service.issue_or_get(f.registration, someone);
  ASSERT_TRUE(three);
  EXPECT_NE(three.value().code, two.value().code);
  EXPECT_EQ(three.value().dates, "3, 10 en 17 maart 2026");
  auto old = service.verify(two.value().code, "192.0.2.9");
  ASSERT_TRUE(old);
  EXPECT_EQ(old.value().status(), "replaced");
}

TYPED_TEST(Certificates, ASessionRegistrationCountsOnlyItsSession) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "per-sessie");
  std::int64_t registration = 0;
  db.transact([&](soci::session& sql) {
    Registration r;
    r.unit = Unit{f.series, f.sessions[2]};
    r.name = "Sessiedeelnemer";
    r.email = "sessie@voorbeeld.be";
    r.state = "registered";
    registration = TrainingStore::insert_registration(sql, r, registered_at);
  });
  attend(db, registration, f.sessions[2]);
  auto c = CertificateService(db, clock).issue_or_get(registration, someone);
  ASSERT_TRUE(c);
  EXPECT_EQ(c.value().dates, "17 maart 2026");
  EXPECT_EQ(c.value().minutes, 90);
}

TYPED_TEST(Certificates, ReissueAndRevokeChangeWhatVerificationSays) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "beheer");
  auto other = make_fixture(db, "andere");
  for (auto s : f.sessions) attend(db, f.registration, s);
  for (auto s : other.sessions) attend(db, other.registration, s);
  CertificateService service(db, clock);
  const Certificate first = service.issue_or_get(f.registration, someone).value();
  const Certificate foreign = service.issue_or_get(other.registration, someone).value();
  const Actor organiser{42, "spoc@voorbeeld.be", "192.0.2.2"};

  // Bad requests: refused, nothing changed.
  expect_refused(service.reissue(f.series, first.id, "   ", organiser), Failure::invalid, "name");
  expect_refused(service.reissue(f.series, first.id, std::string(201, 'a'), organiser),
                 Failure::invalid, "name");
  expect_refused(service.reissue(f.series, first.id, "Zo\xc3", organiser), Failure::invalid,
                 "name");
  expect_refused(service.revoke(f.series, first.id, " \n ", organiser), Failure::invalid, "reason");
  expect_refused(service.revoke(f.series, foreign.id, "Fout", organiser), Failure::not_found);
  expect_refused(service.reissue(f.series, foreign.id, "X", organiser), Failure::not_found);
  expect_refused(service.revoke(f.series, 999'999, "Fout", organiser), Failure::not_found);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM training_certificates"), 2);
  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM training_certificates WHERE revoked_at IS NOT NULL "
                  "OR replaced_by IS NOT NULL"),
            0);

  // A corrected name: a new code; the old one is replaced and no longer valid.
  clock.advance(86400);
  auto corrected = service.reissue(f.series, first.id, " Zoë Brûlé-Çelik ", organiser);
  ASSERT_TRUE(corrected);
  const Certificate second = corrected.value();
  EXPECT_NE(second.code, first.code);
  EXPECT_EQ(second.name, "Zoë Brûlé-Çelik");
  EXPECT_EQ(second.dates, first.dates);
  EXPECT_EQ(service.verify(first.code, "192.0.2.3").value().status(), "replaced");
  EXPECT_EQ(service.verify(second.code, "192.0.2.3").value().status(), "valid");
  EXPECT_EQ(service.issue_or_get(f.registration, someone).value().code, second.code)
      << "the participant now downloads the corrected one";
  expect_refused(service.reissue(f.series, first.id, "Nog eens", organiser), Failure::conflict);
  expect_refused(service.revoke(f.series, first.id, "Fout", organiser), Failure::conflict);

  // Revoked: verification says so, and the participant cannot download a fresh one.
  auto revoked = service.revoke(f.series, second.id, "Niet aanwezig geweest", organiser);
  ASSERT_TRUE(revoked);
  auto checked = service.verify(second.code, "192.0.2.3").value();
  EXPECT_EQ(checked.status(), "revoked");
  EXPECT_EQ(checked.revoked_at, now_time + 86400);
  expect_refused(service.revoke(f.series, second.id, "Nog eens", organiser), Failure::conflict);
  expect_refused(service.issue_or_get(f.registration, someone), Failure::conflict);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM training_certificates"), 3);

  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_reissued' AND "
                  "actor_id = 42"),
            1);
  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate_revoked' AND "
                  "actor_id = 42"),
            1);
  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%aanwezig%' OR detail "
                  "LIKE '%Zo%'"),
            0)
      << "neither reasons nor names in the audit log";
}

TYPED_TEST(Certificates, VerificationFindsRealCodesAndLimitsGuessing) {
  ManualClock clock(now_time);
  auto& db = this->db();
  auto f = make_fixture(db, "nagaan");
  for (auto s : f.sessions) attend(db, f.registration, s);
  CertificateService service(db, clock);
  const Certificate c = service.issue_or_get(f.registration, someone).value();

  std::string typed = c.code;
  std::erase(typed, '-');
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto found = service.verify(typed, "192.0.2.5");
  ASSERT_TRUE(found);
  EXPECT_EQ(found.value().id, c.id);

  // A forged code of the right shape, and garbage.
  std::string forged = c.code;
  forged.back() = forged.back() == 'Z' ? 'Y' : 'Z';
  for (const std::string& bad : {forged, std::string("SCH-AAAA-BBBB-CCCC"), std::string("x"),
                                 std::string(5000, 'A'), std::string("' OR 1=1 --")}) {
    expect_refused(service.verify(bad, "192.0.2.5"), Failure::not_found);
  }
  // Guessing runs into the limit; real codes did not count towards it.
  for (int i = 0; i < 25; ++i) (void)service.verify("SCH-AAAA-BBBB-CCCC", "192.0.2.5");
  expect_refused(service.verify(c.code, "192.0.2.5"), Failure::busy);
  EXPECT_TRUE(service.verify(c.code, "192.0.2.6")) << "another address is not limited";
  clock.advance(601);
  EXPECT_TRUE(service.verify(c.code, "192.0.2.5")) << "the limit runs out";
}

// ---------------------------------------------------------------- over HTTP

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

// The demo professional's registration for a series of Gent ("attestreeks")
// that they attended completely, and a guest who missed a session.
struct Site {
  Fixture f;
  std::int64_t guest = 0;
};

Site make_site(TestServer& server) {
  auto& db = server.db();
  Site site;
  site.f = make_fixture(db, "attestreeks");
  const auto pro = schakel::testing::user_id(db, "professional@demo.schakel.be");
  db.transact([&](soci::session& sql) {
    long long user = pro, id = site.f.registration, series = site.f.series;
    sql << "UPDATE training_registrations SET user_id = :u WHERE id = :id", soci::use(user),
        soci::use(id);
    sql << "UPDATE training_series SET owner_nis_code = '44021' WHERE id = :s", soci::use(series);
    Registration r;
    r.unit.series_id = site.f.series;
    r.name = "Gast Janssens";
    r.email = "gast@voorbeeld.be";
    r.state = "registered";
    site.guest = TrainingStore::insert_registration(sql, r, registered_at);
  });
  for (auto s : site.f.sessions) attend(db, site.f.registration, s);
  attend(db, site.guest, site.f.sessions[0]);
  return site;
}

std::string code_in(const std::string& text) {
  static const std::regex code("SCH-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}");
  std::smatch m;
  return std::regex_search(text, m, code) ? m[0].str() : "";
}

TEST(CertificateRoutes, AParticipantDownloadsTheSamePdfTwice) {
  Config config;
  TestServer server(store::Backend::sqlite, config, true);
  auto site = make_site(server);
  const auto cookie = session_cookie(server, "professional@demo.schakel.be");

  auto anonymous = http_get(server.port(), "/vorming/attestreeks/attest");
  EXPECT_EQ(anonymous.status, 303);
  auto reply = http_get(server.port(), "/vorming/attestreeks/attest", cookie);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/pdf");
  EXPECT_EQ(reply.header("Content-Disposition"), "attachment; filename=\"attest-attestreeks.pdf\"");
  EXPECT_NE(reply.header("Cache-Control").find("no-store"), std::string::npos);
  const std::string text = pdf_text(reply.body);
  EXPECT_NE(text.find("Zoë Brûlé"), std::string::npos) << text;
  EXPECT_NE(text.find("Kindermishandeling: het gesprek"), std::string::npos) << text;
  const std::string code = code_in(text);
  ASSERT_FALSE(code.empty()) << text;
  EXPECT_NE(text.find(server.app().base_url() + "/attest/" + code), std::string::npos) << text;

  auto again = http_get(server.port(), "/vorming/attestreeks/attest", cookie);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(code_in(pdf_text(again.body)), code);
  EXPECT_EQ(count(server.db(), "SELECT COUNT(*) FROM training_certificates"), 1);

  // Someone without a registration for the series, and an unknown series.
  const auto other = session_cookie(server, "spoc.aalst@demo.schakel.be");
  EXPECT_EQ(http_get(server.port(), "/vorming/attestreeks/attest", other).status, 404);
  EXPECT_EQ(http_get(server.port(), "/vorming/bestaat-niet/attest", cookie).status, 404);
}

TEST(CertificateRoutes, AGuestDownloadsByTheSignedLinkOnly) {
  Config config;
  TestServer server(store::Backend::sqlite, config, true);
  auto site = make_site(server);
  // The guest missed two sessions: refused with the reason, nothing issued.
  const std::string guest_link = certificate_link(server.app(), site.guest);
  ASSERT_TRUE(guest_link.starts_with(server.app().base_url() + "/vorming/attest?token="));
  auto refused = http_get(server.port(), schakel::testing::path_of(guest_link));
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("1 van de 3 sessies"), std::string::npos) << refused.body;
  EXPECT_EQ(count(server.db(), "SELECT COUNT(*) FROM training_certificates"), 0);

  const std::string path =
      schakel::testing::path_of(certificate_link(server.app(), site.f.registration));
  // Tampered: another registration's id under the same signature, a changed
  // signature, another purpose, no token at all.
  std::string other_subject = path;
  other_subject.replace(other_subject.find("token=") + 6,
                        std::to_string(site.f.registration).size(), std::to_string(site.guest));
  std::string changed_mac = path;
  changed_mac.back() = changed_mac.back() == 'a' ? 'b' : 'a';
  const std::string other_purpose =
      "/vorming/attest?token=" + sign_token(store::signing_key(server.db()), "checkin",
                                            std::to_string(site.f.registration), now_time + 3600);
  for (const std::string& bad :
       {other_subject, changed_mac, other_purpose, std::string("/vorming/attest"),
        std::string("/vorming/attest?token=") + std::string(3000, 'x')}) {
    auto reply = http_get(server.port(), bad);
    EXPECT_EQ(reply.status, 403) << bad;
    EXPECT_NE(reply.body.find("klopt niet of is verlopen"), std::string::npos);
  }
  EXPECT_EQ(count(server.db(), "SELECT COUNT(*) FROM training_certificates"), 0);

  auto reply = http_get(server.port(), path);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "application/pdf");
  EXPECT_NE(pdf_text(reply.body).find("Zoë Brûlé"), std::string::npos);

  // The link runs out after 180 days.
  server.clock().advance(181 * 86400);
  EXPECT_EQ(http_get(server.port(), path).status, 403);
}

TEST(CertificateRoutes, TheVerificationPageConfirmsRealCodesOnly) {
  Config config;
  TestServer server(store::Backend::sqlite, config, true);
  auto site = make_site(server);
  CertificateService service(server.db(), server.clock());
  const Certificate c = service.issue_or_get(site.f.registration, someone).value();

  auto form = http_get(server.port(), "/attest");
  EXPECT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"code\""), std::string::npos);

  auto real = http_get(server.port(), "/attest/" + c.code);
  ASSERT_EQ(real.status, 200);
  EXPECT_NE(real.body.find("Dit attest is echt"), std::string::npos);
  EXPECT_NE(real.body.find("Zoë Brûlé"), std::string::npos);
  EXPECT_NE(real.body.find("Kindermishandeling: het gesprek"), std::string::npos);
  EXPECT_NE(real.body.find("3, 10 en 17 maart 2026"), std::string::npos);
  EXPECT_NE(real.body.find("7,5 uur"), std::string::npos);
  EXPECT_NE(real.body.find("Stad Gent"), std::string::npos);
  EXPECT_EQ(real.body.find("zoe-attestreeks@voorbeeld.be"), std::string::npos)
      << "nothing more than needed";

  std::string typed = c.code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto lower = http_get(server.port(), "/attest/" + typed);
  EXPECT_EQ(lower.status, 200);
  auto by_form = http_get(server.port(), "/attest?code=" + typed.substr(4));
  EXPECT_EQ(by_form.status, 303);
  EXPECT_EQ(by_form.header("Location"), "/attest/" + c.code);

  std::string forged = c.code;
  forged.back() = forged.back() == 'Z' ? 'Y' : 'Z';
  for (const std::string& bad : {"/attest/" + forged, std::string("/attest/SCH-AAAA-BBBB-CCCC"),
                                 std::string("/attest/%3Cscript%3Ealert(1)"),
                                 std::string("/attest/") + std::string(2000, 'A')}) {
    auto reply = http_get(server.port(), bad);
    EXPECT_EQ(reply.status, 404) << bad;
    EXPECT_NE(reply.body.find("We vinden geen attest met deze code"), std::string::npos) << bad;
    EXPECT_EQ(reply.body.find("Zoë"), std::string::npos);
    EXPECT_EQ(reply.body.find("<script>alert"), std::string::npos);
  }
  // Not UTF-8: the server refuses the path itself.
  auto not_utf8 = http_get(server.port(), "/attest/%C3%28");
  EXPECT_EQ(not_utf8.status, 400);
  EXPECT_EQ(not_utf8.body.find("Zoë"), std::string::npos);
  auto garbage = http_get(server.port(), "/attest?code=%3Cb%3Egeen%20code");
  EXPECT_EQ(garbage.status, 422);
  EXPECT_NE(garbage.body.find("SCH-XXXX-XXXX-XXXX"), std::string::npos);
  EXPECT_EQ(garbage.body.find("<b>geen"), std::string::npos) << "escaped";
}

TEST(CertificateRoutes, TheOrganiserReissuesAndRevokesAndBadFormsChangeNothing) {
  Config config;
  TestServer server(store::Backend::sqlite, config, true);
  auto site = make_site(server);
  auto& db = server.db();
  CertificateService service(db, server.clock());
  const Certificate c = service.issue_or_get(site.f.registration, someone).value();
  // A certificate of another series of Gent, not reachable through this one.
  auto other = make_fixture(db, "anderereeks");
  for (auto s : other.sessions) attend(db, other.registration, s);
  const Certificate foreign = service.issue_or_get(other.registration, someone).value();

  std::string csrf;
  const auto spoc = session_cookie(server, "spoc.gent@demo.schakel.be", &csrf);
  auto page = http_get(server.port(), "/vorming/attestreeks/attesten", spoc);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Zoë Brûlé"), std::string::npos);
  EXPECT_NE(page.body.find("Gast Janssens"), std::string::npos);
  EXPECT_NE(page.body.find("1 van 3 voorbije sessies"), std::string::npos);
  EXPECT_NE(page.body.find("<td>Nee</td>"), std::string::npos) << "the guest is not eligible";
  EXPECT_NE(page.body.find(c.code), std::string::npos);
  EXPECT_EQ(page.body.find(foreign.code), std::string::npos);
  const auto aalst = session_cookie(server, "spoc.aalst@demo.schakel.be");
  EXPECT_EQ(http_get(server.port(), "/vorming/attestreeks/attesten", aalst).status, 403);

  const std::string base = "/vorming/attestreeks/attesten/";
  const std::string id = std::to_string(c.id);
  auto post = [&](const std::string& path, const std::string& body) {
    return http_post(server.port(), path, "_csrf=" + csrf + "&" + body,
                     "application/x-www-form-urlencoded", spoc);
  };
  // Revoking goes through the confirmation page (issue 10): its form says bevestigd=ja.
  auto empty_reason = post(base + id + "/intrekken", "bevestigd=ja&reason=+++");
  EXPECT_EQ(empty_reason.status, 422);
  EXPECT_NE(empty_reason.body.find("Schrijf waarom je het attest intrekt"), std::string::npos);
  EXPECT_NE(empty_reason.body.find("aria-describedby=\"reason-fout\""), std::string::npos);
  EXPECT_NE(empty_reason.body.find("href=\"#reason\""), std::string::npos);
  auto empty_name = post(base + id + "/heruitgeven", "name=");
  EXPECT_EQ(empty_name.status, 422);
  EXPECT_NE(empty_name.body.find("Vul de naam in"), std::string::npos);
  EXPECT_EQ(post(base + "999999/intrekken", "reason=Fout").status, 404);
  EXPECT_EQ(post(base + "abc/heruitgeven", "name=X").status, 404);
  EXPECT_EQ(post(base + std::to_string(foreign.id) + "/intrekken", "reason=Fout").status, 404);
  EXPECT_EQ(post(base + std::to_string(foreign.id) + "/heruitgeven", "name=X").status, 404);
  EXPECT_EQ(http_post(server.port(), base + id + "/intrekken", "_csrf=" + csrf + "&reason=Fout",
                      "application/x-www-form-urlencoded", aalst)
                .status,
            403);
  EXPECT_EQ(count(db,
                  "SELECT COUNT(*) FROM training_certificates WHERE revoked_at IS NOT NULL OR "
                  "replaced_by IS NOT NULL"),
            0);
  EXPECT_EQ(count(db, "SELECT COUNT(*) FROM training_certificates"), 2);

  // A corrected name: the old code says "replaced", the new one is genuine.
  auto reissued = post(base + id + "/heruitgeven", "name=Zo%C3%AB+Br%C3%BBl%C3%A9-%C3%87elik");
  ASSERT_EQ(reissued.status, 303);
  auto old_page = http_get(server.port(), "/attest/" + c.code);
  EXPECT_EQ(old_page.status, 200);
  EXPECT_NE(old_page.body.find("Dit attest is vervangen"), std::string::npos);
  EXPECT_EQ(old_page.body.find("Dit attest is echt"), std::string::npos);
  const auto now_page = http_get(server.port(), "/vorming/attestreeks/attesten", spoc);
  const Certificate newer = service.issue_or_get(site.f.registration, someone).value();
  EXPECT_NE(newer.code, c.code);
  EXPECT_NE(now_page.body.find(newer.code), std::string::npos);
  auto new_page = http_get(server.port(), "/attest/" + newer.code);
  EXPECT_NE(new_page.body.find("Dit attest is echt"), std::string::npos);
  EXPECT_NE(new_page.body.find("Zoë Brûlé-Çelik"), std::string::npos);

  // Revoked: the verification page says so, and the participant gets a 409.
  auto revoked =
      post(base + std::to_string(newer.id) + "/intrekken", "bevestigd=ja&reason=Dubbel+uitgereikt");
  ASSERT_EQ(revoked.status, 303);
  auto revoked_page = http_get(server.port(), "/attest/" + newer.code);
  EXPECT_NE(revoked_page.body.find("Dit attest is ingetrokken"), std::string::npos);
  EXPECT_NE(revoked_page.body.find("28 mei 2026"), std::string::npos) << "when";
  EXPECT_EQ(revoked_page.body.find("Dubbel"), std::string::npos) << "not why";
  const auto pro = session_cookie(server, "professional@demo.schakel.be");
  EXPECT_EQ(http_get(server.port(), "/vorming/attestreeks/attest", pro).status, 409);
}

}  // namespace
}  // namespace schakel::trainings
