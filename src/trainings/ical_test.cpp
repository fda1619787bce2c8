// The iCalendar of training sessions, read back with python3-icalendar: local
// Brussels times in winter, summer and around the switches, escaping and folding,
// online links only where allowed, cancellations, and (on SQLite and PostgreSQL)
// the store behind the feeds: SEQUENCE after changes, who sees which sessions,
// and the private feed tokens.
#include "trainings/ical.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <set>
#include <sstream>
#include <utility>

#include "test_support.hpp"
#include "trainings/calendar_store.hpp"
#include "trainings/ical_test_support.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;
using testing::parse_ics;

const std::string base = "https://schakel.example";

std::int64_t utc(int year, int month, int day, int hour, int minute = 0) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  return static_cast<std::int64_t>(timegm(&tm));
}

CalendarEntry entry(std::int64_t id, std::int64_t starts_at, int minutes = 90) {
  CalendarEntry e;
  e.series.id = 1;
  e.series.slug = "partnergeweld-herkennen";
  e.series.title = "Partnergeweld herkennen";
  e.series.organiser = "Gent";
  e.series.status = "published";
  e.session.id = id;
  e.session.series_id = 1;
  e.session.module = "basics";
  e.session.format = "in_person";
  e.session.address = "Stadhuis, Botermarkt 1, 9000 Gent";
  e.session.room = "Zaal 2";
  e.session.starts_at = starts_at;
  e.session.ends_at = starts_at + minutes * 60;
  e.sequence = 0;
  e.modified_at = starts_at - 86400;
  return e;
}

