// Registration, capacity and the waitlist, on SQLite and PostgreSQL, including
// 200 people registering at once for 20 places (on two "nodes": two connection
// pools on one PostgreSQL database).
#include "trainings/service.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "test_support.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

constexpr std::int64_t start_time = 1'780'000'000;

// A published series with one session of `places`, registration per series.
Unit make_series(store::Database& db, int places, const std::string& unit = "series") {
  Unit u;
  db.transact([&](soci::session& sql) {
    Series s;
    s.slug = "reeks-" + std::to_string(places) + unit;
    s.title = "Partnergeweld herkennen (demo)";
    s.status = "published";
    s.registration_unit = unit;
    u.series_id = TrainingStore::insert_series(sql, s, start_time);
    Session session;
    session.series_id = u.series_id;
    session.starts_at = start_time + 10 * 86400;
    session.ends_at = session.starts_at + 3 * 3600;
    session.capacity = places;
    auto id = TrainingStore::insert_session(sql, session, 1);
    if (unit == "session") u.session_id = id;
  });
  return u;
}

Person person(int i) {
  return Person{std::nullopt, "Deelnemer " + std::to_string(i),
                "deelnemer" + std::to_string(i) + "@voorbeeld.be"};
}

template <class B>
class Registrations : public BackendTest<B> {};
TYPED_TEST_SUITE(Registrations, Backends, BackendNames);

// 200 registrations at once on `pools` (one or two), for 20 places.
void register_two_hundred(const std::vector<store::Database*>& pools, const Unit& unit,
                          const Clock& clock) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < 200; ++i)
    threads.emplace_back([&, i] {
      RegistrationService service(*pools[i % pools.size()], clock);
      if (!service.register_person(unit, person(i))) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

void expect_twenty_and_an_ordered_queue(store::Database& db, const Unit& unit) {
  std::vector<Registration> all;
  db.run([&](soci::session& sql) { all = TrainingStore::of_unit(sql, unit); });
  ASSERT_EQ(all.size(), 200u);
  int registered = 0;
  std::set<std::string> emails;
  std::vector<std::int64_t> positions;
  for (const auto& r : all) {
    emails.insert(r.email);
    if (r.state == "registered") ++registered;
    if (r.state == "waitlisted") positions.push_back(r.queue_position.value_or(-1));
  }
  EXPECT_EQ(registered, 20);
  EXPECT_EQ(emails.size(), 200u) << "no one twice";
  ASSERT_EQ(positions.size(), 180u);
  // Queue positions are strictly increasing in queue order: no two share a place.
  for (std::size_t i = 1; i < positions.size(); ++i) EXPECT_LT(positions[i - 1], positions[i]);
}

TYPED_TEST(Registrations, TwoHundredAtOnceForTwentyPlacesNeverOverfill) {
  ManualClock clock(start_time);
  auto unit = make_series(this->db(), 20);
  register_two_hundred({&this->db()}, unit, clock);
  expect_twenty_and_an_ordered_queue(this->db(), unit);
}

TEST(RegistrationsOnTwoNodes, TwoHundredAtOnceForTwentyPlacesNeverOverfill) {
  SCHAKEL_REQUIRE_BACKEND(store::Backend::postgresql);
  schakel::testing::TestDatabase node_a(store::Backend::postgresql, 8);
  node_a.migrate();
  auto node_b = store::Database::open(node_a.url(), 8);
  ManualClock clock(start_time);
  auto unit = make_series(node_a.db(), 20);
  register_two_hundred({&node_a.db(), node_b.get()}, unit, clock);
  expect_twenty_and_an_ordered_queue(*node_b, unit);
}

TYPED_TEST(Registrations, CancellationsOfferPlacesInOrderAndOffersExpire) {
  ManualClock clock(start_time);
  auto& db = this->db();
  RegistrationService service(db, clock);
  auto unit = make_series(db, 2);
  std::vector<Registration> r;
  for (int i = 0; i < 5; ++i) r.push_back(service.register_person(unit, person(i)).value());
  EXPECT_EQ(r[1].state, "registered");
  EXPECT_EQ(r[2].state, "waitlisted");

  ASSERT_TRUE(service.cancel(r[0].id));
  Registration offered;
  db.run([&](soci::session& sql) { offered = *TrainingStore::find_registration(sql, r[2].id); });
  EXPECT_EQ(offered.state, "offered") << "the first in line gets the place";
  ASSERT_TRUE(offered.offer_expires_at);
  EXPECT_EQ(*offered.offer_expires_at, start_time + 48 * 3600);
  // A newcomer queues behind the others, even with an offer open.
  EXPECT_EQ(service.register_person(unit, person(9)).value().state, "waitlisted");

  // The offer runs out: the place passes to the next in line.
  clock.advance(48 * 3600);
  EXPECT_EQ(service.expire_offers(), 1);
  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::find_registration(sql, r[2].id)->state, "expired");
    EXPECT_EQ(TrainingStore::find_registration(sql, r[3].id)->state, "offered");
  });
  auto late = service.accept_offer(r[2].id);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().failure, Failure::conflict);
  ASSERT_TRUE(service.accept_offer(r[3].id));
  db.run([&](soci::session& sql) { EXPECT_EQ(TrainingStore::holding(sql, unit), 2); });
}

