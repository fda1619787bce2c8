// Registering for a series that is partly over (issue 10), on SQLite and
// PostgreSQL with a fixed clock: registration closes when the first session
// starts unless the organiser allows late joining; a late joiner is measured
// (attendance, no-shows, certificate) only on the sessions after registering;
// several sessions in one registration; the participant corrects the name on
// the certificate before it is issued.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trainings/attendance_service.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

constexpr std::int64_t t0 = 1'780'000'000;
constexpr std::int64_t day = 86400;

struct FourSessions {
  Series series;
  std::vector<Session> sessions;  // at t0 + 1, 2, 3 and 10 days, 3 hours each
};

// A published series (registration per series) of four sessions with 4 places
// each, created at t0.
FourSessions four_sessions(store::Database& db, bool late_join, const std::string& rule = "all",
                           int min_sessions = 0, const std::string& unit = "series") {
  FourSessions out;
  db.transact([&](soci::session& sql) {
    Series s;
    s.slug = std::string("laat-") + (late_join ? "ja" : "nee") + "-" + rule + "-" + unit;
    s.title = "Vier sessies (test)";
    s.status = "published";
    s.registration_unit = unit;
    s.late_join = late_join;
    s.certificate_rule = rule;
    s.certificate_min_sessions = min_sessions;
    s.id = TrainingStore::insert_series(sql, s, t0);
    out.series = s;
    for (int d : {1, 2, 3, 10}) {
      Session x;
      x.series_id = s.id;
      x.starts_at = t0 + d * day;
      x.ends_at = x.starts_at + 3 * 3600;
      x.capacity = 4;
      x.id = TrainingStore::insert_session(sql, x, t0);
      out.sessions.push_back(x);
    }
  });
  return out;
}

Person person(const std::string& name) {
  return Person{std::nullopt, name, name + "@voorbeeld.be"};
}

template <class B>
class LateJoin : public BackendTest<B> {};
TYPED_TEST_SUITE(LateJoin, Backends, BackendNames);

TYPED_TEST(LateJoin, RegistrationClosesWhenTheFirstSessionStarts) {
  auto& db = this->db();
  ManualClock clock(t0);
  auto f = four_sessions(db, false);
  RegistrationService service(db, clock);
  EXPECT_EQ(RegistrationService::closed_reason(f.series, f.sessions, clock.now()), "");
  ASSERT_TRUE(service.register_person(Unit{f.series.id, std::nullopt}, person("vroeg")));

  // Three of the four sessions are past: closed, and nothing is stored.
  clock.advance(3 * day + 3600);
  EXPECT_EQ(RegistrationService::closed_reason(f.series, f.sessions, clock.now()),
            "De inschrijvingen zijn afgesloten: de reeks is al begonnen.");
  auto late = service.register_person(Unit{f.series.id, std::nullopt}, person("laat"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().failure, Failure::invalid);
  EXPECT_EQ(late.error().fields.front().field, "deadline");
  // Even one second after the start of the first session.
  ManualClock at_start(t0 + day + 1);
  RegistrationService at_start_service(db, at_start);
  EXPECT_FALSE(at_start_service.register_person(Unit{f.series.id, std::nullopt}, person("net")));
  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::of_series(sql, f.series.id).size(), 1u);
  });
}

TYPED_TEST(LateJoin, ThePassedDeadlineIsTheReasonEvenWithoutPlannedSessions) {
  auto& db = this->db();
  ManualClock clock(t0);
  auto f = four_sessions(db, false);
  db.transact([&](soci::session& sql) {
    long long id = f.series.id, deadline = t0 + 3600;
    sql << "UPDATE training_series SET registration_deadline = :d WHERE id = :id",
        soci::use(deadline), soci::use(id);
    sql << "UPDATE training_sessions SET status = 'cancelled' WHERE series_id = :id", soci::use(id);
  });
  clock.advance(2 * 3600);
  RegistrationService service(db, clock);
  auto late = service.register_person(Unit{f.series.id, std::nullopt}, person("laat"));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().failure, Failure::invalid);
  ASSERT_FALSE(late.error().fields.empty());
  EXPECT_EQ(late.error().fields.front().field, "deadline");
  EXPECT_EQ(late.error().fields.front().message, "De inschrijvingen zijn afgesloten.");
}

TYPED_TEST(LateJoin, ACachedSeriesPageClosesRegistrationWhenTheFirstSessionStarts) {
  schakel::testing::TestServer server(TypeParam::backend);  // its clock starts at t0
  auto f = four_sessions(server.db(), false);
  const std::string page = "/vorming/" + f.series.slug;
  const std::string open_link = "/vorming/" + f.series.slug + "/inschrijven";
  auto first = schakel::testing::http_get(server.port(), page);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find(open_link), std::string::npos);
  auto calendar = schakel::testing::http_get(server.port(), "/vorming");
  EXPECT_EQ(calendar.body.find("Inschrijvingen afgesloten"), std::string::npos);
  // Both pages are now cached; no data changes, only the clock.
  server.clock().advance(day + 1);
  auto later = schakel::testing::http_get(server.port(), page);
  ASSERT_EQ(later.status, 200);
  EXPECT_EQ(later.body.find(open_link), std::string::npos);
  EXPECT_NE(later.body.find("de reeks is al begonnen"), std::string::npos);
  EXPECT_NE(
      schakel::testing::http_get(server.port(), "/vorming").body.find("Inschrijvingen afgesloten"),
      std::string::npos);
}

