// The guest-registration flow as a service: a request stores a pending row and
// sends one confirmation with its token; confirming registers once, with the
// answers; the guest-name rule and the mail limits refuse and store nothing.
#include "trainings/guest_registration.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

constexpr std::int64_t start_time = 1'780'000'000;

template <class B>
class GuestRegistration : public BackendTest<B> {
 protected:
  // A published series with one session of 5 places and one question.
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      Series s;
      s.slug = "gastenreeks";
      s.title = "Gastenreeks";
      s.status = "published";
      s.registration_unit = "series";
      series_ = TrainingStore::insert_series(sql, s, start_time);
      Session x;
      x.series_id = series_;
      x.starts_at = start_time + 10 * 86400;
      x.ends_at = x.starts_at + 3 * 3600;
      x.capacity = 5;
      TrainingStore::insert_session(sql, x, start_time);
      TrainingStore::replace_questions(sql, series_, {"Wat verwacht je?"});
      question_ = TrainingStore::questions_of(sql, series_).front().id;
    });
  }
  GuestRequest request(const std::string& name, const std::string& email) const {
    GuestRequest r;
    r.series_id = series_;
    r.person = Person{std::nullopt, name, email};
    r.answers = {{question_, "Tips voor het onthaal"}};
    r.ip = "192.0.2.7";
    return r;
  }
  int pending_rows() {
    int n = 0;
    this->db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM training_pending", soci::into(n); });
    return n;
  }
  ManualClock clock_{start_time};
  std::int64_t series_ = 0, question_ = 0;
};
TYPED_TEST_SUITE(GuestRegistration, Backends, BackendNames);

TYPED_TEST(GuestRegistration, ARequestSendsOneLinkThatRegistersOnceWithTheAnswers) {
  GuestRegistrationService service(this->db(), this->clock_);
  std::vector<std::string> tokens;
  auto requested = service.request(this->request("  Gwen Gast ", "Gwen@Voorbeeld.be"),
                                   [&](soci::session&, const Person& p, const std::string& token) {
                                     EXPECT_EQ(p.email, "gwen@voorbeeld.be");
                                     tokens.push_back(token);
                                   });
  ASSERT_TRUE(requested);
  EXPECT_EQ(requested.value().name, "Gwen Gast");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(service.pending(tokens[0]));
  EXPECT_FALSE(service.pending("verzonnen"));

  auto confirmed = service.confirm(tokens[0]);
  ASSERT_TRUE(confirmed);
  ASSERT_TRUE(*confirmed);
  ASSERT_EQ(confirmed->value().size(), 1u);
  EXPECT_EQ(confirmed->value().front().state, "registered");
  auto answers = this->db().run(
      [&](soci::session& sql) { return TrainingStore::answers_of_series(sql, this->series_); });
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].answer, "Tips voor het onthaal");
  EXPECT_FALSE(service.confirm(tokens[0])) << "a link works once";
  EXPECT_FALSE(service.pending(tokens[0]));
}

TYPED_TEST(GuestRegistration, ALinkInTheNameOrTooManyMailsStoresNothing) {
  GuestRegistrationService service(this->db(), this->clock_);
  int sent = 0;
  auto count = [&](soci::session&, const Person&, const std::string&) { ++sent; };
  auto link = service.request(this->request("Kijk op www.voorbeeld.be", "a@voorbeeld.be"), count);
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().failure, Failure::invalid);
  EXPECT_EQ(link.error().fields.front().field, "name");
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(service.request(this->request("Gwen", "gwen@voorbeeld.be"), count));
  auto fourth = service.request(this->request("Gwen", "gwen@voorbeeld.be"), count);
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().failure, Failure::busy);
  EXPECT_EQ(sent, 3);
  EXPECT_EQ(this->pending_rows(), 3);
}

TYPED_TEST(GuestRegistration, SomeoneAlreadyRegisteredGetsTheMailAndHearsItWhenConfirming) {
  GuestRegistrationService service(this->db(), this->clock_);
  std::string first, second;
  ASSERT_TRUE(
      service.request(this->request("Gwen", "gwen@voorbeeld.be"),
                      [&](soci::session&, const Person&, const std::string& t) { first = t; }));
  ASSERT_TRUE(service.confirm(first).value());
  ASSERT_TRUE(
      service.request(this->request("Gwen", "gwen@voorbeeld.be"),
                      [&](soci::session&, const Person&, const std::string& t) { second = t; }))
      << "the answer does not reveal that the address is registered";
  auto again = service.confirm(second);
  ASSERT_TRUE(again);
  ASSERT_FALSE(*again);
  EXPECT_EQ(again->error().failure, Failure::conflict);
}

}  // namespace
}  // namespace schakel::trainings
