// Attendance rules on SQLite and PostgreSQL: only participants of a session can
// be marked, QR check-in by account or address (idempotent), and the report
// figures (no-shows, per municipality, per sector) on a fixed data set.
#include "trainings/attendance_service.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trainings/attendance_test_fixture.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class Attendance : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    f = make_attendance_fixture(this->db(), clock.now());
  }
  int marks() {
    int n = 0;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM training_attendance", soci::into(n);
    });
    return n;
  }
  ManualClock clock{1'780'000'000};
  AttendanceFixture f;
};
TYPED_TEST_SUITE(Attendance, Backends, BackendNames);

TYPED_TEST(Attendance, ParticipantsAreTheRegisteredOfTheSessionOrTheWholeSeries) {
  AttendanceService service(this->db(), this->clock);
  auto list = service.session_list(this->f.series, this->f.future);
  ASSERT_TRUE(list);
  std::vector<std::string> names;
  for (const auto& row : list.value().rows) names.push_back(row.registration.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Ann Peeters", "Bert Maes", "Chris Wouters"}))
      << "cancelled and waitlisted registrations are not on the list";
  EXPECT_EQ(list.value().rows.front().municipality, "Gent");
  EXPECT_EQ(list.value().present, 1);

  auto per_session = service.session_list(this->f.other_series, this->f.other_first);
  ASSERT_TRUE(per_session);
  ASSERT_EQ(per_session.value().rows.size(), 1u);
  EXPECT_EQ(per_session.value().rows.front().registration.id, this->f.fay);
  EXPECT_TRUE(
      service.session_list(this->f.other_series, this->f.other_second).value().rows.empty());
  EXPECT_FALSE(service.session_list(this->f.series, this->f.other_first))
      << "a session of another series is not found";
}

TYPED_TEST(Attendance, MarksParticipantsAndRefusesAnyoneElseChangingNothing) {
  AttendanceService service(this->db(), this->clock);
  const int before = this->marks();
  auto marked =
      service.mark(this->f.series, this->f.future, {{this->f.bert, true}}, this->f.bert_user);
  ASSERT_TRUE(marked) << marked.error().fields.front().message;
  EXPECT_EQ(marked.value().present, 2);
  EXPECT_EQ(this->marks(), before + 1);
  this->db().run([&](soci::session& sql) {
    auto mark = AttendanceStore::find(sql, this->f.future, this->f.bert);
    ASSERT_TRUE(mark);
    EXPECT_TRUE(mark->present);
    EXPECT_EQ(mark->method, "list");
    EXPECT_EQ(mark->marked_by, std::optional<std::int64_t>(this->f.bert_user));
  });
  // Marking absent replaces the mark.
  ASSERT_TRUE(service.mark(this->f.series, this->f.future, {{this->f.bert, false}}, std::nullopt));
  EXPECT_EQ(this->marks(), before + 1);

  // Not participants: another series' registration, another session's, a
  // cancelled and a waitlisted registration, an unknown id. All or nothing.
  for (std::int64_t stranger :
       {this->f.fay, this->f.dirk_cancelled, this->f.eva_waitlisted, std::int64_t{999999}}) {
    auto refused = service.mark(this->f.series, this->f.future,
                                {{this->f.ann, false}, {stranger, true}}, this->f.bert_user);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().failure, Failure::invalid);
    EXPECT_EQ(refused.error().fields.front().field, "registration");
  }
  auto other_session = service.mark(this->f.other_series, this->f.other_second,
                                    {{this->f.fay, true}}, this->f.bert_user);
  ASSERT_FALSE(other_session) << "registered for the first session only";
  EXPECT_EQ(this->marks(), before + 1);
  this->db().run([&](soci::session& sql) {
    EXPECT_TRUE(AttendanceStore::find(sql, this->f.future, this->f.ann)->present)
        << "the valid mark in a refused batch was not written";
  });

  auto cancelled =
      service.mark(this->f.series, this->f.cancelled, {{this->f.ann, true}}, this->f.bert_user);
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().failure, Failure::conflict);
  auto wrong_series =
      service.mark(this->f.other_series, this->f.future, {{this->f.ann, true}}, this->f.bert_user);
  ASSERT_FALSE(wrong_series);
  EXPECT_EQ(wrong_series.error().failure, Failure::not_found);
  EXPECT_EQ(this->marks(), before + 1);
}

