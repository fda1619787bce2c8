// The trainings' lines on the coordinator's dashboard appear and disappear with
// their cause: a session soon and nearly empty, people on a waitlist, and
// invited participants who neither answered nor got a reminder; and the
// trainings' yearly figures.
#include "trainings/attention.hpp"

#include <gtest/gtest.h>

#include "attention_lines.hpp"
#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::attention_line;
using schakel::testing::attention_lines;
using schakel::testing::AttentionTest;
using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::brussels_year;

template <class B>
class TrainingsAttention : public AttentionTest<B> {
 protected:
  std::int64_t now() { return this->server_->clock().now(); }
  // A published series (registration per series) with one session starting at
  // `starts_at` of `capacity` places; returns the series id.
  std::int64_t series(const std::string& slug, std::int64_t starts_at, int capacity) {
    return this->server_->db().transact([&](soci::session& sql) {
      Series s;
      s.slug = slug;
      s.title = "Reeks " + slug;
      s.owner_nis_code = "44021";
      s.organiser = "Gent";
      s.status = "published";
      s.registration_unit = "series";
      const std::int64_t id = TrainingStore::insert_series(sql, s, now() - 90 * 86400);
      Session session;
      session.series_id = id;
      session.module = "basics";
      session.format = "in_person";
      session.starts_at = starts_at;
      session.ends_at = starts_at + 3 * 3600;
      session.capacity = capacity;
      TrainingStore::insert_session(sql, session, now() - 90 * 86400);
      return id;
    });
  }
  Result<Registration> enrol(std::int64_t series_id, const std::string& name) {
    Person person;
    person.name = name;
    person.email = name + "@voorbeeld.be";
    return RegistrationService(this->server_->db(), this->server_->clock())
        .register_person(Unit{series_id, std::nullopt}, person);
  }
};
TYPED_TEST_SUITE(TrainingsAttention, Backends, BackendNames);

TYPED_TEST(TrainingsAttention, ASessionSoonBelowThirtyPercentShowsUntilItFills) {
  App& app = this->server_->app();
  this->series("later", this->now() + 30 * 86400, 10);  // empty, but not within 21 days
  EXPECT_TRUE(attention_lines(app, "trainings.low").empty());
  const std::int64_t id = this->series("binnenkort", this->now() + 10 * 86400, 10);
  ASSERT_TRUE(this->enrol(id, "ann").ok());
  ASSERT_TRUE(this->enrol(id, "bert").ok());
  const AttentionLine line = attention_line(app, "trainings.low", "/vorming/binnenkort/deelnemers");
  EXPECT_EQ(line.count, 1);
  EXPECT_EQ(line.text, "Reeks binnenkort: 1 sessie binnen 21 dagen voor minder dan 30% gevuld");
  EXPECT_EQ(attention_lines(app, "trainings.low").size(), 1u);
  ASSERT_TRUE(this->enrol(id, "chris").ok());  // 3 of 10: 30%, no longer below
  EXPECT_TRUE(attention_lines(app, "trainings.low").empty());
}

TYPED_TEST(TrainingsAttention, AWaitlistShowsUntilNobodyWaits) {
  App& app = this->server_->app();
  const std::int64_t id = this->series("vol", this->now() + 40 * 86400, 1);
  ASSERT_TRUE(this->enrol(id, "ann").ok());
  EXPECT_TRUE(attention_lines(app, "trainings.waitlist").empty());
  auto waiting = this->enrol(id, "bert");
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting.value().state, "waitlisted");
  auto lines = attention_lines(app, "trainings.waitlist");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].href, "/vorming/vol/deelnemers");
  EXPECT_EQ(lines[0].text, "Reeks vol: 1 persoon op de wachtlijst");
  ASSERT_TRUE(RegistrationService(this->server_->db(), this->server_->clock())
                  .cancel(waiting.value().id)
                  .ok());
  EXPECT_TRUE(attention_lines(app, "trainings.waitlist").empty());
}

TYPED_TEST(TrainingsAttention, InvitedWithoutAnswerShowsUntilReminded) {
  App& app = this->server_->app();
  const std::int64_t id = this->series("afgelopen", this->now() + 86400, 10);
  ASSERT_TRUE(this->enrol(id, "ann").ok());
  ASSERT_TRUE(this->enrol(id, "bert").ok());
  this->server_->clock().advance(3 * 86400);  // the series ended two days ago
  EvaluationService evaluations(this->server_->db(), this->server_->clock(),
                                store::signing_key(this->server_->db()));
  const auto compose = [](const DueEvaluation& d, const std::string&) {
    mail::Mail m;
    m.to = d.registration.email;
    m.subject = "Evaluatie";
    m.text = "Vul de evaluatie in.";
    m.html = "<p>Vul de evaluatie in.</p>";
    return m;
  };
  EXPECT_TRUE(attention_lines(app, "trainings.evaluations").empty());  // not invited yet
  ASSERT_EQ(evaluations.send_invitations(compose), 2);
  auto lines = attention_lines(app, "trainings.evaluations");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].count, 2);
  EXPECT_EQ(lines[0].href, "/vorming/afgelopen/evaluatie");
  EXPECT_EQ(lines[0].text, "Reeks afgelopen: 2 evaluaties wachten op een herinnering");
  Series s;
  s.id = id;
  ASSERT_EQ(evaluations.send_reminders(s, compose), 2);
  EXPECT_TRUE(attention_lines(app, "trainings.evaluations").empty());
}

TYPED_TEST(TrainingsAttention, FiguresCountTheYear) {
  const std::int64_t id = this->series("dit-jaar", this->now() + 86400, 10);
  this->series("volgend-jaar", *brussels_to_utc("2027-02-01", "09:00"), 10);
  ASSERT_TRUE(this->enrol(id, "ann").ok());
  ASSERT_TRUE(this->enrol(id, "bert").ok());
  auto cancelled = this->enrol(id, "chris");
  ASSERT_TRUE(cancelled.ok());
  ASSERT_TRUE(RegistrationService(this->server_->db(), this->server_->clock())
                  .cancel(cancelled.value().id)
                  .ok());
  const auto figures = [&](int year) {
    const auto range = brussels_year(year);
    return this->server_->db().run(
        [&](soci::session& sql) { return year_figures(sql, range.first, range.second); });
  };
  EXPECT_EQ(figures(2026).series, 1);
  EXPECT_EQ(figures(2026).participants, 2);  // the cancelled one does not count
  EXPECT_EQ(figures(2027).series, 1);
  EXPECT_EQ(figures(2027).participants, 0);
  EXPECT_EQ(figures(2026).certificates, 0);
  EXPECT_EQ(figures(2026).evaluations, 0);
}

}  // namespace
}  // namespace schakel::trainings
