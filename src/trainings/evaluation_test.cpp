// Evaluations over HTTP on SQLite and PostgreSQL: the form behind the signed
// link (bad values, twice, tampered tokens, cancelled registrations), pairing
// of confidence before and after, the organiser's results, reminders and
// exports, the impact report, and the invitation job.
#include <gtest/gtest.h>

#include <fstream>

#include "audit/audit.hpp"
#include "core/signed_token.hpp"
#include "store/signing_key.hpp"
#include "test_support.hpp"
#include "trainings/evaluation_service.hpp"
#include "trainings/store.hpp"
#include "web/form.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

// These tests count the rows of their own series: the demo series (with their
// evaluations and registrations) go first.
void without_demo_series(TestServer& server) {
  server.db().transact(
      [](soci::session& sql) { sql << "DELETE FROM training_series WHERE is_demo = 1"; });
}

template <class B>
class Evaluation : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(Evaluation, schakel::testing::Backends, schakel::testing::BackendNames);

struct Fixture {
  std::int64_t series_id = 0;
  std::vector<std::int64_t> sessions;
  std::vector<std::int64_t> registrations;
};

// A published series of Gent whose two sessions ended yesterday and the day
// before, with `people` registered participants (sector "education").
Fixture make_series(TestServer& server, const std::string& slug, int people = 3,
                    const std::string& evaluation_unit = "series",
                    const std::string& theme = "eval_testthema") {
  Fixture f;
  const std::int64_t now = server.clock().now();
  server.db().transact([&](soci::session& sql) {
    Series s;
    s.slug = slug;
    s.title = "Reeks " + slug;
    s.owner_nis_code = "44021";
    s.organiser = "Gent";
    s.status = "published";
    s.evaluation_unit = evaluation_unit;
    s.themes = {theme};
    f.series_id = TrainingStore::insert_series(sql, s, now - 30 * 86400);
    for (int day : {2, 1}) {
      Session session;
      session.series_id = f.series_id;
      session.format = day == 2 ? "in_person" : "online";
      session.starts_at = now - day * 86400;
      session.ends_at = session.starts_at + 3 * 3600;
      session.capacity = 20;
      f.sessions.push_back(TrainingStore::insert_session(sql, session, now - 30 * 86400));
    }
    for (int i = 0; i < people; ++i) {
      Registration r;
      r.unit.series_id = f.series_id;
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

std::string evaluation_path(TestServer& server, std::int64_t registration,
                            std::optional<std::int64_t> session = std::nullopt) {
  return "/vorming/evaluatie?token=" + service(server).token_for(registration, session);
}

int count(TestServer& server, const std::string& query) {
  int n = 0;
  server.db().run([&](soci::session& sql) { sql << query, soci::into(n); });
  return n;
}

const std::string valid_form =
    "satisfaction=4&usefulness=5&will_use=signals&will_use=referral&free_text=Heel+leerrijk"
    "&confidence_0=7&confidence_1=8&confidence_2=9";

TYPED_TEST(Evaluation, TheFormStoresAnAnonymousAnswerOnce) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "eenmaal");
  const std::string path = evaluation_path(server, f.registrations[0]);
  auto page = http_get(server.port(), path);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Evaluatie: Reeks eenmaal"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"confidence_2\""), std::string::npos);
  EXPECT_NE(page.body.find("<legend>Hoe tevreden ben je over de vorming?</legend>"),
            std::string::npos);

  auto sent = http_post(server.port(), path, valid_form);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_NE(sent.body.find("Bedankt voor je evaluatie"), std::string::npos);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_evaluations"), 1);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_confidence WHERE phase = 'after'"), 3);
  EXPECT_EQ(count(server,
                  "SELECT COUNT(*) FROM training_registrations WHERE evaluated_at IS "
                  "NOT NULL"),
            1);
  // What is stored carries the pair key and the day, nothing that names the person.
  server.db().run([&](soci::session& sql) {
    std::string key, will_use, sector;
    long long day = 0;
    sql << "SELECT pair_key, will_use, sector, submitted_on FROM training_evaluations",
        soci::into(key), soci::into(will_use), soci::into(sector), soci::into(day);
    EXPECT_EQ(key, pair_key(store::signing_key(server.db()), f.registrations[0]));
    EXPECT_EQ(will_use, "signals,referral");
    EXPECT_EQ(sector, "education");
    EXPECT_EQ(day % 86400, 0);
  });

  // A second time: refused, nothing changes.
  auto again = http_post(server.port(), path,
                         "satisfaction=1&usefulness=1&confidence_0=1&confidence_1=1&"
                         "confidence_2=1");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("Je hebt deze vorming al geëvalueerd."), std::string::npos);
  EXPECT_EQ(http_get(server.port(), path).status, 409);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_evaluations"), 1);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_confidence WHERE value = 1"), 0);
}