TYPED_TEST(Attendance, ChecksInByAccountOrAddressOnceAndRefusesStrangers) {
  AttendanceService service(this->db(), this->clock);
  // Bert has an account (user id on the registration); any address is ignored then.
  auto by_account = service.check_in(this->f.future, this->f.bert_user, "iemand@anders.be");
  ASSERT_TRUE(by_account) << by_account.error().fields.front().message;
  EXPECT_EQ(by_account.value().registration.id, this->f.bert);
  EXPECT_FALSE(by_account.value().already);

  auto by_address = service.check_in(this->f.future, std::nullopt, " CHRIS@voorbeeld.BE ");
  ASSERT_TRUE(by_address);
  EXPECT_EQ(by_address.value().registration.id, this->f.chris);
  auto again = service.check_in(this->f.future, std::nullopt, "chris@voorbeeld.be");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again.value().already);
  this->db().run([&](soci::session& sql) {
    auto mark = AttendanceStore::find(sql, this->f.future, this->f.chris);
    ASSERT_TRUE(mark);
    EXPECT_TRUE(mark->present);
    EXPECT_EQ(mark->method, "qr");
  });

  const int before = this->marks();
  for (const std::string email : {"onbekend@voorbeeld.be", "dirk@voorbeeld.be" /* cancelled */,
                                  "eva@voorbeeld.be", "fay@voorbeeld.be" /* other series */, ""}) {
    auto refused = service.check_in(this->f.future, std::nullopt, email);
    ASSERT_FALSE(refused) << email;
    EXPECT_EQ(refused.error().failure, Failure::invalid);
    EXPECT_EQ(refused.error().fields.front().field, "email");
  }
  EXPECT_FALSE(service.check_in(this->f.cancelled, std::nullopt, "ann@voorbeeld.be"));
  EXPECT_FALSE(service.check_in(999999, std::nullopt, "ann@voorbeeld.be"));
  EXPECT_EQ(this->marks(), before);
}

TYPED_TEST(Attendance, ReportCountsNoShowsPerMunicipalityAndSector) {
  AttendanceService service(this->db(), this->clock);
  auto reports = service.reports({this->f.series, 999999});
  ASSERT_EQ(reports.size(), 1u);
  const auto& r = reports.front();
  ASSERT_EQ(r.sessions.size(), 4u);
  ASSERT_EQ(r.rows.size(), 3u);
  // Sessions by start: first (ended), second (ended), cancelled (ended), future.
  using C = Cell;
  EXPECT_EQ(r.rows[0].name, "Ann Peeters");
  EXPECT_EQ(r.rows[0].cells, (std::vector<Cell>{C::present, C::present, C::cancelled, C::present}));
  EXPECT_EQ(r.rows[0].attended, 3);
  EXPECT_EQ(r.rows[1].name, "Bert Maes");
  EXPECT_EQ(r.rows[1].cells, (std::vector<Cell>{C::present, C::absent, C::cancelled, C::pending}));
  EXPECT_EQ(r.rows[2].name, "Chris Wouters");
  EXPECT_EQ(r.rows[2].cells, (std::vector<Cell>{C::absent, C::absent, C::cancelled, C::pending}));
  EXPECT_EQ(r.rows[2].municipality, "Aalst");
  EXPECT_EQ(r.rows[2].sector, "Onderwijs");

  ASSERT_EQ(r.no_shows.size(), 3u);
  EXPECT_EQ(r.no_shows[0].name, "Chris Wouters");
  EXPECT_EQ(r.no_shows[0].session.id, this->f.first);
  EXPECT_EQ(r.no_shows[1].name, "Bert Maes");
  EXPECT_EQ(r.no_shows[1].session.id, this->f.second);
  EXPECT_EQ(r.no_shows[2].name, "Chris Wouters");
  EXPECT_EQ(r.no_shows[2].session.id, this->f.second);

  ASSERT_EQ(r.by_municipality.size(), 2u);
  EXPECT_EQ(r.by_municipality[0].label, "Aalst");
  EXPECT_EQ(r.by_municipality[0].registered, 1);
  EXPECT_EQ(r.by_municipality[0].attended, 0);
  EXPECT_EQ(r.by_municipality[0].no_shows, 2);
  EXPECT_EQ(r.by_municipality[1].label, "Gent");
  EXPECT_EQ(r.by_municipality[1].registered, 2);
  EXPECT_EQ(r.by_municipality[1].attended, 2);
  EXPECT_EQ(r.by_municipality[1].no_shows, 1);

  ASSERT_EQ(r.by_sector.size(), 2u);
  EXPECT_EQ(r.by_sector[0].label, "Onderwijs");  // Ann and Chris
  EXPECT_EQ(r.by_sector[0].registered, 2);
  EXPECT_EQ(r.by_sector[0].attended, 1);
  EXPECT_EQ(r.by_sector[0].no_shows, 2);
  EXPECT_EQ(r.by_sector[1].label, "Welzijn");  // Bert
  EXPECT_EQ(r.by_sector[1].registered, 1);
  EXPECT_EQ(r.by_sector[1].attended, 1);
  EXPECT_EQ(r.by_sector[1].no_shows, 1);

  // A person registered per session counts once, with a dash where not registered.
  auto other = service.reports({this->f.other_series});
  ASSERT_EQ(other.front().rows.size(), 1u);
  EXPECT_EQ(other.front().rows[0].cells, (std::vector<Cell>{C::pending, C::not_registered}));
  EXPECT_EQ(other.front().by_municipality.front().label, "Niet opgegeven");

  // Across series the totals add up per municipality and per sector.
  const auto both = service.reports({this->f.series, this->f.other_series});
  const auto places = add_up(both, &SeriesReport::by_municipality);
  ASSERT_EQ(places.size(), 3u);
  EXPECT_EQ(places[1].label, "Gent");
  EXPECT_EQ(places[1].registered, 2);
  EXPECT_EQ(places[2].label, "Niet opgegeven");
  EXPECT_EQ(places[2].registered, 1);
  const auto sectors = add_up(both, &SeriesReport::by_sector);
  ASSERT_EQ(sectors.size(), 3u);
  EXPECT_EQ(sectors[0].label, "Niet opgegeven");
  EXPECT_EQ(sectors[1].label, "Onderwijs");
  EXPECT_EQ(sectors[1].no_shows, 2);
}