CalendarOptions options(bool links = false) { return CalendarOptions{base, links, 1'780'000'000}; }

TEST(Ical, TheCalendarHasItsHeaderAndTheBrusselsTimeZone) {
  const auto ics = calendar_ics("Vormingen – Schakel", {entry(7, utc(2026, 1, 15, 9))}, options());
  auto cal = parse_ics(ics);
  EXPECT_EQ(cal["version"], "2.0");
  EXPECT_EQ(cal["prodid"], "-//Schakel//Vorming//NL");
  EXPECT_EQ(cal["method"], "PUBLISH");
  EXPECT_EQ(cal["name"], "Vormingen – Schakel");
  EXPECT_EQ(cal["timezones"], nlohmann::json::array({"Europe/Brussels"}));
  EXPECT_NE(ics.find("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"), std::string::npos);
  EXPECT_NE(ics.find("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"), std::string::npos);
  ASSERT_EQ(cal["events"].size(), 1u);
  const auto& e = cal["events"][0];
  EXPECT_EQ(e["uid"], "training-session-7@schakel.example");
  EXPECT_EQ(e["summary"], "Partnergeweld herkennen – Basis");
  EXPECT_EQ(e["location"], "Stadhuis, Botermarkt 1, 9000 Gent, Zaal 2");
  EXPECT_EQ(e["url"], base + "/vorming/partnergeweld-herkennen");
  EXPECT_NE(e["description"].get<std::string>().find(base + "/vorming/partnergeweld-herkennen"),
            std::string::npos);
  EXPECT_EQ(e["status"], "CONFIRMED");
  EXPECT_EQ(e["sequence"], 0);
  EXPECT_EQ(e["dtstamp"], 1'780'000'000);
  EXPECT_EQ(e["last_modified"], utc(2026, 1, 14, 9));
}

TEST(Ical, WinterAndSummerSessionsAreLocalBrusselsTimes) {
  const auto winter = utc(2026, 1, 15, 9);  // 10:00 CET
  const auto summer = utc(2026, 7, 15, 8);  // 10:00 CEST
  auto cal = parse_ics(
      calendar_ics("Vormingen", {entry(1, winter, 120), entry(2, summer, 120)}, options()));
  ASSERT_EQ(cal["events"].size(), 2u);
  const auto& w = cal["events"][0];
  EXPECT_EQ(w["start"], "2026-01-15T10:00:00");
  EXPECT_EQ(w["start_tzid"], "Europe/Brussels");
  EXPECT_EQ(w["start_utc"], winter);
  EXPECT_EQ(w["start_utc_by_vtimezone"], winter);
  EXPECT_EQ(w["end"], "2026-01-15T12:00:00");
  EXPECT_EQ(w["end_utc_by_vtimezone"], winter + 7200);
  const auto& s = cal["events"][1];
  EXPECT_EQ(s["start"], "2026-07-15T10:00:00");
  EXPECT_EQ(s["start_tzid"], "Europe/Brussels");
  EXPECT_EQ(s["start_utc"], summer);
  EXPECT_EQ(s["start_utc_by_vtimezone"], summer);
  EXPECT_EQ(s["end_utc_by_vtimezone"], summer + 7200);
}

TEST(Ical, TimesAroundTheSwitchesFollowTheEuRule) {
  struct Case {
    std::int64_t at;
    const char* local;  // "" when written in UTC (the repeated hour in October)
  };
  const Case cases[] = {
      {utc(2026, 3, 29, 0, 30), "2026-03-29T01:30:00"},  // still CET
      {utc(2026, 3, 29, 1, 0), "2026-03-29T03:00:00"},   // CEST from 01:00 UTC
      {utc(2027, 3, 28, 0, 59), "2027-03-28T01:59:00"},  // another year, last Sunday 28 March
      {utc(2027, 3, 28, 1, 0), "2027-03-28T03:00:00"},
      {utc(2026, 10, 24, 23, 30), "2026-10-25T01:30:00"},  // CEST
      {utc(2026, 10, 25, 0, 30), ""},                      // 02:30 CEST: the hour happens twice
      {utc(2026, 10, 25, 1, 30), ""},                      // 02:30 CET
      {utc(2026, 10, 25, 2, 0), "2026-10-25T03:00:00"},    // CET
  };
  std::vector<CalendarEntry> entries;
  for (std::size_t i = 0; i < std::size(cases); ++i)
    entries.push_back(entry(static_cast<std::int64_t>(i + 1), cases[i].at, 20));
  auto cal = parse_ics(calendar_ics("Vormingen", entries, options()));
  ASSERT_EQ(cal["events"].size(), std::size(cases));
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    const auto& e = cal["events"][i];
    SCOPED_TRACE(e.dump());
    EXPECT_EQ(e["start_utc"], cases[i].at);
    EXPECT_EQ(e["start_utc_by_vtimezone"], cases[i].at);
    if (*cases[i].local) {
      EXPECT_EQ(e["start"], cases[i].local);
      EXPECT_EQ(e["start_tzid"], "Europe/Brussels");
    } else {
      EXPECT_EQ(e["start_tzid"], "");
    }
  }
}

TEST(Ical, TextIsEscapedAndLongLinesAreFoldedWithoutBreakingCharacters) {
  auto e = entry(1, utc(2026, 5, 4, 12));
  e.series.title =
      "Geweld, misbruik; en \\ verwaarlozing\nbespreekbaar maken – één lange titel over "
      "kindermishandeling, partnergeweld en ouderenmis\xc3\xa9handeling";
  e.session.title = "Deel 1; het gesprek, de aanpak";
  e.session.address = "Kerkstraat 1; 9000 Gent";
  const auto ics = calendar_ics("Reeks, met; tekens", {e}, options());
  std::istringstream lines(ics);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.back(), '\r') << "every line ends in CRLF";
    EXPECT_LE(line.size() - 1, 75u) << line;
    // A continuation line never starts inside a UTF-8 character.
    if (line[0] == ' ' && line.size() > 1) {
      EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80) << line;
    }
  }
  EXPECT_GT(count, 20);
  EXPECT_NE(ics.find("Geweld\\, misbruik\\; en \\\\ verwaarlozing"), std::string::npos);
  auto cal = parse_ics(ics);
  EXPECT_EQ(cal["name"], "Reeks, met; tekens");
  // A line break in a title becomes a space in the summary.
  EXPECT_EQ(cal["events"][0]["summary"],
            "Geweld, misbruik; en \\ verwaarlozing bespreekbaar maken – één lange titel over "
            "kindermishandeling, partnergeweld en ouderenmis\xc3\xa9handeling – Deel 1; het "
            "gesprek, de aanpak");
  EXPECT_EQ(cal["events"][0]["location"], "Kerkstraat 1; 9000 Gent, Zaal 2");
  EXPECT_NE(cal["events"][0]["description"].get<std::string>().find(
                "Geweld, misbruik; en \\ verwaarlozing\nbespreekbaar"),
            std::string::npos);
}