TYPED_TEST(Evaluation, BadValuesGetAMessageA422AndStoreNothing) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "foutief");
  const std::string path = evaluation_path(server, f.registrations[0]);
  const std::string rest = "&confidence_0=5&confidence_1=5&confidence_2=5";
  const std::string sat_message = "Kies hoe tevreden je bent, van 1 tot 5.";
  const std::string use_message = "Kies hoe nuttig de vorming was, van 1 tot 5.";
  const std::string conf_message = "Kies bij deze uitspraak een getal van 1 tot 10.";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"satisfaction=0&usefulness=3" + rest, sat_message},
      {"satisfaction=6&usefulness=3" + rest, sat_message},
      {"satisfaction=abc&usefulness=3" + rest, sat_message},
      {"usefulness=3" + rest, sat_message},
      {"satisfaction=3&usefulness=-1" + rest, use_message},
      {"satisfaction=3" + rest, use_message},
      {"satisfaction=3&usefulness=3&confidence_0=11&confidence_1=5&confidence_2=5", conf_message},
      {"satisfaction=3&usefulness=3&confidence_0=0&confidence_1=5&confidence_2=5", conf_message},
      {"satisfaction=3&usefulness=3&confidence_1=5&confidence_2=5", conf_message},
      {"satisfaction=3&usefulness=3&confidence_0=x&confidence_1=5&confidence_2=5", conf_message},
      {"satisfaction=3&usefulness=3&free_text=" + std::string(4001, 'a') + rest,
       "Schrijf hoogstens 4000 tekens."},
      {"satisfaction=3&usefulness=3&will_use=signals&will_use=hacking" + rest,
       "Kies alleen uit de getoonde mogelijkheden."},
  };
  for (const auto& [body, message] : cases) {
    auto reply = http_post(server.port(), path, body);
    EXPECT_EQ(reply.status, 422) << body.substr(0, 80);
    EXPECT_NE(reply.body.find(message), std::string::npos) << body.substr(0, 80);
    EXPECT_NE(reply.body.find("error-summary"), std::string::npos);
  }
  // The form keeps what was chosen.
  auto reply = http_post(server.port(), path, "satisfaction=4&usefulness=9&will_use=team" + rest);
  EXPECT_NE(reply.body.find("id=\"satisfaction-4\" name=\"satisfaction\" value=\"4\" checked"),
            std::string::npos);
  EXPECT_NE(reply.body.find("value=\"team\" checked"), std::string::npos);
  EXPECT_NE(reply.body.find("aria-describedby=\"usefulness-uitleg usefulness-fout\""),
            std::string::npos);
  // 4000 characters (accented ones count once) are fine.
  std::string long_text;
  for (int i = 0; i < 4000; ++i) long_text += "%C3%A9";
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_evaluations"), 0);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_confidence"), 0);
  EXPECT_EQ(count(server,
                  "SELECT COUNT(*) FROM training_registrations WHERE evaluated_at IS "
                  "NOT NULL"),
            0);
  EXPECT_EQ(
      http_post(server.port(), path, "satisfaction=3&usefulness=3&free_text=" + long_text + rest)
          .status,
      200);
}

TYPED_TEST(Evaluation, TamperedExpiredOrForeignTokensAreRefused) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "sleutel");
  const std::string token = service(server).token_for(f.registrations[0], std::nullopt);
  std::string tampered = token;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  // Another registration's id with this token's signature.
  std::string swapped = std::to_string(f.registrations[1]) + token.substr(token.find('.'));
  const std::string key = store::signing_key(server.db());
  const std::string other_purpose =
      sign_token(key, "checkin", std::to_string(f.registrations[0]), server.clock().now() + 3600);
  for (const auto& t : {tampered, swapped, other_purpose, std::string("abc"), std::string()}) {
    EXPECT_EQ(http_get(server.port(), "/vorming/evaluatie?token=" + t).status, 403) << t;
    EXPECT_EQ(http_post(server.port(), "/vorming/evaluatie?token=" + t, valid_form).status, 403)
        << t;
  }
  // A session token for a series evaluated as a whole does not fit either.
  EXPECT_EQ(
      http_get(server.port(), evaluation_path(server, f.registrations[0], f.sessions[0])).status,
      403);
  const std::string path = evaluation_path(server, f.registrations[0]);
  server.clock().advance(evaluation_link_seconds + 1);
  EXPECT_EQ(http_post(server.port(), path, valid_form).status, 403);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_evaluations"), 0);
}

