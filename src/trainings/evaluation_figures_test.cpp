// The evaluation figures agree with each other (issue 10), on SQLite and
// PostgreSQL, on a fixed data set with figures computed by hand: expected =
// those invited, answers never above it, pairs never above the answers; a
// series counts under one format (or "Gemengd"); fewer than 5 pairs show
// "te weinig paren" instead of an interval.
#include <gtest/gtest.h>

#include <map>

#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class EvaluationFigures : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(EvaluationFigures, schakel::testing::Backends, schakel::testing::BackendNames);

struct Fixture {
  Series series;
  std::vector<std::int64_t> registrations;
};

// A published series of Gent whose sessions (one per format in `formats`)
// ended in the last days, with `people` registered 20 days ago.
Fixture make_series(TestServer& server, const std::string& slug, int people,
                    const std::vector<std::string>& formats) {
  Fixture f;
  const std::int64_t now = server.clock().now();
  server.db().transact([&](soci::session& sql) {
    Series s;
    s.slug = slug;
    s.title = "Reeks " + slug;
    s.owner_nis_code = "44021";
    s.organiser = "Gent";
    s.status = "published";
    s.themes = {"figures_thema"};
    s.id = TrainingStore::insert_series(sql, s, now - 30 * 86400);
    f.series = s;
    int day = static_cast<int>(formats.size()) + 1;
    for (const auto& format : formats) {
      Session session;
      session.series_id = s.id;
      session.format = format;
      session.starts_at = now - (day--) * 86400;
      session.ends_at = session.starts_at + 3 * 3600;
      session.capacity = 20;
      TrainingStore::insert_session(sql, session, now - 30 * 86400);
    }
    for (int i = 0; i < people; ++i) {
      Registration r;
      r.unit.series_id = s.id;
      r.name = "Deelnemer " + slug + " " + std::to_string(i);
      r.email = "deelnemer" + std::to_string(i) + "@" + slug + ".be";
      r.state = "registered";
      r.sector = "education";
      f.registrations.push_back(TrainingStore::insert_registration(sql, r, now - 20 * 86400));
    }
  });
  return f;
}

EvaluationService service(TestServer& server) {
  return EvaluationService(server.db(), server.clock(), store::signing_key(server.db()));
}

// Registration `i` answered `before` at registration and `after` in the evaluation
// (the same value for all three questions; 0: not answered).
void answer(TestServer& server, const Fixture& f, std::size_t i, int before, int after) {
  const std::string key = store::signing_key(server.db());
  if (before)
    server.db().transact([&](soci::session& sql) {
      record_confidence_before(sql, key, *TrainingStore::find_registration(sql, f.registrations[i]),
                               {before, before, before});
    });
  if (after) {
    const std::string v = std::to_string(after);
    auto reply = http_post(
        server.port(),
        "/vorming/evaluatie?token=" + service(server).token_for(f.registrations[i], std::nullopt),
        "satisfaction=4&usefulness=5&confidence_0=" + v + "&confidence_1=" + v +
            "&confidence_2=" + v);
    ASSERT_EQ(reply.status, 200) << reply.body;
  }
}

void invite(TestServer& server, const Fixture& f, std::size_t count) {
  server.db().transact([&](soci::session& sql) {
    for (std::size_t i = 0; i < count; ++i)
      EvaluationStore::mark_invited(sql, f.registrations[i], 0, server.clock().now());
  });
}