TEST(Ical, OnlineLinksOnlyWhereTheyAreAllowed) {
  auto online = entry(1, utc(2026, 5, 4, 12));
  online.session.format = "online";
  online.session.online_url = "https://meet.example/abc-def";
  auto webinar = entry(2, utc(2026, 5, 5, 12), 20);
  webinar.session.format = "webinar";
  webinar.session.online_url = "https://webinar.example/xyz";

  const auto open = calendar_ics("Vormingen", {online, webinar}, options(false));
  EXPECT_EQ(open.find("meet.example"), std::string::npos);
  EXPECT_EQ(open.find("webinar.example"), std::string::npos);
  auto open_cal = parse_ics(open);
  EXPECT_EQ(open_cal["events"][0]["location"], "Online");
  EXPECT_EQ(open_cal["events"][1]["location"], "Online (webinar)");

  auto mine = parse_ics(calendar_ics("Mijn vormingen", {online, webinar}, options(true)));
  EXPECT_EQ(mine["events"][0]["location"], "https://meet.example/abc-def");
  EXPECT_NE(mine["events"][0]["description"].get<std::string>().find(
                "Deelnemen: https://meet.example/abc-def"),
            std::string::npos);
  EXPECT_EQ(mine["events"][1]["location"], "https://webinar.example/xyz");
}

TEST(Ical, CancelledSessionsAndSessionsOfACancelledSeriesAreCancelled) {
  auto planned = entry(1, utc(2026, 5, 4, 12));
  auto cancelled = entry(2, utc(2026, 5, 5, 12));
  cancelled.session.status = "cancelled";
  auto of_cancelled_series = entry(3, utc(2026, 5, 6, 12));
  of_cancelled_series.series.status = "cancelled";
  auto cal =
      parse_ics(calendar_ics("Vormingen", {planned, cancelled, of_cancelled_series}, options()));
  EXPECT_EQ(cal["events"][0]["status"], "CONFIRMED");
  EXPECT_EQ(cal["events"][1]["status"], "CANCELLED");
  EXPECT_EQ(cal["events"][1]["summary"], "Geannuleerd: Partnergeweld herkennen – Basis");
  EXPECT_NE(cal["events"][1]["description"].get<std::string>().find("Deze sessie gaat niet door."),
            std::string::npos);
  EXPECT_EQ(cal["events"][2]["status"], "CANCELLED");
  EXPECT_NE(cal["events"][2]["description"].get<std::string>().find("Deze vorming gaat niet door."),
            std::string::npos);
}

TEST(Ical, TheUidNamesTheSessionAndTheSiteHost) {
  EXPECT_EQ(session_uid(42, "https://schakel.example"), "training-session-42@schakel.example");
  EXPECT_EQ(session_uid(42, "http://127.0.0.1:8080/"), "training-session-42@127.0.0.1");
  EXPECT_EQ(session_uid(42, ""), "training-session-42@schakel.invalid");
}

TEST(Ical, OnlyPublicSeriesThatWerePublishedHaveAPublicFeed) {
  Series s;
  s.visibility = "public";
  for (const auto& [status, expected] :
       {std::pair{"published", true}, {"cancelled", true}, {"draft", false}}) {
    s.status = status;
    EXPECT_EQ(has_public_feed(s), expected) << status;
  }
  s.status = "published";
  s.visibility = "professionals";
  EXPECT_FALSE(has_public_feed(s));
  s.visibility = "network";
  EXPECT_FALSE(has_public_feed(s));
}