TYPED_TEST(Registrations, BadRequestsAreRefusedAndChangeNothing) {
  ManualClock clock(start_time);
  auto& db = this->db();
  RegistrationService service(db, clock);
  auto unit = make_series(db, 2);
  auto per_session = make_series(db, 3, "session");
  ASSERT_TRUE(service.register_person(unit, person(1)));

  auto twice =
      service.register_person(unit, Person{std::nullopt, "Iemand", "DEELNEMER1@voorbeeld.be"});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().failure, Failure::conflict);
  auto no_name = service.register_person(unit, Person{std::nullopt, "  ", "x@voorbeeld.be"});
  ASSERT_FALSE(no_name);
  EXPECT_EQ(no_name.error().fields.front().field, "name");
  auto bad_mail = service.register_person(unit, Person{std::nullopt, "X", "geen-adres"});
  ASSERT_FALSE(bad_mail);
  EXPECT_EQ(bad_mail.error().fields.front().field, "email");
  auto wrong_unit = service.register_person(Unit{per_session.series_id, std::nullopt}, person(2));
  ASSERT_FALSE(wrong_unit);
  EXPECT_EQ(wrong_unit.error().fields.front().field, "session");
  auto no_series = service.register_person(Unit{999'999, std::nullopt}, person(3));
  ASSERT_FALSE(no_series);
  EXPECT_EQ(no_series.error().failure, Failure::not_found);
  auto cancelled = service.cancel(999'999);
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().failure, Failure::not_found);

  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::of_unit(sql, unit).size(), 1u);
    EXPECT_EQ(TrainingStore::of_unit(sql, Unit{per_session.series_id, std::nullopt}).size(), 0u);
  });
  // Ending twice is refused too.
  std::int64_t id = 0;
  db.run([&](soci::session& sql) { id = TrainingStore::of_unit(sql, unit).front().id; });
  ASSERT_TRUE(service.cancel(id));
  auto again = service.cancel(id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().failure, Failure::conflict);
}

}  // namespace
}  // namespace schakel::trainings

namespace schakel::trainings {
namespace {

TEST(TrainingJobs, TheExpiryJobPassesARunOutOfferOn) {
  schakel::testing::TestServer server;
  auto& db = server.db();
  auto unit = make_series(db, 1);
  RegistrationService service(db, server.clock());
  auto first = service.register_person(unit, person(1)).value();
  auto second = service.register_person(unit, person(2)).value();
  ASSERT_TRUE(service.cancel(first.id));
  server.clock().advance(49 * 3600);
  EXPECT_GE(server.app().jobs().run_due(), 1);
  db.run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::find_registration(sql, second.id)->state, "expired");
  });
}

}  // namespace
}  // namespace schakel::trainings
