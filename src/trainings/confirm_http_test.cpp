// Issue 10 over HTTP, on SQLite and PostgreSQL: destructive actions ask first
// without JavaScript (a GET confirmation page that changes nothing, the action
// only after its POST), the series page shows past and upcoming sessions apart
// and no free places once registration closed, several sessions in one form,
// and the participant corrects the name for the certificate.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trainings/certificate_service.hpp"
#include "trainings/notifications.hpp"
#include "trainings/service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::cookie_of;
using schakel::testing::demo_server;
using schakel::testing::extract_cookie;
using schakel::testing::extract_csrf;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class ConfirmHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server = demo_server(B::backend);
  }
  // A published series of Gent with sessions `days` from now (3 hours each, 4
  // places), created 30 days ago.
  Series make_series(const std::string& slug, const std::vector<int>& days,
                     const std::string& unit = "series", bool late_join = false) {
    const std::int64_t now = server->clock().now();
    Series s;
    server->db().transact([&](soci::session& sql) {
      s.slug = slug;
      s.title = "Reeks " + slug;
      s.owner_nis_code = "44021";
      s.organiser = "Gent";
      s.status = "published";
      s.registration_unit = unit;
      s.late_join = late_join;
      s.id = TrainingStore::insert_series(sql, s, now - 30 * 86400);
      for (int d : days) {
        Session x;
        x.series_id = s.id;
        x.starts_at = now + d * 86400;
        x.ends_at = x.starts_at + 3 * 3600;
        x.capacity = 4;
        TrainingStore::insert_session(sql, x, now - 30 * 86400);
      }
    });
    return s;
  }
  std::string state(std::int64_t registration) {
    return server->db().run([&](soci::session& sql) {
      return TrainingStore::find_registration(sql, registration)->state;
    });
  }
  std::unique_ptr<TestServer> server;
};
TYPED_TEST_SUITE(ConfirmHttp, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(ConfirmHttp, CancellingARegistrationAsksFirstAndOnlyThePostCancels) {
  auto& s = *this->server;
  auto series = this->make_series("annuleren", {5, 12});
  RegistrationService service(s.db(), s.clock());
  auto r = service
               .register_person(Unit{series.id, std::nullopt},
                                Person{std::nullopt, "Gast Een", "gast@voorbeeld.be"})
               .value();
  const std::string manage = Mailer(s.app()).manage_path(r.id);
  const std::string token = manage.substr(manage.find("token=") + 6);

  auto page = http_get(s.port(), manage);
  ASSERT_EQ(page.status, 200);
  const std::string cookie = cookie_of(page);
  const std::string csrf = extract_csrf(page.body);
  EXPECT_NE(page.body.find("annuleren?token"), std::string::npos)
      << "a link to the confirmation page, not a one-click form";
  EXPECT_EQ(page.body.find("action=\"/vorming/inschrijving/annuleren\""), std::string::npos);

  // The confirmation page changes nothing.
  auto confirm = http_get(s.port(), "/vorming/inschrijving/annuleren?token=" + token, cookie);
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_NE(confirm.body.find("Ja, annuleren"), std::string::npos);
  EXPECT_NE(confirm.body.find("Nee, terug"), std::string::npos);
  EXPECT_NE(confirm.body.find("name=\"bevestigd\" value=\"ja\""), std::string::npos);
  EXPECT_EQ(this->state(r.id), "registered");
  // A post that does not come from the confirmation page asks again.
  auto unconfirmed =
      http_post(s.port(), "/vorming/inschrijving/annuleren", "_csrf=" + csrf + "&token=" + token,
                "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(unconfirmed.status, 200);
  EXPECT_NE(unconfirmed.body.find("Ja, annuleren"), std::string::npos);
  EXPECT_EQ(this->state(r.id), "registered");
  // A bad token changes nothing either.
  EXPECT_EQ(http_get(s.port(), "/vorming/inschrijving/annuleren?token=vals", cookie).status, 403);
  EXPECT_EQ(this->state(r.id), "registered");

  auto done = http_post(s.port(), "/vorming/inschrijving/annuleren",
                        "_csrf=" + csrf + "&token=" + token + "&bevestigd=ja",
                        "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(this->state(r.id), "cancelled");
}

TYPED_TEST(ConfirmHttp, RevokingACertificateAsksFirstAndOnlyThePostRevokes) {
  auto& s = *this->server;
  auto series = this->make_series("intrekken", {-3});
  std::int64_t registration = 0;
  s.db().transact([&](soci::session& sql) {
    Registration r;
    r.unit.series_id = series.id;
    r.name = "Ann Attest";
    r.email = "ann@voorbeeld.be";
    r.state = "registered";
    registration = TrainingStore::insert_registration(sql, r, s.clock().now() - 20 * 86400);
    long long reg = registration, session = TrainingStore::sessions_of(sql, series.id)[0].id,
              at = s.clock().now();
    sql << "INSERT INTO training_attendance (session_id, registration_id, present, method, "
           "marked_at) VALUES (:s, :r, 1, 'list', :m)",
        soci::use(session), soci::use(reg), soci::use(at);
  });
  CertificateService certificates(s.db(), s.clock());
  auto c = certificates.issue_or_get(registration, Actor{}).value();
  auto valid = [&] {
    for (const auto& x : certificates.certificates(series.id))
      if (x.id == c.id) return x.valid();
    return false;
  };
  std::string csrf;
  const auto spoc = session_cookie(s, "spoc.gent@demo.schakel.be", &csrf);
  const std::string base = "/vorming/intrekken/attesten";
  auto list = http_get(s.port(), base, spoc);
  ASSERT_EQ(list.status, 200);
  const std::string path = base + "/" + std::to_string(c.id) + "/intrekken";
  EXPECT_NE(list.body.find("href=\"" + path + "\""), std::string::npos);
  EXPECT_EQ(list.body.find("action=\"" + path + "\""), std::string::npos);

  auto confirm = http_get(s.port(), path, spoc);
  ASSERT_EQ(confirm.status, 200) << confirm.body;
  EXPECT_NE(confirm.body.find("Ja, intrekken"), std::string::npos);
  EXPECT_NE(confirm.body.find("Nee, terug"), std::string::npos);
  EXPECT_NE(confirm.body.find(c.code), std::string::npos);
  EXPECT_TRUE(valid());
  // Someone else's organiser sees no confirmation page.
  EXPECT_EQ(http_get(s.port(), path, session_cookie(s, "spoc.aalst@demo.schakel.be")).status, 403);

  const std::string form = "application/x-www-form-urlencoded";
  auto unconfirmed = http_post(s.port(), path, "_csrf=" + csrf + "&reason=Fout", form, spoc);
  EXPECT_EQ(unconfirmed.status, 200);
  EXPECT_NE(unconfirmed.body.find("value=\"Fout\""), std::string::npos);
  EXPECT_TRUE(valid());
  auto no_reason = http_post(s.port(), path, "_csrf=" + csrf + "&bevestigd=ja&reason=", form, spoc);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("Ja, intrekken"), std::string::npos);
  EXPECT_TRUE(valid());
  auto done =
      http_post(s.port(), path, "_csrf=" + csrf + "&bevestigd=ja&reason=Niet+aanwezig", form, spoc);
  EXPECT_EQ(done.status, 303) << done.body;
  EXPECT_FALSE(valid());
}

TYPED_TEST(ConfirmHttp, TheSeriesPageShowsPastAndUpcomingApartAndNoPlacesOnceClosed) {
  auto& s = *this->server;
  this->make_series("half-voorbij", {-9, -6, -2, 5});
  auto page = http_get(s.port(), "/vorming/half-voorbij");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Komende sessies"), std::string::npos);
  EXPECT_NE(page.body.find("Voorbije sessies"), std::string::npos);
  EXPECT_LT(page.body.find("Komende sessies"), page.body.find("Voorbije sessies"));
  EXPECT_NE(page.body.find("De inschrijvingen zijn afgesloten: de reeks is al begonnen."),
            std::string::npos);
  EXPECT_EQ(page.body.find("Nog 4 plaatsen"), std::string::npos);
  EXPECT_EQ(page.body.find("/vorming/half-voorbij/inschrijven#"), std::string::npos);
  EXPECT_EQ(http_get(s.port(), "/vorming/half-voorbij/inschrijven").body.find("name=\"name\""),
            std::string::npos)
      << "no form";
  auto calendar = http_get(s.port(), "/vorming");
  EXPECT_NE(calendar.body.find("Inschrijvingen afgesloten"), std::string::npos);

  // Late joining allowed: open, with a note on what counts.
  this->make_series("laat-instappen", {-9, -6, -2, 5}, "series", true);
  auto late = http_get(s.port(), "/vorming/laat-instappen");
  EXPECT_NE(late.body.find("Nog 4 plaatsen"), std::string::npos);
  EXPECT_NE(late.body.find("Je kan nog instappen"), std::string::npos);

  // A professional who joined late sees the next session, not a past one, as coming.
  std::string csrf;
  const auto cookie = session_cookie(s, "professional@demo.schakel.be", &csrf);
  auto registered = http_post(s.port(), "/vorming/laat-instappen/inschrijven",
                              "_csrf=" + csrf + "&name=Pieter+Professional",
                              "application/x-www-form-urlencoded", cookie);
  ASSERT_EQ(registered.status, 303) << registered.body;
  auto mine = http_get(s.port(), "/vorming/mijn", cookie);
  ASSERT_EQ(mine.status, 200);
  const auto card = mine.body.find("Reeks laat-instappen");
  ASSERT_NE(card, std::string::npos);
  const std::string next =
      format_weekday_date_nl(s.clock().now() + 5 * 86400);  // the one still to come
  EXPECT_NE(mine.body.find("Volgende sessie: " + next, card), std::string::npos) << mine.body;
  EXPECT_NE(mine.body.find("1 sessie nog te gaan · 3 sessies voorbij", card), std::string::npos);
}

TYPED_TEST(ConfirmHttp, SeveralSessionsInOneFormWithoutScript) {
  auto& s = *this->server;
  auto series = this->make_series("losse-sessies", {3, 10, 17}, "session");
  std::vector<Session> sessions;
  s.db().run([&](soci::session& sql) { sessions = TrainingStore::sessions_of(sql, series.id); });
  std::string csrf;
  const auto cookie = session_cookie(s, "professional@demo.schakel.be", &csrf);
  auto form = http_get(s.port(), "/vorming/losse-sessies", cookie);
  EXPECT_NE(form.body.find("type=\"checkbox\" name=\"session\" value=\"" +
                           std::to_string(sessions[0].id) + "\""),
            std::string::npos);
  const std::string type = "application/x-www-form-urlencoded";
  auto none = http_post(s.port(), "/vorming/losse-sessies/inschrijven",
                        "_csrf=" + csrf + "&name=Pieter", type, cookie);
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("Kies minstens één sessie"), std::string::npos);
  auto done = http_post(s.port(), "/vorming/losse-sessies/inschrijven",
                        "_csrf=" + csrf + "&name=Pieter&session=" + std::to_string(sessions[0].id) +
                            "&session=" + std::to_string(sessions[2].id),
                        type, cookie);
  EXPECT_EQ(done.status, 303) << done.body;
  s.db().run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::of_unit(sql, Unit{series.id, sessions[0].id}).size(), 1u);
    EXPECT_EQ(TrainingStore::of_unit(sql, Unit{series.id, sessions[1].id}).size(), 0u);
    EXPECT_EQ(TrainingStore::of_unit(sql, Unit{series.id, sessions[2].id}).size(), 1u);
  });
  auto bad = http_post(
      s.port(), "/vorming/losse-sessies/inschrijven",
      "_csrf=" + csrf + "&name=Pieter&session=" + std::to_string(sessions[1].id) + "&session=abc",
      type, cookie);
  EXPECT_EQ(bad.status, 422);
  s.db().run([&](soci::session& sql) {
    EXPECT_EQ(TrainingStore::of_unit(sql, Unit{series.id, sessions[1].id}).size(), 0u);
  });
}