TEST(Ical, AnEmptyCalendarIsStillValid) {
  auto cal = parse_ics(calendar_ics("Mijn vormingen", {}, options(true)));
  EXPECT_EQ(cal["method"], "PUBLISH");
  EXPECT_TRUE(cal["events"].empty());
}

// ---- The store behind the feeds, on SQLite and PostgreSQL ----

constexpr std::int64_t now = 1'780'000'000;

template <class B>
class CalendarStoreTest : public BackendTest<B> {
 protected:
  // A series with two sessions (one online), registration per `unit`.
  std::int64_t add_series(const std::string& slug, const std::string& status = "published",
                          const std::string& visibility = "public",
                          const std::string& unit = "series", std::int64_t starts = now + 86400) {
    std::int64_t id = 0;
    this->db().transact([&](soci::session& sql) {
      Series s;
      s.slug = slug;
      s.title = "Reeks " + slug;
      s.status = status;
      s.visibility = visibility;
      s.registration_unit = unit;
      id = TrainingStore::insert_series(sql, s, now - 1000);
      Session first;
      first.series_id = id;
      first.starts_at = starts;
      first.ends_at = starts + 3600;
      first.capacity = 10;
      TrainingStore::insert_session(sql, first, now - 1000);
      Session second = first;
      second.module = "deepening";
      second.format = "online";
      second.online_url = "https://meet.example/" + slug;
      second.starts_at = starts + 7 * 86400;
      second.ends_at = second.starts_at + 3600;
      TrainingStore::insert_session(sql, second, now - 1000);
    });
    return id;
  }
  std::vector<Session> sessions(std::int64_t series) {
    std::vector<Session> out;
    this->db().run([&](soci::session& sql) { out = TrainingStore::sessions_of(sql, series); });
    return out;
  }
  std::int64_t add_user(const std::string& email) {
    long long id = 0;
    this->db().transact([&](soci::session& sql) {
      sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
             "(:e, 'Deelnemer', '', 'professional', 0) RETURNING id",
          soci::use(email), soci::into(id);
    });
    return id;
  }
  void add_registration(std::int64_t series, std::optional<std::int64_t> session, std::int64_t user,
                        const std::string& state) {
    this->db().transact([&](soci::session& sql) {
      Registration r;
      r.unit = Unit{series, session};
      r.user_id = user;
      r.name = "Deelnemer";
      r.email = "u" + std::to_string(user) + "-" + std::to_string(series) + "@voorbeeld.be";
      r.state = state;
      TrainingStore::insert_registration(sql, r, now);
    });
  }
  template <class F>
  auto in_db(F f) {
    decltype(f(std::declval<soci::session&>())) out;
    this->db().run([&](soci::session& sql) { out = f(sql); });
    return out;
  }
};
TYPED_TEST_SUITE(CalendarStoreTest, Backends, BackendNames);

std::set<std::string> slugs_of(const std::vector<CalendarEntry>& entries) {
  std::set<std::string> out;
  for (const auto& e : entries) out.insert(e.series.slug);
  return out;
}