TYPED_TEST(LateJoin, ALateJoinerCountsOnlyTheSessionsAfterRegistering) {
  auto& db = this->db();
  ManualClock clock(t0);
  auto f = four_sessions(db, true);
  RegistrationService service(db, clock);
  const Unit unit{f.series.id, std::nullopt};
  auto early = service.register_person(unit, person("vroeg")).value();

  // Three sessions are past; late joining is allowed.
  clock.advance(3 * day + 3600);
  EXPECT_EQ(RegistrationService::closed_reason(f.series, f.sessions, clock.now()), "");
  auto late = service.register_person(unit, person("laat"));
  ASSERT_TRUE(late);
  EXPECT_EQ(late.value().state, "registered");
  EXPECT_FALSE(late.value().counts(f.sessions[2]));
  EXPECT_TRUE(late.value().counts(f.sessions[3]));

  // After the last session, with no marks at all.
  clock.advance(8 * day);
  AttendanceService attendance(db, clock);
  auto reports = attendance.reports({f.series.id});
  ASSERT_EQ(reports.size(), 1u);
  const auto& rows = reports.front().rows;
  ASSERT_EQ(rows.size(), 2u);
  const auto& late_row = rows[0].name == "laat" ? rows[0] : rows[1];
  const auto& early_row = rows[0].name == "laat" ? rows[1] : rows[0];
  EXPECT_EQ(late_row.cells, (std::vector<Cell>{Cell::not_registered, Cell::not_registered,
                                               Cell::not_registered, Cell::absent}));
  EXPECT_EQ(early_row.cells,
            (std::vector<Cell>{Cell::absent, Cell::absent, Cell::absent, Cell::absent}));
  int late_no_shows = 0;
  for (const auto& n : reports.front().no_shows)
    if (n.name == "laat") ++late_no_shows;
  EXPECT_EQ(late_no_shows, 1) << "absent only for the session after registering";
  EXPECT_EQ(reports.front().no_shows.size(), 5u);

  // The late joiner is on the list of the last session only.
  auto first_list = attendance.session_list(f.series.id, f.sessions[0].id).value();
  ASSERT_EQ(first_list.rows.size(), 1u);
  EXPECT_EQ(first_list.rows[0].registration.id, early.id);
  EXPECT_EQ(attendance.session_list(f.series.id, f.sessions[3].id).value().rows.size(), 2u);

  // Certificate, rule "all": the late joiner needs the one session left to them.
  std::set<std::int64_t> last_only = {f.sessions[3].id};
  auto e = assess_eligibility(f.series, late.value(), f.sessions, last_only, clock.now());
  EXPECT_EQ(e.planned, 1);
  EXPECT_EQ(e.ended, 1);
  EXPECT_EQ(e.required, 1);
  EXPECT_TRUE(e.eligible);
  auto early_e = assess_eligibility(f.series, early, f.sessions, last_only, clock.now());
  EXPECT_EQ(early_e.required, 4);
  EXPECT_FALSE(early_e.eligible);
  EXPECT_FALSE(assess_eligibility(f.series, late.value(), f.sessions, {}, clock.now()).eligible);
}

TYPED_TEST(LateJoin, AMinimumAboveTheSessionsLeftMeansAllOfThem) {
  auto& db = this->db();
  ManualClock clock(t0 + 2 * day + 3600);  // two sessions past
  auto f = four_sessions(db, true, "min", 3);
  RegistrationService service(db, clock);
  auto late = service.register_person(Unit{f.series.id, std::nullopt}, person("laat")).value();
  clock.advance(9 * day);
  // Two sessions are left to them: at least 3 becomes both of them.
  auto one = assess_eligibility(f.series, late, f.sessions, {f.sessions[3].id}, clock.now());
  EXPECT_EQ(one.required, 2);
  EXPECT_FALSE(one.eligible);
  auto both = assess_eligibility(f.series, late, f.sessions, {f.sessions[2].id, f.sessions[3].id},
                                 clock.now());
  EXPECT_TRUE(both.eligible);
}

