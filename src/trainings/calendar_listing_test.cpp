// The calendar's data on SQLite and PostgreSQL: ListingStore::published reads
// every series in a fixed number of queries, and calendar_of filters it as the
// calendar page shows it, checked against hand-computed expectations.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "test_support.hpp"
#include "trainings/calendar_listing.hpp"
#include "trainings/listing_store.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

// Counts the statements a SOCI session starts.
class CountingLogger : public soci::logger_impl {
 public:
  explicit CountingLogger(int* count) : count_(count) {}
  void start_query(const std::string&) override { ++*count_; }

 private:
  logger_impl* do_clone() const override { return new CountingLogger(count_); }
  int* count_;
};

std::int64_t at(const std::string& date, const std::string& time) {
  return *brussels_to_utc(date, time);
}

template <class B>
class CalendarListing : public BackendTest<B> {
 protected:
  const std::int64_t now = at("2026-03-01", "12:00");

  std::int64_t series(soci::session& sql, const std::string& slug, const std::string& region,
                      std::vector<std::string> themes, const std::string& visibility = "public",
                      const std::string& unit = "series", const std::string& status = "published") {
    Series s;
    s.slug = slug;
    s.title = slug;
    s.organiser = "Netwerk";
    s.region = region;
    s.visibility = visibility;
    s.registration_unit = unit;
    s.status = status;
    s.themes = std::move(themes);
    return TrainingStore::insert_series(sql, s, now);
  }
  std::int64_t session(soci::session& sql, std::int64_t series_id, const std::string& format,
                       std::int64_t starts_at, int capacity = 10,
                       const std::string& status = "planned") {
    Session x;
    x.series_id = series_id;
    x.format = format;
    x.starts_at = starts_at;
    x.ends_at = starts_at + 3 * 3600;
    x.capacity = capacity;
    const auto id = TrainingStore::insert_session(sql, x, now);
    if (status != "planned") {
      x.id = id;
      x.status = status;
      TrainingStore::update_session(sql, x, now);
    }
    return id;
  }
  void registration(soci::session& sql, std::int64_t series_id, const std::string& email,
                    const std::string& state) {
    Registration r;
    r.unit = Unit{series_id, std::nullopt};
    r.name = email;
    r.email = email;
    r.state = state;
    if (state == "waitlisted") r.queue_position = 1;
    TrainingStore::insert_registration(sql, r, now);
  }

  // The fixed data of the filter tests:
  //   f  Gent, public, series unit: in person 5 March (capacity 5, 1 registered, 1
  //      waitlisted) and a cancelled session in June
  //   a  Gent, public, theme partner_violence, series unit: in person 10 March
  //      (capacity 10), online 14 April (capacity 8); 2 registered, 1 offered
  //   b  Brugge, public, themes child_abuse and partner_violence, per session:
  //      online 20 March
  //   c  Antwerpen, network only, series unit: webinar 5 May (capacity 1, full)
  //   d  Leuven, public: its only session is over
  //   e  Hasselt, a draft with a session to come
  void make_fixture() {
    this->db().transact([&](soci::session& sql) {
      const auto f = series(sql, "f", "Gent", {});
      session(sql, f, "in_person", at("2026-03-05", "10:00"), 5);
      session(sql, f, "in_person", at("2026-06-01", "10:00"), 5, "cancelled");
      registration(sql, f, "f1@voorbeeld.be", "registered");
      registration(sql, f, "f2@voorbeeld.be", "waitlisted");
      const auto a = series(sql, "a", "Gent", {"partner_violence"});
      session(sql, a, "in_person", at("2026-03-10", "10:00"), 10);
      session(sql, a, "online", at("2026-04-14", "10:00"), 8);
      registration(sql, a, "a1@voorbeeld.be", "registered");
      registration(sql, a, "a2@voorbeeld.be", "registered");
      registration(sql, a, "a3@voorbeeld.be", "offered");
      registration(sql, a, "a4@voorbeeld.be", "cancelled");
      const auto b =
          series(sql, "b", "Brugge", {"child_abuse", "partner_violence"}, "public", "session");
      session(sql, b, "online", at("2026-03-20", "10:00"));
      const auto c = series(sql, "c", "Antwerpen", {}, "network");
      session(sql, c, "webinar", at("2026-05-05", "10:00"), 1);
      registration(sql, c, "c1@voorbeeld.be", "registered");
      const auto d = series(sql, "d", "Leuven", {});
      session(sql, d, "in_person", at("2026-02-01", "10:00"));
      const auto e = series(sql, "e", "Hasselt", {}, "public", "series", "draft");
      session(sql, e, "in_person", at("2026-03-15", "10:00"));
    });
  }

  std::vector<ListedSeries> listed() {
    return this->db().run([](soci::session& sql) { return ListingStore::published(sql); });
  }

  // The slugs of the cards for `filter`, in order, joined by spaces.
  std::string slugs(const CalendarFilter& filter,
                    const std::optional<web::Principal>& user = std::nullopt) {
    std::string out;
    for (const auto& card : calendar_of(listed(), filter, user, now).cards)
      out += (out.empty() ? "" : " ") + card.series.slug;
    return out;
  }

  // The statements ListingStore::published runs.
  int statements() {
    int count = 0;
    this->db().run([&](soci::session& sql) {
      const soci::logger saved = sql.get_logger();
      sql.set_logger(soci::logger(new CountingLogger(&count)));
      ListingStore::published(sql);
      sql.set_logger(saved);
    });
    return count;
  }