TYPED_TEST(CalendarStoreTest, AChangedSessionKeepsItsUidWithAHigherSequence) {
  const auto series = this->add_series("wijziging");
  const auto entries = [&] {
    return this->in_db(
        [&](soci::session& sql) { return CalendarStore::series_entries(sql, series); });
  };
  auto before = entries();
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].sequence, 0);
  auto first = parse_ics(calendar_ics("x", before, CalendarOptions{base, false, now}));

  // The organiser moves the first session by a day and an hour.
  Session moved = before[0].session;
  moved.starts_at += 86400 + 3600;
  moved.ends_at += 86400 + 3600;
  this->db().transact(
      [&](soci::session& sql) { TrainingStore::update_session(sql, moved, now + 50); });
  auto after = entries();
  EXPECT_EQ(after[0].sequence, 1);
  EXPECT_EQ(after[0].modified_at, now + 50);
  EXPECT_EQ(after[1].sequence, 0) << "the other session did not change";
  auto second = parse_ics(calendar_ics("x", after, CalendarOptions{base, false, now + 60}));
  EXPECT_EQ(second["events"][0]["uid"], first["events"][0]["uid"]);
  EXPECT_EQ(second["events"][0]["start_utc"], moved.starts_at);
  EXPECT_GT(second["events"][0]["sequence"], first["events"][0]["sequence"]);
  EXPECT_EQ(second["events"][0]["last_modified"], now + 50);

  // Then cancels it.
  Session cancelled = moved;
  cancelled.status = "cancelled";
  this->db().transact(
      [&](soci::session& sql) { TrainingStore::update_session(sql, cancelled, now + 100); });
  auto third = parse_ics(calendar_ics("x", entries(), CalendarOptions{base, false, now}));
  EXPECT_EQ(third["events"][0]["uid"], first["events"][0]["uid"]);
  EXPECT_EQ(third["events"][0]["status"], "CANCELLED");
  EXPECT_GT(third["events"][0]["sequence"], second["events"][0]["sequence"]);

  // Cancelling the whole series raises every session's sequence.
  auto s = this->in_db([&](soci::session& sql) { return TrainingStore::find_series(sql, series); });
  ASSERT_TRUE(s);
  s->status = "cancelled";
  this->db().transact(
      [&](soci::session& sql) { TrainingStore::update_series(sql, *s, now + 200); });
  auto fourth = parse_ics(calendar_ics("x", entries(), CalendarOptions{base, false, now}));
  EXPECT_EQ(fourth["events"][1]["uid"], first["events"][1]["uid"]);
  EXPECT_EQ(fourth["events"][1]["status"], "CANCELLED");
  EXPECT_GT(fourth["events"][1]["sequence"], first["events"][1]["sequence"]);
  EXPECT_GT(fourth["events"][0]["sequence"], third["events"][0]["sequence"]);
  EXPECT_EQ(fourth["events"][1]["last_modified"], now + 200);
}

TYPED_TEST(CalendarStoreTest, ThePublicCalendarHoldsPublishedAndCancelledPublicSeriesOnly) {
  this->add_series("open");
  this->add_series("geannuleerd", "cancelled");
  this->add_series("ontwerp", "draft");
  this->add_series("voor-professionals", "published", "professionals");
  this->add_series("netwerk", "published", "network");
  this->add_series("lang-geleden", "published", "public", "series", now - 100 * 86400);
  const auto entries = this->in_db(
      [&](soci::session& sql) { return CalendarStore::public_entries(sql, now - 60 * 86400); });
  EXPECT_EQ(slugs_of(entries), (std::set<std::string>{"open", "geannuleerd"}));
  for (std::size_t i = 1; i < entries.size(); ++i)
    EXPECT_LE(entries[i - 1].session.starts_at, entries[i].session.starts_at);
}

