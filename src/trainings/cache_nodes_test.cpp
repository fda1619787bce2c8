// Pages cached on one node and the trainings written on another (issue 16):
// attendance, certificates and evaluations each append a change-feed entry in
// the write's transaction, so "Mijn vormingen" cached on node B shows a write
// acknowledged by node A at B's very next request (B follows no feed: its page
// cache checks the feed's position on every hit).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/attendance_store.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::http_get;
using schakel::testing::SecondNode;
using schakel::testing::TestServer;

const std::string professional = "professional@demo.schakel.be";
const std::string my_trainings = "/vorming/mijn";
const std::string certificate_link = "Attest downloaden";
const std::string evaluation_button = "Evaluatie invullen";

// Pages served from a node's page cache so far.
double page_cache_hits(unsigned short port) {
  return schakel::testing::metric_value(port, R"(schakel_page_cache_lookups_total{result="hit"})");
}

template <class B>
class TrainingsCacheNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    a_ = schakel::testing::demo_server(B::backend);
    b_ = std::make_unique<SecondNode>(*a_);
    const std::int64_t now = a_->clock().now();
    const std::int64_t user = schakel::testing::user_id(a_->db(), professional);
    // One ended session; the demo professional registered before it began.
    a_->db().transact([&](soci::session& sql) {
      Series s;
      s.slug = "twee-knooppunten";
      s.title = "Reeks van twee knooppunten (test)";
      s.owner_nis_code = "44021";
      s.organiser = "Gent";
      s.status = "published";
      series_ = TrainingStore::insert_series(sql, s, now - 40 * 86400);
      Session x;
      x.series_id = series_;
      x.module = "basics";
      x.starts_at = now - 2 * 86400;
      x.ends_at = x.starts_at + 3 * 3600;
      x.capacity = 10;
      session_ = TrainingStore::insert_session(sql, x, now - 40 * 86400);
      Registration r;
      r.unit = Unit{series_, std::nullopt};
      r.user_id = user;
      r.name = "Demo Professional";
      r.email = professional;
      r.state = "registered";
      r.nis_code = "44021";
      r.sector = "welfare";
      registration_ = TrainingStore::insert_registration(sql, r, now - 30 * 86400);
    });
    auto session = a_->app().sessions().create(user, "test");
    cookie_ = schakel::testing::cookie_header(session->token);
  }

  // The card of the test series on "Mijn vormingen" on node B (the demo
  // professional has other trainings too), "" when it is missing.
  std::string page_on_b() {
    auto page = http_get(b_->port(), my_trainings, cookie_);
    EXPECT_EQ(page.status, 200);
    const auto at = page.body.find("Reeks van twee knooppunten (test)");
    EXPECT_NE(at, std::string::npos);
    if (at == std::string::npos) return "";
    return page.body.substr(at, page.body.find("</li>", at) - at);
  }

  // Renders the page on B, then asserts that a second request is served from
  // B's page cache unchanged; returns the card.
  std::string cached_on_b() {
    const std::string first = page_on_b();
    const double hits = page_cache_hits(b_->port());
    EXPECT_EQ(page_on_b(), first);
    EXPECT_EQ(page_cache_hits(b_->port()), hits + 1) << "not served from B's page cache";
    return first;
  }

  std::unique_ptr<TestServer> a_;
  std::unique_ptr<SecondNode> b_;
  // Change-feed entries naming `entity` `id` so far.
  int feed_entries(const std::string& entity, std::int64_t id) {
    const std::string entity_id = std::to_string(id);
    int n = 0;
    a_->db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM changes WHERE entity = :e AND entity_id = :id",
          soci::use(entity), soci::use(entity_id), soci::into(n);
    });
    return n;
  }

  std::int64_t series_ = 0, session_ = 0, registration_ = 0;
  std::string cookie_;
};
TYPED_TEST_SUITE(TrainingsCacheNodes, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(TrainingsCacheNodes, AttendanceMarkedOnAShowsTheCertificateOnB) {
  ASSERT_EQ(this->cached_on_b().find(certificate_link), std::string::npos);
  // Through the owning store in a transaction, as the organiser's list does.
  this->a_->db().transact([&](soci::session& sql) {
    AttendanceStore::save(
        sql, Mark{this->session_, this->registration_, true, "list", {}, this->a_->clock().now()});
  });
  EXPECT_NE(this->page_on_b().find(certificate_link), std::string::npos);
}

TYPED_TEST(TrainingsCacheNodes, ACertificateRevokedOnAIsNoLongerOfferedOnB) {
  this->a_->db().transact([&](soci::session& sql) {
    AttendanceStore::save(
        sql, Mark{this->session_, this->registration_, true, "list", {}, this->a_->clock().now()});
  });
  CertificateService certificates(this->a_->db(), this->a_->clock());
  const Actor actor{std::nullopt, "", "127.0.0.1"};
  auto issued = certificates.issue_or_get(this->registration_, actor);
  ASSERT_TRUE(issued.ok());
  ASSERT_NE(this->cached_on_b().find(certificate_link), std::string::npos);
  ASSERT_TRUE(
      certificates.revoke(this->series_, issued.value().id, "Niet aanwezig geweest.", actor).ok());
  EXPECT_EQ(this->page_on_b().find(certificate_link), std::string::npos);
}

TYPED_TEST(TrainingsCacheNodes, AnEvaluationSubmittedOnAIsNoLongerAskedOnB) {
  ASSERT_NE(this->cached_on_b().find(evaluation_button), std::string::npos);
  const int registration_entries_before =
      this->feed_entries("training_registration", this->registration_);
  EvaluationService evaluations(this->a_->db(), this->a_->clock(),
                                store::signing_key(this->a_->db()));
  EvaluationInput input;
  input.satisfaction = 4;
  input.usefulness = 5;
  input.confidence.assign(confidence_questions().size(), 7);
  auto submitted =
      evaluations.submit(evaluations.token_for(this->registration_, std::nullopt), input);
  ASSERT_TRUE(submitted.ok()) << submitted.error().fields.front().message;
  EXPECT_EQ(this->page_on_b().find(evaluation_button), std::string::npos);
  // The feed names the series only: an entry naming the registration beside
  // it would tie the anonymous answer to the person.
  EXPECT_EQ(this->feed_entries("training_registration", this->registration_),
            registration_entries_before);
  EXPECT_EQ(this->feed_entries("training_evaluation", this->series_), 1);
}

}  // namespace
}  // namespace schakel::trainings