TYPED_TEST(LateJoin, NoRegistrationOnceEverySessionBegan) {
  auto& db = this->db();
  ManualClock clock(t0 + 10 * day + 60);
  auto f = four_sessions(db, true);
  RegistrationService service(db, clock);
  EXPECT_EQ(RegistrationService::closed_reason(f.series, f.sessions, clock.now()),
            "Er zijn geen sessies meer gepland.");
  auto r = service.register_person(Unit{f.series.id, std::nullopt}, person("te-laat"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fields.front().field, "deadline");
}

template <class B>
class SeveralSessions : public BackendTest<B> {};
TYPED_TEST_SUITE(SeveralSessions, Backends, BackendNames);

TYPED_TEST(SeveralSessions, OneRegistrationPerSessionWithItsOwnCapacity) {
  auto& db = this->db();
  ManualClock clock(t0);
  auto f = four_sessions(db, false, "all", 0, "session");
  RegistrationService service(db, clock);
  // The last session fills up first.
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(service.register_person(Unit{f.series.id, f.sessions[3].id},
                                        person("vol" + std::to_string(i))));
  auto done = service.register_sessions(
      f.series.id, {f.sessions[0].id, f.sessions[3].id, f.sessions[0].id}, person("anna"));
  ASSERT_TRUE(done);
  ASSERT_EQ(done.value().size(), 2u) << "a repeated session counts once";
  EXPECT_EQ(done.value()[0].unit.session_id, f.sessions[0].id);
  EXPECT_EQ(done.value()[0].state, "registered");
  EXPECT_EQ(done.value()[1].unit.session_id, f.sessions[3].id);
  EXPECT_EQ(done.value()[1].state, "waitlisted") << "full: the waitlist of that session";

  // All or nothing: one session she already has refuses the whole request.
  auto again =
      service.register_sessions(f.series.id, {f.sessions[1].id, f.sessions[0].id}, person("anna"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().failure, Failure::conflict);
  // A session of another series, or one that began, is refused too.
  auto foreign =
      service.register_sessions(f.series.id, {f.sessions[1].id, 999'999}, person("bert"));
  ASSERT_FALSE(foreign);
  clock.advance(day + 60);
  auto begun =
      service.register_sessions(f.series.id, {f.sessions[0].id, f.sessions[1].id}, person("chris"));
  ASSERT_FALSE(begun);
  EXPECT_EQ(begun.error().fields.front().field, "session");
  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::of_unit(sql, Unit{f.series.id, f.sessions[1].id}).size(), 0u);
    EXPECT_EQ(TrainingStore::of_series(sql, f.series.id).size(), 6u);
  });
}

template <class B>
class CertificateName : public BackendTest<B> {};
TYPED_TEST_SUITE(CertificateName, Backends, BackendNames);

TYPED_TEST(CertificateName, TheParticipantCorrectsItUntilTheCertificateIsIssued) {
  auto& db = this->db();
  ManualClock clock(t0);
  auto f = four_sessions(db, false);
  RegistrationService service(db, clock);
  auto r = service
               .register_person(Unit{f.series.id, std::nullopt},
                                Person{std::nullopt, "ann peeters", "ann@voorbeeld.be"})
               .value();
  CertificateService certificates(db, clock);
  Actor actor{std::nullopt, "", "127.0.0.1"};

  // Also what the registration form refuses of a guest: a link, an address or
  // a phone number would reach later mails.
  for (const std::string& bad :
       {std::string("   "), std::string(201, 'a'), std::string("Ann\x01"), std::string("Ann \xff"),
        std::string("Ann www.voorbeeld.be"), std::string("Ann ann@voorbeeld.be"),
        std::string("Ann 0470 12 34 56")}) {
    auto refused = certificates.correct_name(r.id, bad, actor);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().failure, Failure::invalid);
    EXPECT_EQ(refused.error().fields.front().field, "name");
  }
  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::find_registration(sql, r.id)->name, r.name);
  });
  auto corrected = certificates.correct_name(r.id, "  Ann Peeters-Janssens ", actor);
  ASSERT_TRUE(corrected);
  EXPECT_EQ(corrected.value().name, "Ann Peeters-Janssens");

  // Attended all four: the certificate carries the corrected name.
  db.transact([&](soci::session& sql) {
    for (const auto& s : f.sessions) {
      long long session = s.id, reg = r.id, at = s.ends_at;
      sql << "INSERT INTO training_attendance (session_id, registration_id, present, method, "
             "marked_at) VALUES (:s, :r, 1, 'list', :m)",
          soci::use(session), soci::use(reg), soci::use(at);
    }
  });
  clock.advance(11 * day);
  auto c = certificates.issue_or_get(r.id, actor);
  ASSERT_TRUE(c);
  EXPECT_EQ(c.value().name, "Ann Peeters-Janssens");
  EXPECT_TRUE(certificates.issued(r.id));
  // Issued: only the organiser can change it now.
  auto after = certificates.correct_name(r.id, "Iemand Anders", actor);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().failure, Failure::conflict);
  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::find_registration(sql, r.id)->name, "Ann Peeters-Janssens");
  });
}

}  // namespace
}  // namespace schakel::trainings