TYPED_TEST(Evaluation, OnlyParticipantsHoldingAPlaceMayEvaluate) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "plaats");
  server.db().transact([&](soci::session& sql) {
    long long cancelled = f.registrations[0], waiting = f.registrations[1];
    sql << "UPDATE training_registrations SET state = 'cancelled' WHERE id = :id",
        soci::use(cancelled);
    sql << "UPDATE training_registrations SET state = 'waitlisted', queue_position = 1 WHERE id "
           "= :id",
        soci::use(waiting);
  });
  auto cancelled =
      http_post(server.port(), evaluation_path(server, f.registrations[0]), valid_form);
  EXPECT_EQ(cancelled.status, 409);
  EXPECT_NE(cancelled.body.find("geannuleerd"), std::string::npos);
  EXPECT_EQ(
      http_post(server.port(), evaluation_path(server, f.registrations[1]), valid_form).status,
      403);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_evaluations"), 0);
}

TYPED_TEST(Evaluation, BeforeAndAfterOfOneRegistrationMakeOnePair) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "paren", 4);
  const std::string key = store::signing_key(server.db());
  std::vector<Registration> regs;
  server.db().run([&](soci::session& sql) {
    for (auto id : f.registrations) regs.push_back(*TrainingStore::find_registration(sql, id));
  });
  server.db().transact([&](soci::session& sql) {
    record_confidence_before(sql, key, regs[0], {3, 4, 5});
    record_confidence_before(sql, key, regs[1], {5, 0, 7});  // question 2 not answered
    record_confidence_before(sql, key, regs[2], {2, 2, 2});  // never evaluates
    record_confidence_before(sql, key, regs[3], {});         // nothing answered
    // All four were invited: they are the expected evaluations.
    for (const auto& r : regs) EvaluationStore::mark_invited(sql, r.id, 0, server.clock().now());
  });
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM training_confidence WHERE phase = 'before'"), 8);
  // After: registrations 0, 1 and 3 (3 has no "before").
  ASSERT_EQ(http_post(server.port(), evaluation_path(server, f.registrations[0]),
                      "satisfaction=5&usefulness=4&confidence_0=6&confidence_1=7&confidence_2=9")
                .status,
            200);
  ASSERT_EQ(http_post(server.port(), evaluation_path(server, f.registrations[1]),
                      "satisfaction=3&usefulness=4&confidence_0=9&confidence_1=8&confidence_2=8")
                .status,
            200);
  ASSERT_EQ(http_post(server.port(), evaluation_path(server, f.registrations[3]),
                      "satisfaction=4&usefulness=2&confidence_0=1&confidence_1=1&confidence_2=1")
                .status,
            200);
  Series series;
  server.db().run(
      [&](soci::session& sql) { series = *TrainingStore::find_series(sql, f.series_id); });
  const SeriesResults r = service(server).results(series);
  EXPECT_EQ(r.expected, 4);
  EXPECT_EQ(r.answered, 3);
  ASSERT_EQ(r.pending.size(), 1u);
  EXPECT_EQ(r.pending[0].due.registration.id, f.registrations[2]);
  ASSERT_EQ(r.confidence.size(), 3u);
  // Question 0: pairs (3,6) and (5,9): differences 3 and 4, mean 3.5; the
  // unpaired before 2 (reg 2) and after 1 (reg 3) do not count in the pairs.
  EXPECT_EQ(r.confidence[0].change.pairs, 2);
  EXPECT_DOUBLE_EQ(*r.confidence[0].change.mean_difference, 3.5);
  EXPECT_DOUBLE_EQ(*r.confidence[0].change.mean_before, 4.0);
  EXPECT_EQ(r.confidence[0].before.n, 3);
  EXPECT_EQ(r.confidence[0].after.n, 3);
  // Question 1: only registration 0 answered it both times (4, 7): one pair, no interval.
  EXPECT_EQ(r.confidence[1].change.pairs, 1);
  EXPECT_DOUBLE_EQ(*r.confidence[1].change.mean_difference, 3.0);
  EXPECT_FALSE(r.confidence[1].change.ci_low);
  // Question 2: (5, 9) and (7, 8): differences 4 and 1.
  EXPECT_EQ(r.confidence[2].change.pairs, 2);
  EXPECT_DOUBLE_EQ(*r.confidence[2].change.mean_difference, 2.5);
  EXPECT_EQ(r.satisfaction.n, 3);
  EXPECT_DOUBLE_EQ(*r.satisfaction.mean, 4.0);

  // The organiser's page shows the same, with the person who did not answer.
  auto page = http_get(server.port(), "/vorming/paren/evaluatie",
                       session_cookie(server, "spoc.gent@demo.schakel.be"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("3 van de 4 verwachte evaluaties"), std::string::npos);
  EXPECT_NE(page.body.find("Deelnemer paren 2"), std::string::npos);
  EXPECT_EQ(page.body.find("Deelnemer paren 0"), std::string::npos) << "answered: not listed";
  EXPECT_NE(page.body.find("<td>2</td><td>3,50</td>"), std::string::npos) << "2 pairs, +3,50";
  EXPECT_NE(page.body.find("role=\"img\""), std::string::npos);
  EXPECT_NE(page.body.find("<th scope=\"row\">4</th><td>1</td><td>33%</td>"), std::string::npos)
      << "satisfaction 4 once of three";
}

