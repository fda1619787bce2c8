// The calendar feeds over HTTP, on SQLite and PostgreSQL: public feeds without
// online links and only for public series, the private feed by its secret URL
// (with links, only the owner's places), its reset, and changes that reach
// subscribers under the same UID.
#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"
#include "trainings/ical.hpp"
#include "trainings/ical_test_support.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::cookie_header;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;
using schakel::testing::user_id;
using testing::parse_ics;

template <class B>
class CalendarRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    // The feeds are compared whole: without the demo series.
    server_->db().transact(
        [](soci::session& sql) { sql << "DELETE FROM training_series WHERE is_demo = 1"; });
    open_ = add_series("open-reeks", "published", "public");
    add_series("ontwerp-reeks", "draft", "public");
    add_series("netwerk-reeks", "published", "network");
  }

  // A series of Gent with an in-person and an online session.
  std::int64_t add_series(const std::string& slug, const std::string& status,
                          const std::string& visibility) {
    std::int64_t id = 0;
    const std::int64_t now = server_->clock().now();
    server_->db().transact([&](soci::session& sql) {
      Series s;
      s.slug = slug;
      s.title = "Reeks " + slug;
      s.owner_nis_code = "44021";
      s.organiser = "Gent";
      s.status = status;
      s.visibility = visibility;
      id = TrainingStore::insert_series(sql, s, now);
      Session here;
      here.series_id = id;
      here.address = "Botermarkt 1, 9000 Gent";
      here.starts_at = now + 10 * 86400;
      here.ends_at = here.starts_at + 3 * 3600;
      TrainingStore::insert_session(sql, here, now);
      Session online = here;
      online.module = "deepening";
      online.format = "online";
      online.online_url = "https://meet.example/" + slug;
      online.starts_at += 7 * 86400;
      online.ends_at += 7 * 86400;
      TrainingStore::insert_session(sql, online, now);
    });
    return id;
  }

  void register_user(const std::string& email, std::int64_t series) {
    server_->db().transact([&](soci::session& sql) {
      Registration r;
      r.unit.series_id = series;
      r.user_id = user_id(server_->db(), email);
      r.name = "Deelnemer";
      r.email = email;
      r.state = "registered";
      TrainingStore::insert_registration(sql, r, server_->clock().now());
    });
  }

  std::vector<Session> sessions_of(std::int64_t series) {
    std::vector<Session> out;
    server_->db().run([&](soci::session& sql) { out = TrainingStore::sessions_of(sql, series); });
    return out;
  }

  // The path of the private feed shown on "Mijn agenda" to `cookie`'s user.
  std::string feed_path_of(const std::string& cookie) {
    const auto page = http_get(server_->port(), "/vorming/mijn-agenda", cookie);
    EXPECT_EQ(page.status, 200);
    const auto at = page.body.find("/vorming/agenda/");
    if (at == std::string::npos) return "";
    const auto end = page.body.find(".ics", at);
    return page.body.substr(at, end + 4 - at);
  }

  std::string uid(std::int64_t session) { return session_uid(session, server_->app().base_url()); }

  std::unique_ptr<TestServer> server_;
  std::int64_t open_ = 0;
};
TYPED_TEST_SUITE(CalendarRoutes, Backends, BackendNames);

std::vector<std::string> uids(const nlohmann::json& cal) {
  std::vector<std::string> out;
  if (!cal.contains("events")) return out;
  for (const auto& e : cal["events"]) out.push_back(e["uid"].get<std::string>());
  return out;
}