TYPED_TEST(CalendarStoreTest, AUserSeesTheSessionsTheyHoldAPlaceFor) {
  const auto whole = this->add_series("hele-reeks");
  const auto per_session = this->add_series("per-sessie", "published", "public", "session");
  const auto waiting = this->add_series("wachtlijst");
  const auto gone = this->add_series("uitgeschreven");
  const auto someone_else = this->add_series("andere");
  const auto one_session = this->sessions(per_session).at(1).id;
  const auto me = this->add_user("ik@voorbeeld.be");
  const auto other = this->add_user("iemand@voorbeeld.be");
  this->add_registration(whole, std::nullopt, me, "registered");
  this->add_registration(per_session, one_session, me, "registered");
  this->add_registration(waiting, std::nullopt, me, "waitlisted");
  this->add_registration(gone, std::nullopt, me, "cancelled");
  this->add_registration(someone_else, std::nullopt, other, "registered");
  // The session of the whole series is cancelled: it stays, as cancelled.
  Session cancelled = this->sessions(whole).at(0);
  cancelled.status = "cancelled";
  this->db().transact(
      [&](soci::session& sql) { TrainingStore::update_session(sql, cancelled, now); });

  const auto mine =
      this->in_db([&](soci::session& sql) { return CalendarStore::user_entries(sql, me); });
  ASSERT_EQ(mine.size(), 3u);
  std::set<std::int64_t> ids;
  for (const auto& e : mine) ids.insert(e.session.id);
  EXPECT_EQ(ids, (std::set<std::int64_t>{this->sessions(whole).at(0).id,
                                         this->sessions(whole).at(1).id, one_session}));
  EXPECT_EQ(mine[0].session.status, "cancelled");
  const auto theirs =
      this->in_db([&](soci::session& sql) { return CalendarStore::user_entries(sql, other); });
  EXPECT_EQ(slugs_of(theirs), (std::set<std::string>{"andere"}));
}

TYPED_TEST(CalendarStoreTest, TheConfirmationCalendarHoldsTheUnitWithItsOnlineLink) {
  const auto series = this->add_series("bevestiging");
  const auto sessions = this->sessions(series);
  Registration whole;
  whole.unit = Unit{series, std::nullopt};
  Registration one;
  one.unit = Unit{series, sessions.at(0).id};
  auto all = parse_ics(
      this->in_db([&](soci::session& sql) { return registration_ics(sql, whole, base, now); }));
  ASSERT_EQ(all["events"].size(), 2u);
  EXPECT_EQ(all["name"], "Vorming: Reeks bevestiging");
  EXPECT_EQ(all["events"][1]["location"], "https://meet.example/bevestiging");
  const auto attachment =
      this->in_db([&](soci::session& sql) { return registration_attachment(sql, one, base, now); });
  EXPECT_EQ(attachment.file_name, "vorming.ics");
  EXPECT_EQ(attachment.content_type, "text/calendar; charset=utf-8; method=PUBLISH");
  auto single = parse_ics(attachment.data);
  ASSERT_EQ(single["events"].size(), 1u);
  EXPECT_EQ(single["events"][0]["uid"], session_uid(sessions.at(0).id, base));
}

TYPED_TEST(CalendarStoreTest, AFeedTokenIsKeptUntilItIsReset) {
  const auto user = this->add_user("token@voorbeeld.be");
  const auto token =
      this->in_db([&](soci::session& sql) { return CalendarStore::feed_token(sql, user, now); });
  EXPECT_GE(token.size(), 43u);
  EXPECT_EQ(
      this->in_db([&](soci::session& sql) { return CalendarStore::feed_token(sql, user, now); }),
      token);
  EXPECT_EQ(this->in_db([&](soci::session& sql) { return CalendarStore::feed_owner(sql, token); }),
            std::optional<std::int64_t>(user));
  const auto fresh = this->in_db(
      [&](soci::session& sql) { return CalendarStore::reset_feed_token(sql, user, now); });
  EXPECT_NE(fresh, token);
  EXPECT_FALSE(
      this->in_db([&](soci::session& sql) { return CalendarStore::feed_owner(sql, token); }));
  EXPECT_EQ(this->in_db([&](soci::session& sql) { return CalendarStore::feed_owner(sql, fresh); }),
            std::optional<std::int64_t>(user));
  for (const std::string& bad : {std::string(), std::string("kort"), fresh + "x", fresh + "'--",
                                 std::string(200, 'a'), fresh.substr(0, 42) + "%"})
    EXPECT_FALSE(this->in_db([&](soci::session& sql) {
      return CalendarStore::feed_owner(sql, bad);
    })) << bad;
}

}  // namespace
}  // namespace schakel::trainings