TYPED_TEST(Evaluation, ResultsAreForTheOrganiserOnly) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  make_series(server, "alleen");
  const std::string path = "/vorming/alleen/evaluatie";
  EXPECT_EQ(http_get(server.port(), path).status, 303);
  EXPECT_EQ(
      http_get(server.port(), path, session_cookie(server, "spoc.gent@demo.schakel.be")).status,
      200);
  EXPECT_EQ(
      http_get(server.port(), path, session_cookie(server, "coordinator@demo.schakel.be")).status,
      200);
  EXPECT_EQ(
      http_get(server.port(), path, session_cookie(server, "spoc.aalst@demo.schakel.be")).status,
      403);
  EXPECT_EQ(
      http_get(server.port(), path, session_cookie(server, "professional@demo.schakel.be")).status,
      403);
  EXPECT_EQ(
      http_get(server.port(), path + ".xlsx", session_cookie(server, "spoc.aalst@demo.schakel.be"))
          .status,
      403);
  EXPECT_EQ(http_get(server.port(), "/vorming/bestaat-niet/evaluatie",
                     session_cookie(server, "spoc.gent@demo.schakel.be"))
                .status,
            404);
}

TYPED_TEST(Evaluation, OneReminderToThoseWhoDidNotAnswer) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "herinner", 3);
  ASSERT_EQ(http_post(server.port(), evaluation_path(server, f.registrations[0]),
                      "free_text=Heel+%3Cb%3Eleerrijk%3C%2Fb%3E&" + valid_form)
                .status,
            200);
  std::string csrf;
  const std::string cookie = session_cookie(server, "spoc.gent@demo.schakel.be", &csrf);
  const std::string reminder_subject = "Herinnering: evalueer de vorming „Reeks herinner”";
  auto first = http_post(server.port(), "/vorming/herinner/evaluatie/herinneren", "_csrf=" + csrf,
                         "application/x-www-form-urlencoded", cookie);
  ASSERT_EQ(first.status, 303);
  auto page = http_get(server.port(), "/vorming/herinner/evaluatie", cookie);
  EXPECT_NE(page.body.find("Er zijn 2 herinneringen verstuurd."), std::string::npos);
  EXPECT_NE(page.body.find("verstuurd op"), std::string::npos);
  EXPECT_NE(page.body.find("<li><p>Heel &lt;b&gt;leerrijk&lt;/b&gt;</p></li>"), std::string::npos)
      << "free texts, escaped";
  int reminders = 0, to_answered = 0;
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM mail_outbox WHERE subject = :s", soci::use(reminder_subject),
        soci::into(reminders);
    sql << "SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'deelnemer0@herinner.be'",
        soci::into(to_answered);
  });
  EXPECT_EQ(reminders, 2);
  EXPECT_EQ(to_answered, 0);
  http_post(server.port(), "/vorming/herinner/evaluatie/herinneren", "_csrf=" + csrf,
            "application/x-www-form-urlencoded", cookie);
  page = http_get(server.port(), "/vorming/herinner/evaluatie", cookie);
  EXPECT_NE(page.body.find("Er is niemand meer om te herinneren"), std::string::npos);
  server.db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM mail_outbox WHERE subject = :s", soci::use(reminder_subject),
        soci::into(reminders);
  });
  EXPECT_EQ(reminders, 2);
}