TYPED_TEST(EvaluationFigures, TheNumbersOnTheResultsPageAgreeWithEachOther) {
  TestServer server(TypeParam::backend, {}, true);
  server.db().transact(
      [](soci::session& sql) { sql << "DELETE FROM training_series WHERE is_demo = 1"; });
  // Eight registered: 0-5 invited, 6 and 7 not (yet).
  auto f = make_series(server, "cijfers", 8, {"in_person", "in_person"});
  invite(server, f, 6);
  // Pairs (before, after): (4,6) (5,6) (3,5) (6,7) (5,8); 5 answered only
  // before; 6 (not invited) answered both and then cancelled: no longer a
  // participant, counted nowhere; 7 (not invited) answered only before and
  // does not count.
  answer(server, f, 0, 4, 6);
  answer(server, f, 1, 5, 6);
  answer(server, f, 2, 3, 5);
  answer(server, f, 3, 6, 7);
  answer(server, f, 4, 5, 8);
  answer(server, f, 5, 5, 0);
  answer(server, f, 6, 2, 2);
  answer(server, f, 7, 9, 0);
  server.db().transact([&](soci::session& sql) {
    long long reg = f.registrations[6];
    sql << "UPDATE training_registrations SET state = 'cancelled' WHERE id = :id", soci::use(reg);
  });

  const SeriesResults r = service(server).results(f.series);
  // Expected: the six invited (registration 6 is cancelled now). Answered: five.
  EXPECT_EQ(r.expected, 6);
  EXPECT_EQ(r.answered, 5);
  EXPECT_EQ(r.rows.size(), 5u) << "answers shown = answered";
  EXPECT_EQ(r.satisfaction.n, 5);
  ASSERT_EQ(r.pending.size(), 1u);
  EXPECT_EQ(r.pending[0].due.registration.id, f.registrations[5]);
  // By hand, question 0: differences 2, 1, 2, 1, 3.
  //   mean difference = 9 / 5 = 1.8
  //   deviations 0.2, -0.8, 0.2, -0.8, 1.2; squares sum 0.04+0.64+0.04+0.64+1.44 = 2.8
  //   sd = sqrt(2.8 / 4) = sqrt(0.7) = 0.836660
  //   standard error = 0.836660 / sqrt(5) = 0.374166
  //   t(0.975, 4) = 2.776445; half width = 2.776445 * 0.374166 = 1.038852
  //   interval 1.8 ± 1.038852 = 0.761148 to 2.838852 ("0,76 tot 2,84")
  // Before: the six expected (4,5,3,6,5,5): mean 28 / 6 = 4.67; after: five, mean 32 / 5 = 6.4.
  ASSERT_EQ(r.confidence.size(), 3u);
  const auto& c = r.confidence[0].change;
  EXPECT_EQ(c.pairs, 5);
  EXPECT_NEAR(*c.mean_difference, 1.8, 1e-9);
  EXPECT_NEAR(*c.sd_difference, 0.836660, 1e-6);
  EXPECT_NEAR(*c.ci_low, 0.761148, 1e-5);
  EXPECT_NEAR(*c.ci_high, 2.838852, 1e-5);
  EXPECT_EQ(r.confidence[0].before.n, 6);
  EXPECT_NEAR(*r.confidence[0].before.mean, 28.0 / 6, 1e-9);
  EXPECT_EQ(r.confidence[0].after.n, 5);
  EXPECT_LE(c.pairs, r.answered);
  EXPECT_LE(r.answered, r.expected);

  auto page = http_get(server.port(), "/vorming/cijfers/evaluatie",
                       session_cookie(server, "spoc.gent@demo.schakel.be"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("5 van de 6 verwachte evaluaties zijn ingevuld (83%)"),
            std::string::npos);
  EXPECT_NE(page.body.find("Aantal antwoorden: 5."), std::string::npos);
  EXPECT_NE(page.body.find("<td>4,67 (6)</td><td>6,40 (5)</td><td>5</td><td>1,80</td>"
                           "<td>0,76 tot 2,84</td>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("Deelnemer cijfers 5"), std::string::npos) << "did not answer";
  EXPECT_EQ(page.body.find("Deelnemer cijfers 7"), std::string::npos) << "not invited";
}

TYPED_TEST(EvaluationFigures, FewerThanFivePairsShowNoInterval) {
  TestServer server(TypeParam::backend, {}, true);
  server.db().transact(
      [](soci::session& sql) { sql << "DELETE FROM training_series WHERE is_demo = 1"; });
  auto f = make_series(server, "weinig", 3, {"online"});
  invite(server, f, 3);
  // Two pairs: differences 2 and 3 (an interval of -3,85 tot 8,85 would mean nothing).
  answer(server, f, 0, 4, 6);
  answer(server, f, 1, 5, 8);
  auto page = http_get(server.port(), "/vorming/weinig/evaluatie",
                       session_cookie(server, "spoc.gent@demo.schakel.be"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<td>2</td><td>2,50</td><td>te weinig paren</td>"), std::string::npos)
      << page.body;
  EXPECT_EQ(page.body.find(" tot 8,85"), std::string::npos);
  EXPECT_EQ(format_interval(PairedChange{4, 1.0, 2.0, 1.0, 0.5, 0.2, 1.8}), "te weinig paren");
  EXPECT_EQ(format_interval(PairedChange{5, 1.0, 2.0, 1.0, 0.5, 0.2, 1.8}), "0,20 tot 1,80");
  EXPECT_EQ(format_interval(PairedChange{}), "–");
}

TYPED_TEST(EvaluationFigures, ASeriesCountsUnderOneFormatOnly) {
  TestServer server(TypeParam::backend, {}, true);
  server.db().transact(
      [](soci::session& sql) { sql << "DELETE FROM training_series WHERE is_demo = 1"; });
  auto mixed = make_series(server, "gemengd", 5, {"in_person", "online"});
  auto online = make_series(server, "online", 5, {"online", "online"});
  invite(server, mixed, 5);
  invite(server, online, 5);
  // Mixed: five pairs, each +1 (4 -> 5). Online: five pairs, each +2 (4 -> 6)
  // except one +3: differences 2,2,2,2,3.
  for (std::size_t i = 0; i < 5; ++i) answer(server, mixed, i, 4, 5);
  for (std::size_t i = 0; i < 5; ++i) answer(server, online, i, 4, i == 4 ? 7 : 6);
  const auto groups = service(server).impact();
  std::map<std::string, const ImpactGroup*> by_format;
  const ImpactGroup* all = nullptr;
  for (const auto& g : groups) {
    if (g.dimension == "format") by_format[g.value] = &g;
    if (g.dimension == "all") all = &g;
  }
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->confidence.pairs, 10);
  ASSERT_EQ(by_format.size(), 2u) << "no in_person group: the mixed series counts as mixed";
  ASSERT_TRUE(by_format.count("mixed"));
  ASSERT_TRUE(by_format.count("online"));
  EXPECT_EQ(by_format["mixed"]->series, 1);
  EXPECT_EQ(by_format["mixed"]->confidence.pairs, 5);
  EXPECT_NEAR(*by_format["mixed"]->confidence.mean_difference, 1.0, 1e-9);
  EXPECT_EQ(by_format["online"]->confidence.pairs, 5);
  EXPECT_NEAR(*by_format["online"]->confidence.mean_difference, 2.2, 1e-9);
  // The pairs under the formats add up to all pairs: none counted twice.
  EXPECT_EQ(by_format["mixed"]->confidence.pairs + by_format["online"]->confidence.pairs,
            all->confidence.pairs);

  auto page = http_get(server.port(), "/vorming/impact",
                       session_cookie(server, "coordinator@demo.schakel.be"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<th scope=\"row\">Gemengd (sessies in meer dan één vorm)</th><td>1</td>"
                           "<td>5</td><td>5</td>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("telt ze bij „Gemengd”"), std::string::npos);
  // Mixed: all differences 1, sd 0: the interval is 1,00 tot 1,00.
  EXPECT_NE(page.body.find("<td>5</td><td>1,00</td><td>1,00 tot 1,00</td>"), std::string::npos);
}

}  // namespace
}  // namespace schakel::trainings