  void add_series(int n, int first) {
    this->db().transact([&](soci::session& sql) {
      for (int i = first; i < first + n; ++i) {
        const auto s = series(sql, "reeks-" + std::to_string(i), "Gent", {"partner_violence"});
        session(sql, s, "in_person", at("2026-03-10", "10:00"));
        session(sql, s, "online", at("2026-03-17", "10:00"));
        registration(sql, s, "r" + std::to_string(i) + "@voorbeeld.be", "registered");
      }
    });
  }
};

TYPED_TEST_SUITE(CalendarListing, Backends, BackendNames);

TYPED_TEST(CalendarListing, QueriesDoNotGrowWithTheNumberOfSeries) {
  this->add_series(3, 0);
  const int three = this->statements();
  this->add_series(27, 3);
  const int thirty = this->statements();
  EXPECT_EQ(this->listed().size(), 30u);
  EXPECT_EQ(three, thirty);
  EXPECT_EQ(thirty, 4);  // series, themes, sessions, registration counts
}

TYPED_TEST(CalendarListing, ReadsThemesSessionsAndPlacesOfPublishedSeries) {
  this->make_fixture();
  const auto all = this->listed();
  std::string slugs;
  for (const auto& l : all) slugs += l.series.slug;
  EXPECT_EQ(slugs, "fabcd");  // by id, without the draft
  const ListedSeries& a = all[1];
  EXPECT_EQ(a.series.themes, std::vector<std::string>{"partner_violence"});
  EXPECT_EQ(a.sessions.size(), 2u);
  EXPECT_EQ(a.capacity(), 8);
  EXPECT_EQ(a.holding, 3);
  EXPECT_FALSE(a.waitlist);
  EXPECT_EQ(all[2].series.themes, (std::vector<std::string>{"child_abuse", "partner_violence"}));
  EXPECT_EQ(all[0].capacity(), 5);  // the cancelled session does not count
  EXPECT_TRUE(all[0].waitlist);
}

TYPED_TEST(CalendarListing, WithoutFilterShowsVisibleSeriesWithSessionsToCome) {
  this->make_fixture();
  const auto calendar = calendar_of(this->listed(), {}, std::nullopt, this->now);
  ASSERT_EQ(calendar.cards.size(), 3u);
  EXPECT_EQ(this->slugs({}), "f a b");
  EXPECT_EQ(calendar.cards[0].places, "Volzet: je komt op de wachtlijst");
  EXPECT_EQ(calendar.cards[1].places, "Nog 5 plaatsen");
  EXPECT_EQ(calendar.cards[2].places, "Inschrijven per sessie");
  EXPECT_EQ(calendar.cards[1].upcoming.size(), 2u);
  EXPECT_EQ(calendar.regions, (std::set<std::string>{"Brugge", "Gent"}));
  EXPECT_EQ(calendar.months, (std::set<std::string>{"2026-03", "2026-04"}));
  ASSERT_TRUE(calendar.until.has_value());
  EXPECT_EQ(*calendar.until, at("2026-03-05", "10:00"));
}

TYPED_TEST(CalendarListing, FiltersByTheme) {
  this->make_fixture();
  EXPECT_EQ(this->slugs({.theme = "child_abuse"}), "b");
  EXPECT_EQ(this->slugs({.theme = "partner_violence"}), "a b");
  EXPECT_EQ(this->slugs({.theme = "onbekend"}), "");
}

TYPED_TEST(CalendarListing, FiltersByFormatOfSessionsToCome) {
  this->make_fixture();
  EXPECT_EQ(this->slugs({.format = "online"}), "a b");
  EXPECT_EQ(this->slugs({.format = "in_person"}), "f a");
  EXPECT_EQ(this->slugs({.format = "webinar"}), "");  // c is for the network only
}

TYPED_TEST(CalendarListing, FiltersByRegionAndMonth) {
  this->make_fixture();
  EXPECT_EQ(this->slugs({.region = "Gent"}), "f a");
  EXPECT_EQ(this->slugs({.region = "Leuven"}), "");  // its sessions are over
  EXPECT_EQ(this->slugs({.month = "2026-04"}), "a");
  EXPECT_EQ(this->slugs({.month = "2026-03"}), "f a b");
  EXPECT_EQ(this->slugs({.month = "2026-06"}), "");  // only a cancelled session
  EXPECT_EQ(this->slugs({.format = "online", .region = "Gent"}), "a");
}

TYPED_TEST(CalendarListing, NetworkSeesNetworkSeries) {
  this->make_fixture();
  web::Principal coordinator;
  coordinator.id = 1;
  coordinator.role = Role::coordinator;
  const auto calendar = calendar_of(this->listed(), {}, coordinator, this->now);
  EXPECT_EQ(this->slugs({}, coordinator), "f a b c");
  EXPECT_EQ(this->slugs({.format = "webinar"}, coordinator), "c");
  EXPECT_EQ(calendar.cards[3].places, "Volzet: je komt op de wachtlijst");
  EXPECT_EQ(calendar.regions, (std::set<std::string>{"Antwerpen", "Brugge", "Gent"}));
  EXPECT_EQ(calendar.months, (std::set<std::string>{"2026-03", "2026-04", "2026-05"}));
}

}  // namespace
}  // namespace schakel::trainings