TYPED_TEST(Evaluation, TheExportsHoldTheAnonymousAnswersAndAreAudited) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto f = make_series(server, "export", 2);
  std::vector<Registration> regs;
  server.db().run([&](soci::session& sql) {
    for (auto id : f.registrations) regs.push_back(*TrainingStore::find_registration(sql, id));
  });
  const std::string key = store::signing_key(server.db());
  server.db().transact([&](soci::session& sql) {
    record_confidence_before(sql, key, regs[0], {2, 3, 4});
  });
  ASSERT_EQ(http_post(server.port(), evaluation_path(server, f.registrations[0]),
                      "satisfaction=4&usefulness=5&will_use=signals&will_use=team&free_text=%3DSUM"
                      "(A1)+was+goed&confidence_0=7&confidence_1=8&confidence_2=9")
                .status,
            200);
  const std::string cookie = session_cookie(server, "spoc.gent@demo.schakel.be");
  auto xlsx = http_get(server.port(), "/vorming/export/evaluatie.xlsx", cookie);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  schakel::testing::TempDir dir;
  const std::string file = (dir.path() / "evaluatie.xlsx").string();
  std::ofstream(file, std::ios::binary) << xlsx.body;
  const std::string script = (dir.path() / "read.py").string();
  std::ofstream(script) << "import openpyxl, sys\n"
                           "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
                           "for row in ws.iter_rows(values_only=True):\n"
                           "    print('|'.join('' if v is None else str(v) for v in row))\n";
  const std::string out = schakel::testing::run_command("/usr/bin/python3 " + script + " " + file);
  EXPECT_NE(out.find("Reeks|Sessie|Dag|Sector|Tevredenheid|Nut|Gaat gebruiken|Opmerking|"
                     "Vertrouwen vooraf 1|Vertrouwen vooraf 2|Vertrouwen vooraf 3|"
                     "Vertrouwen achteraf 1|Vertrouwen achteraf 2|Vertrouwen achteraf 3"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("|education|4|5|Signalen herkennen, Delen met mijn team|=SUM(A1) was "
                     "goed|2|3|4|7|8|9"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("Deelnemer"), std::string::npos) << "no names";
  EXPECT_EQ(out.find("@export.be"), std::string::npos) << "no addresses";

  auto csv = http_get(server.port(), "/vorming/export/evaluatie.csv", cookie);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(",'=SUM(A1) was goed,"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("Deelnemer"), std::string::npos);

  audit::Filter filter;
  filter.action = "export";
  filter.object_prefix = "training_series:" + std::to_string(f.series_id);
  EXPECT_EQ(audit::find(server.db(), filter).size(), 2u);
}

TYPED_TEST(Evaluation, TheImpactReportIsTheCoordinatorsAndGroupsTheFigures) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto a = make_series(server, "impact-a", 2, "series", "eval_impactthema");
  auto b = make_series(server, "impact-b", 2, "series", "eval_impactthema");
  const std::string key = store::signing_key(server.db());
  // Pairs: a0 (4,4,4)->(6,6,6): +2; b0 (5,5,5)->(8,8,8): +3; b1 has only "after".
  server.db().transact([&](soci::session& sql) {
    record_confidence_before(sql, key, *TrainingStore::find_registration(sql, a.registrations[0]),
                             {4, 4, 4});
    record_confidence_before(sql, key, *TrainingStore::find_registration(sql, b.registrations[0]),
                             {5, 5, 5});
  });
  for (const auto& [id, values] : std::vector<std::pair<std::int64_t, std::string>>{
           {a.registrations[0], "6"}, {b.registrations[0], "8"}, {b.registrations[1], "2"}})
    ASSERT_EQ(http_post(server.port(), evaluation_path(server, id),
                        "satisfaction=4&usefulness=3&confidence_0=" + values +
                            "&confidence_1=" + values + "&confidence_2=" + values)
                  .status,
              200);
  const auto groups = service(server).impact();
  const ImpactGroup* theme = nullptr;
  for (const auto& g : groups)
    if (g.dimension == "theme" && g.value == "eval_impactthema") theme = &g;
  ASSERT_NE(theme, nullptr);
  EXPECT_EQ(theme->series, 2);
  EXPECT_EQ(theme->participants, 4);
  EXPECT_EQ(theme->responses, 3);
  EXPECT_DOUBLE_EQ(*theme->satisfaction.mean, 4.0);
  EXPECT_EQ(theme->confidence.pairs, 2);
  EXPECT_DOUBLE_EQ(*theme->confidence.mean_difference, 2.5);
  // Differences 2 and 3: sd = 0.7071, t(0.975, 1) = 12.706: 2.5 ± 6.353.
  EXPECT_NEAR(*theme->confidence.ci_low, 2.5 - 12.7062 * 0.5, 1e-3);

  const std::string path = "/vorming/impact";
  EXPECT_EQ(http_get(server.port(), path).status, 303);
  for (const char* who :
       {"professional@demo.schakel.be", "spoc.gent@demo.schakel.be", "admin@demo.schakel.be"}) {
    EXPECT_EQ(http_get(server.port(), path, session_cookie(server, who)).status, 403) << who;
    EXPECT_EQ(http_get(server.port(), path + ".csv", session_cookie(server, who)).status, 403);
  }
  const std::string cookie = session_cookie(server, "coordinator@demo.schakel.be");
  auto page = http_get(server.port(), path, cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Zo lees je dit rapport"), std::string::npos);
  EXPECT_NE(page.body.find("<th scope=\"row\">eval_impactthema</th><td>2</td><td>4</td><td>3</td>"
                           "<td>4,00</td><td>3,00</td><td>2</td><td>2,50</td>"),
            std::string::npos);
  EXPECT_NE(page.body.find("Per vorm"), std::string::npos);
  EXPECT_NE(page.body.find("Per sector van de deelnemers"), std::string::npos);
  EXPECT_NE(page.body.find("Per jaar"), std::string::npos);
  auto csv = http_get(server.port(), path + ".csv", cookie);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Thema,eval_impactthema,2,4,3,4,3,2,2.5,"), std::string::npos)
      << csv.body;
  auto xlsx = http_get(server.port(), path + ".xlsx", cookie);
  EXPECT_EQ(xlsx.status, 200);
  audit::Filter filter;
  filter.action = "export";
  filter.object_prefix = "training_impact";
  EXPECT_EQ(audit::find(server.db(), filter).size(), 2u);
}

TYPED_TEST(Evaluation, TheJobInvitesEachParticipantOnce) {
  TestServer server(TypeParam::backend, {}, true);
  without_demo_series(server);
  auto whole = make_series(server, "uitnodiging", 2);
  auto per_session = make_series(server, "persessie", 1, "session");
  // A series still running: its last session ends tomorrow.
  auto running = make_series(server, "lopend", 1);
  // A series that ended a month ago (before invitations existed): not mailed now.
  auto old = make_series(server, "oud", 1);
  server.db().transact([&](soci::session& sql) {
    long long id = running.sessions[1], later = server.clock().now() + 86400;
    sql << "UPDATE training_sessions SET starts_at = :a, ends_at = :b WHERE id = :id",
        soci::use(later), soci::use(later + 3600), soci::use(id);
    long long earlier = server.clock().now() - 30 * 86400;
    sql << "UPDATE training_sessions SET starts_at = :a, ends_at = :b WHERE series_id = :s",
        soci::use(earlier), soci::use(earlier + 3600), soci::use(old.series_id);
  });
  const auto invitations = [&] {
    return count(server,
                 "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Hoe was de vorming%' "
                 "AND (recipient LIKE '%@uitnodiging.be' OR recipient LIKE '%@persessie.be' OR "
                 "recipient LIKE '%@lopend.be')");
  };
  server.app().jobs().trigger("trainings.evaluation_invites");
  server.app().jobs().run_due();
  // Two of the whole series, two sessions of the other, none of the running one.
  EXPECT_EQ(invitations(), 4);
  // (The running series gets its reminder from another job: only invitations count.)
  EXPECT_EQ(count(server,
                  "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE '%@lopend.be' AND "
                  "subject LIKE 'Hoe was de vorming%'"),
            0);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE '%@oud.be'"), 0);
  EXPECT_EQ(count(server,
                  "SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE "
                  "'%@uitnodiging.be' AND body_text LIKE '%/vorming/evaluatie?token=%'"),
            2)
      << "the mail holds the link";
  server.app().jobs().trigger("trainings.evaluation_invites");
  server.app().jobs().run_due();
  EXPECT_EQ(invitations(), 4) << "once";
  // The running series ends: its participant is invited, the others not again.
  server.clock().advance(2 * 86400);
  server.app().jobs().trigger("trainings.evaluation_invites");
  server.app().jobs().run_due();
  EXPECT_EQ(invitations(), 5);
  // The per-session links work for their own session.
  EXPECT_EQ(http_get(server.port(),
                     evaluation_path(server, per_session.registrations[0], per_session.sessions[1]))
                .status,
            200);
  EXPECT_EQ(http_get(server.port(), evaluation_path(server, per_session.registrations[0])).status,
            403);
  // Evaluated per session: once for each session.
  for (auto session : per_session.sessions)
    EXPECT_EQ(http_post(server.port(),
                        evaluation_path(server, per_session.registrations[0], session), valid_form)
                  .status,
              200);
  EXPECT_EQ(
      http_post(server.port(),
                evaluation_path(server, per_session.registrations[0], per_session.sessions[0]),
                valid_form)
          .status,
      409);
  // The link for mails, from a registration.
  Registration r;
  server.db().run([&](soci::session& sql) {
    r = *TrainingStore::find_registration(sql, whole.registrations[1]);
  });
  const std::string link = evaluation_link(server.app(), r, std::nullopt);
  EXPECT_EQ(link.rfind(server.app().base_url() + "/vorming/evaluatie?token=", 0), 0u) << link;
  EXPECT_EQ(http_get(server.port(), schakel::testing::path_of(link)).status, 200);
}

TEST(EvaluationForm, ConfidenceIsOptionalAtRegistration) {
  web::Form empty;
  auto none = parse_confidence(empty);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none.value().empty());
  web::Form some;
  some.add("confidence_1", "7");
  auto partly = parse_confidence(some);
  ASSERT_TRUE(partly);
  EXPECT_EQ(partly.value(), (std::vector<int>{0, 7, 0}));
  for (const char* bad : {"0", "11", "abc", "7.5", "-3", "1000"}) {
    web::Form form;
    form.add("confidence_2", bad);
    auto parsed = parse_confidence(form);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().message_for("confidence_2"),
              "Kies bij deze uitspraak een getal van 1 tot 10.");
  }
  auto required = parse_confidence(some, true);
  ASSERT_FALSE(required);
  EXPECT_EQ(required.error().fields.size(), 2u);
}