std::string text(const nlohmann::json& value) { return value.get<std::string>(); }

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TYPED_TEST(CalendarRoutes, ThePublicFeedsShowPublicSeriesWithoutOnlineLinks) {
  const auto port = this->server_->port();
  const auto all = http_get(port, "/vorming/agenda.ics");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(all.body.find("meet.example"), std::string::npos);
  auto cal = parse_ics(all.body);
  const auto open = this->sessions_of(this->open_);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_TRUE(contains(uids(cal), this->uid(open[0].id)));
  EXPECT_TRUE(contains(uids(cal), this->uid(open[1].id)));
  for (const auto& e : cal["events"]) {
    EXPECT_EQ(text(e["summary"]).find("ontwerp-reeks"), std::string::npos);
    EXPECT_EQ(text(e["summary"]).find("netwerk-reeks"), std::string::npos);
  }

  const auto one = http_get(port, "/vorming/open-reeks/agenda.ics");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.find("meet.example"), std::string::npos);
  auto series = parse_ics(one.body);
  EXPECT_EQ(uids(series), (std::vector<std::string>{this->uid(open[0].id), this->uid(open[1].id)}));
  EXPECT_EQ(series["events"][1]["location"], "Online");

  // Calendar apps cannot sign in: a draft or a series for professionals has no
  // feed, not even for its organiser.
  const auto coordinator = session_cookie(*this->server_, "coordinator@demo.schakel.be");
  for (const char* path : {"/vorming/ontwerp-reeks/agenda.ics", "/vorming/netwerk-reeks/agenda.ics",
                           "/vorming/onbekend/agenda.ics"}) {
    EXPECT_EQ(http_get(port, path).status, 404) << path;
    EXPECT_EQ(http_get(port, path, coordinator).status, 404) << path;
  }
}

TYPED_TEST(CalendarRoutes, ThePrivateFeedShowsOnlyMyPlacesWithTheirLinks) {
  const auto port = this->server_->port();
  // The SPOC of Aalst has no place in the demo series (the demo professional has).
  this->register_user("spoc.aalst@demo.schakel.be", this->open_);
  const auto mine =
      this->feed_path_of(session_cookie(*this->server_, "spoc.aalst@demo.schakel.be"));
  ASSERT_FALSE(mine.empty());
  const auto reply = http_get(port, mine);  // no cookie: a calendar app
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  auto cal = parse_ics(reply.body);
  const auto open = this->sessions_of(this->open_);
  EXPECT_EQ(uids(cal), (std::vector<std::string>{this->uid(open[0].id), this->uid(open[1].id)}));
  EXPECT_EQ(cal["events"][1]["location"], "https://meet.example/open-reeks");

  // Someone else's feed holds none of it.
  const auto theirs =
      this->feed_path_of(session_cookie(*this->server_, "spoc.gent@demo.schakel.be"));
  ASSERT_FALSE(theirs.empty());
  EXPECT_NE(theirs, mine);
  const auto other = http_get(port, theirs);
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(other.body.find("meet.example"), std::string::npos);
  EXPECT_TRUE(parse_ics(other.body)["events"].empty());

  // A token that is not a feed's finds nothing.
  std::string tampered = mine;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  const std::string without_suffix = mine.substr(0, mine.size() - 4);
  for (const std::string& path :
       {tampered, without_suffix, without_suffix + ".ical", std::string("/vorming/agenda/.ics"),
        std::string("/vorming/agenda/onbekend.ics"), mine + ".ics",
        std::string("/vorming/agenda/%27%20OR%201%3D1.ics")})
    EXPECT_EQ(http_get(port, path).status, 404) << path;
}

TYPED_TEST(CalendarRoutes, ANewAddressMakesTheOldOneStopWorking) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "professional@demo.schakel.be", &csrf);
  const auto old_path = this->feed_path_of(cookie);
  ASSERT_EQ(http_get(port, old_path).status, 200);
  EXPECT_EQ(this->feed_path_of(cookie), old_path) << "the address stays until it is reset";

  // Without the CSRF token nothing happens.
  EXPECT_EQ(http_post(port, "/vorming/mijn-agenda/vernieuwen", "",
                      "application/x-www-form-urlencoded", cookie)
                .status,
            403);
  EXPECT_EQ(http_get(port, old_path).status, 200);

  const auto reset = http_post(port, "/vorming/mijn-agenda/vernieuwen", "_csrf=" + csrf,
                               "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(reset.status, 303);
  EXPECT_EQ(reset.header("Location"), "/vorming/mijn-agenda");
  EXPECT_EQ(http_get(port, old_path).status, 404);
  const auto page = http_get(port, "/vorming/mijn-agenda", cookie);
  EXPECT_NE(page.body.find("Je agenda heeft een nieuw adres."), std::string::npos);
  const auto new_path = this->feed_path_of(cookie);
  EXPECT_NE(new_path, old_path);
  EXPECT_EQ(http_get(port, new_path).status, 200);
  EXPECT_NE(page.body.find("webcal://127.0.0.1:" + std::to_string(port) + new_path),
            std::string::npos);
}