TYPED_TEST(Attendance, ExportTablesHoldRegistrationsAnswersAndAttendance) {
  AttendanceService service(this->db(), this->clock);
  auto registrations = service.registrations_table(this->f.series);
  ASSERT_EQ(registrations.header.size(), 9u);
  EXPECT_EQ(registrations.header.back(), "Dieetwensen");
  ASSERT_EQ(registrations.rows.size(), 5u) << "every state, also cancelled and waitlisted";
  bool found_answer = false, found_queue = false;
  for (const auto& row : registrations.rows) {
    if (std::get<std::string>(row[0]) == "Ann Peeters") {
      EXPECT_EQ(std::get<std::string>(row[2]), "Gent");
      EXPECT_EQ(std::get<std::string>(row[3]), "Onderwijs");
      EXPECT_EQ(std::get<std::string>(row[4]), "Hele reeks");
      EXPECT_EQ(std::get<std::string>(row[5]), "ingeschreven");
      found_answer = std::get<std::string>(row[8]) == "Vegetarisch";
    }
    if (std::get<std::string>(row[0]) == "Eva Claes") {
      EXPECT_EQ(std::get<std::string>(row[5]), "wachtlijst");
      found_queue = std::get<double>(row[6]) == 1.0;
    }
  }
  EXPECT_TRUE(found_answer);
  EXPECT_TRUE(found_queue);

  // After the answers are deleted, the export no longer has their column.
  this->db().transact([&](soci::session& sql) {
    TrainingStore::mark_answers_deleted(sql, this->f.series, this->clock.now());
  });
  EXPECT_EQ(service.registrations_table(this->f.series).header.size(), 8u);

  auto attendance = service.attendance_table(this->f.series);
  ASSERT_EQ(attendance.header.size(), 4u + 4u + 1u);
  ASSERT_EQ(attendance.rows.size(), 4u) << "three people and a totals row";
  EXPECT_EQ(std::get<std::string>(attendance.rows[0][4]), "aanwezig");
  EXPECT_EQ(std::get<double>(attendance.rows[0][8]), 3.0);
  EXPECT_EQ(std::get<std::string>(attendance.rows[2][4]), "afwezig");
  EXPECT_EQ(std::get<std::string>(attendance.rows[3][0]), "Totaal aanwezig");
  EXPECT_EQ(std::get<double>(attendance.rows[3][4]), 2.0);  // first session: Ann and Bert
  EXPECT_EQ(std::get<double>(attendance.rows[3][8]), 4.0);  // 3 + 1 + 0
}

}  // namespace
}  // namespace schakel::trainings