TYPED_TEST(ConfirmHttp, TheParticipantCorrectsTheNameForTheCertificate) {
  auto& s = *this->server;
  auto series = this->make_series("naam", {5});
  RegistrationService service(s.db(), s.clock());
  auto r = service
               .register_person(Unit{series.id, std::nullopt},
                                Person{std::nullopt, "ann peters", "ann@voorbeeld.be"})
               .value();
  const std::string manage = Mailer(s.app()).manage_path(r.id);
  const std::string token = manage.substr(manage.find("token=") + 6);
  auto page = http_get(s.port(), manage);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Naam zoals hij op je attest komt"), std::string::npos);
  const std::string cookie = cookie_of(page);
  const std::string csrf = extract_csrf(page.body);
  const std::string type = "application/x-www-form-urlencoded";
  auto name = [&] {
    return s.db().run(
        [&](soci::session& sql) { return TrainingStore::find_registration(sql, r.id)->name; });
  };
  auto too_long = http_post(s.port(), "/vorming/inschrijving/naam",
                            "_csrf=" + csrf + "&token=" + token + "&name=" + std::string(201, 'a'),
                            type, cookie);
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("hoogstens 200 tekens"), std::string::npos);
  EXPECT_EQ(name(), "ann peters");
  auto done = http_post(s.port(), "/vorming/inschrijving/naam",
                        "_csrf=" + csrf + "&token=" + token + "&name=Ann+Peeters", type, cookie);
  EXPECT_EQ(done.status, 303) << done.body;
  EXPECT_EQ(name(), "Ann Peeters");
}

}  // namespace
}  // namespace schakel::trainings