TYPED_TEST(CalendarRoutes, SigningInComesFirst) {
  const auto port = this->server_->port();
  const auto page = http_get(port, "/vorming/mijn-agenda");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.header("Location").rfind("/aanmelden?next=", 0), 0u);
  auto anonymous = this->server_->app().sessions().create(std::nullopt, "test");
  const auto post =
      http_post(port, "/vorming/mijn-agenda/vernieuwen", "_csrf=" + anonymous->csrf_token,
                "application/x-www-form-urlencoded", cookie_header(anonymous->token));
  EXPECT_EQ(post.status, 303);
  EXPECT_EQ(post.header("Location").rfind("/aanmelden?next=", 0), 0u);
  long long feeds = -1;
  this->server_->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM training_calendar_feeds", soci::into(feeds);
  });
  EXPECT_EQ(feeds, 0);
}

TYPED_TEST(CalendarRoutes, ChangesReachThePrivateFeedUnderTheSameUid) {
  const auto port = this->server_->port();
  this->register_user("professional@demo.schakel.be", this->open_);
  const auto path =
      this->feed_path_of(session_cookie(*this->server_, "professional@demo.schakel.be"));
  auto before = parse_ics(http_get(port, path).body);
  ASSERT_EQ(before["events"].size(), 2u);

  auto session = this->sessions_of(this->open_).at(0);
  session.starts_at += 2 * 3600;
  session.ends_at += 2 * 3600;
  this->server_->db().transact([&](soci::session& sql) {
    TrainingStore::update_session(sql, session, this->server_->clock().now());
  });
  auto moved = parse_ics(http_get(port, path).body);
  EXPECT_EQ(moved["events"][0]["uid"], before["events"][0]["uid"]);
  EXPECT_EQ(moved["events"][0]["start_utc"], session.starts_at);
  EXPECT_GT(moved["events"][0]["sequence"], before["events"][0]["sequence"]);

  session.status = "cancelled";
  this->server_->db().transact([&](soci::session& sql) {
    TrainingStore::update_session(sql, session, this->server_->clock().now());
  });
  auto cancelled = parse_ics(http_get(port, path).body);
  // The page counts what is still to come and takes place.
  const auto page = http_get(port, "/vorming/mijn-agenda",
                             session_cookie(*this->server_, "professional@demo.schakel.be"));
  EXPECT_NE(page.body.find("Nu staat er 1 sessie op je agenda die nog moet komen."),
            std::string::npos);
  EXPECT_EQ(cancelled["events"][0]["uid"], before["events"][0]["uid"]);
  EXPECT_EQ(cancelled["events"][0]["status"], "CANCELLED");
  EXPECT_GT(cancelled["events"][0]["sequence"], moved["events"][0]["sequence"]);
  EXPECT_EQ(cancelled["events"][1]["status"], "CONFIRMED");

  // The public feed of the series says the same once its cache learns of the change.
  this->server_->app().invalidate_page_cache();
  auto series = parse_ics(http_get(port, "/vorming/open-reeks/agenda.ics").body);
  EXPECT_EQ(series["events"][0]["uid"], before["events"][0]["uid"]);
  EXPECT_EQ(series["events"][0]["status"], "CANCELLED");
}

}  // namespace
}  // namespace schakel::trainings
