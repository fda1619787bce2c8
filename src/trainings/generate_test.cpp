// The benchmark's generated training series, on SQLite and PostgreSQL: they are
// published with seats, numbered on across runs, and a professional can
// register for each one over HTTP (what `make bench` measures).
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trainings/generate.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_post;
using schakel::testing::session_cookie;

template <class B>
class GeneratedSeries : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  std::int64_t count(const std::string& sql_text) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return n;
  }
  std::unique_ptr<schakel::testing::TestServer> server_;
};

TYPED_TEST_SUITE(GeneratedSeries, Backends, BackendNames);

TYPED_TEST(GeneratedSeries, AreOpenForRegistrationAndNumberedOnAcrossRuns) {
  auto& server = *this->server_;
  const std::int64_t now = server.clock().now();
  std::vector<std::pair<std::int64_t, std::int64_t>> steps;
  EXPECT_EQ(generate_series(
                server.db(), 3, 7, now,
                [&](std::int64_t done, std::int64_t total) { steps.emplace_back(done, total); }),
            3);
  EXPECT_EQ(steps.front(), std::make_pair(std::int64_t{0}, std::int64_t{3}));
  EXPECT_EQ(steps.back(), std::make_pair(std::int64_t{3}, std::int64_t{3}));
  EXPECT_EQ(generate_series(server.db(), 2, 7, now, {}), 2);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_series WHERE slug LIKE 'vorming-gen-%' "
                        "AND status = 'published' AND visibility = 'public'"),
            5);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_series WHERE slug = 'vorming-gen-5'"), 1);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_sessions s JOIN training_series r ON "
                        "r.id = s.series_id WHERE r.slug LIKE 'vorming-gen-%' AND s.capacity = "
                        "10000 AND s.starts_at >= " +
                        std::to_string(now + 30 * 86400)),
            5);
  // A professional registers for two of them; the second registration is
  // another series, so it is not refused as a repeat.
  std::string csrf;
  const auto pro = session_cookie(server, "professional@demo.schakel.be", &csrf);
  for (const char* slug : {"vorming-gen-1", "vorming-gen-4"}) {
    auto reply = http_post(server.port(), std::string("/vorming/") + slug + "/inschrijven",
                           "_csrf=" + csrf + "&name=Bench+Professional",
                           "application/x-www-form-urlencoded", pro);
    EXPECT_EQ(reply.status, 303) << slug << "\n" << reply.body;
  }
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM training_registrations g JOIN training_series s ON "
                        "s.id = g.series_id WHERE s.slug LIKE 'vorming-gen-%' AND g.state = "
                        "'registered' AND g.email = 'professional@demo.schakel.be'"),
            2);
}

}  // namespace
}  // namespace schakel::trainings