TEST(EvaluationForm, TheConfidenceFieldsRenderForTheRegistrationForm) {
  TestServer server;
  const std::string html = render_confidence_fields(server.app(), {0, 4, 0}, nullptr);
  EXPECT_NE(html.find("Dit is niet verplicht."), std::string::npos);
  EXPECT_NE(html.find("<legend>" + confidence_questions()[0] + "</legend>"), std::string::npos);
  EXPECT_NE(html.find("id=\"confidence_1-4\" name=\"confidence_1\" value=\"4\" checked"),
            std::string::npos);
  std::size_t radios = 0;
  for (auto at = html.find("type=\"radio\""); at != std::string::npos;
       at = html.find("type=\"radio\"", at + 1))
    ++radios;
  EXPECT_EQ(radios, 10 * confidence_questions().size());
}

TEST(EvaluationForm, TheConfidenceFieldsModelShowsChoicesAndErrors) {
  const Error error =
      Error::invalid("confidence_1", "Kies bij deze uitspraak een getal van 1 tot 10.");
  const auto model = confidence_fields_model({0, 7, 0}, &error);
  ASSERT_EQ(model["confidence_questions"].size(), confidence_questions().size());
  EXPECT_EQ(model["confidence_questions"][1]["name"], "confidence_1");
  EXPECT_EQ(model["confidence_questions"][1]["options"][6]["checked"], true);
  EXPECT_EQ(model["confidence_questions"][1]["error"], error.fields[0].message);
  EXPECT_EQ(model["confidence_questions"][0]["error"], false);
  EXPECT_EQ(model["confidence_required"], false);
}

}  // namespace
}  // namespace schakel::trainings
