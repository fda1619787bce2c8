// The digests with a controllable clock: periods, grouping by kind and theme,
// no repeats, no empty digests, once per person and period across two nodes
// and across a crash in the middle of a run. Typed over SQLite and PostgreSQL.
#include "digest/digest_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "accounts/store.hpp"
#include "digest/digest_store.hpp"
#include "digest/period.hpp"
#include "digest/preference_store.hpp"
#include "test_support.hpp"

namespace schakel::digest {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

// Tuesday 8 December 2026, 10:00 in Brussels (09:00 UTC).
constexpr std::int64_t tuesday = 1'796'720'400;
constexpr std::int64_t hour = 3600;
// Monday 7 December 12:00 Brussels, and Wednesday 2 December 12:00 Brussels.
constexpr std::int64_t monday_noon = tuesday - 22 * hour;
constexpr std::int64_t last_wednesday = monday_noon - 5 * 24 * hour;

TEST(DigestPeriods, TheLastCompletedDayAndWeekInBrussels) {
  const Period day = last_completed(Frequency::daily, tuesday);
  EXPECT_EQ(day.key, "day:2026-12-07");
  EXPECT_EQ(day.from, tuesday - 34 * hour);  // Monday 00:00 CET = Sunday 23:00 UTC
  EXPECT_EQ(day.until, day.from + 24 * hour);
  const Period week = last_completed(Frequency::weekly, tuesday);
  EXPECT_EQ(week.key, "week:2026-11-30");
  EXPECT_EQ(week.until, day.from);
  EXPECT_EQ(week.from, week.until - 7 * 24 * hour);
  EXPECT_EQ(week.label, "de week van 30 november 2026");
  // Just after midnight on Monday the week that ended is the one before.
  EXPECT_EQ(last_completed(Frequency::weekly, day.from + 60).key, "week:2026-11-30");
  EXPECT_EQ(last_completed(Frequency::weekly, day.from - 60).key, "week:2026-11-23");
  // The day the clocks go forward (28 March 2027) has 23 hours.
  const Period short_day = last_completed(Frequency::daily, 1'806'310'800);  // 29 March 2027 9:00Z
  EXPECT_EQ(short_day.key, "day:2027-03-28");
  EXPECT_EQ(short_day.until - short_day.from, 23 * hour);
}

NewsItem item(const std::string& kind, const std::string& key, std::vector<std::string> themes,
              std::int64_t at = monday_noon) {
  NewsItem n;
  n.kind = kind;
  n.key = key;
  n.title = "Titel " + key;
  n.href = "/x/" + key;
  n.themes = std::move(themes);
  n.at = at;
  return n;
}

std::vector<catalog::Term> themes() {
  return {{1, "theme", "child_abuse", "Kindermishandeling"},
          {2, "theme", "partner_violence", "Partnergeweld"},
          {3, "theme", "elder_abuse", "Ouderenmis(be)handeling"}};
}

// The shape of a digest as "kind/theme:key,key|..." for comparing by hand.
std::string shape(const Digest& d) {
  std::string out;
  for (const auto& k : d.kinds)
    for (const auto& t : k.themes) {
      if (!out.empty()) out += "|";
      out += std::string(kind_name(k.kind)) + "/" + t.theme + ":";
      for (std::size_t i = 0; i < t.items.size(); ++i) out += (i ? "," : "") + t.items[i].key;
    }
  return out;
}

TEST(DigestBuild, GroupsByKindThenThemeInTheCatalogsOrder) {
  Preferences p;
  p.role = Role::professional;
  p.rows = {{Kind::resources, "", Frequency::daily},
            {Kind::resources, "child_abuse", Frequency::weekly},
            {Kind::trainings, "", Frequency::daily}};
  const std::vector<NewsItem> items = {
      item("trainings", "t1", {}),
      item("resources", "r1", {"elder_abuse"}),
      item("resources", "r2", {"child_abuse"}),                      // weekly only: not daily
      item("resources", "r3", {"child_abuse", "partner_violence"}),  // daily by partner violence
      item("resources", "r4", {}),
      item("resources", "r5", {"elder_abuse", "partner_violence"}),
      item("initiatives", "i1", {"elder_abuse"}),  // initiatives weekly by default
  };
  const Digest daily = build_digest(p, 7, Frequency::daily, items, {}, themes());
  EXPECT_EQ(shape(daily),
            "resources/partner_violence:r3,r5|resources/elder_abuse:r1|resources/:r4|"
            "trainings/:t1");
  EXPECT_EQ(daily.kinds[0].themes[2].label, "Algemeen");
  EXPECT_EQ(daily.kinds[0].themes[0].label, "Partnergeweld");
  const Digest weekly = build_digest(p, 7, Frequency::weekly, items, {"r2"}, themes());
  EXPECT_EQ(shape(weekly), "resources/child_abuse:r3|initiatives/elder_abuse:i1");
}

TEST(DigestBuild, OnlyWhatThePersonMaySee) {
  Preferences p;
  p.role = Role::professional;
  auto secret = item("resources", "n1", {});
  secret.network_only = true;
  auto personal = item("meetings", "m1", {});
  personal.for_users = {8};
  auto mine = item("resources", "r1", {});
  mine.for_users = {7};
  const std::vector<NewsItem> items = {secret, personal, mine};
  EXPECT_EQ(shape(build_digest(p, 7, Frequency::weekly, items, {}, themes())), "resources/:r1");
  p.role = Role::coordinator;
  EXPECT_EQ(shape(build_digest(p, 7, Frequency::weekly, items, {}, themes())), "resources/:n1,r1");
  EXPECT_EQ(shape(build_digest(p, 8, Frequency::weekly, items, {}, themes())),
            "resources/:n1|meetings/:m1");
}

// A node: an App on the shared database with a news source of fixed items.
struct Node {
  Node(store::Database& db, const Clock& clock, const std::vector<NewsItem>* items)
      : app(Config{}, db, clock) {
    app.add_news_source(
        NewsSource{"test", [items](soci::session&, std::int64_t from, std::int64_t until) {
                     std::vector<NewsItem> out;
                     for (const auto& n : *items)
                       if (n.at >= from && n.at < until) out.push_back(n);
                     return out;
                   }});
    app.set_base_url("https://schakel.test");
  }
  App app;
};

template <class B>
class DigestRun : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    node_ = std::make_unique<Node>(this->db(), clock_, &items_);
  }
  std::int64_t person(const std::string& email, Role role = Role::professional,
                      std::vector<Preference> rows = {}) {
    return this->db().transact([&](soci::session& sql) {
      const auto id = accounts::UserStore::insert(
          sql, {email, "Naam " + email.substr(0, email.find('@')), "", role, "", false}, "x",
          clock_.now());
      PreferenceStore::replace(sql, id, rows, clock_.now());
      return id;
    });
  }
  int mails_to(const std::string& email) {
    int n = 0;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r", soci::use(email),
          soci::into(n);
    });
    return n;
  }
  std::string last_text(const std::string& email) {
    std::string text;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT body_text FROM mail_outbox WHERE recipient = :r ORDER BY id DESC LIMIT 1",
          soci::use(email), soci::into(text);
    });
    return text;
  }
  int sends() {
    int n = 0;
    this->db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM digest_sends", soci::into(n); });
    return n;
  }
  ManualClock clock_{tuesday};
  std::vector<NewsItem> items_;
  std::unique_ptr<Node> node_;
};
TYPED_TEST_SUITE(DigestRun, Backends, BackendNames);

TYPED_TEST(DigestRun, TheMailGroupsByKindAndThemeWithItsUnsubscribeLink) {
  this->person("lien@voorbeeld.be", Role::professional,
               {{Kind::resources, "", Frequency::daily}, {Kind::trainings, "", Frequency::daily}});
  this->items_ = {item("trainings", "training:1", {"child_abuse"}),
                  item("resources", "resource:1", {"partner_violence"}),
                  item("resources", "resource:2", {"child_abuse"})};
  EXPECT_EQ(DigestRunner(this->node_->app).run(), 1);
  const std::string text = this->last_text("lien@voorbeeld.be");
  const auto at = [&](const std::string& s) { return text.find(s); };
  ASSERT_NE(at("== Nieuw in de kennisbank =="), std::string::npos) << text;
  EXPECT_LT(at("== Nieuw in de kennisbank =="), at("-- Kindermishandeling --"));
  EXPECT_LT(at("-- Kindermishandeling --"), at("Titel resource:2"));
  EXPECT_LT(at("Titel resource:2"), at("-- Partnergeweld --"));
  EXPECT_LT(at("-- Partnergeweld --"), at("Titel resource:1"));
  EXPECT_LT(at("Titel resource:1"), at("== Nieuwe vormingen =="));
  EXPECT_LT(at("== Nieuwe vormingen =="), at("Titel training:1"));
  EXPECT_NE(at("https://schakel.test/x/resource:1"), std::string::npos);
  EXPECT_NE(at("https://schakel.test/meldingen/uitschrijven?token="), std::string::npos);
  std::string headers;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT headers FROM mail_outbox WHERE recipient = 'lien@voorbeeld.be'",
        soci::into(headers);
  });
  EXPECT_NE(headers.find("List-Unsubscribe-Post"), std::string::npos);
}

TYPED_TEST(DigestRun, NoItemIsSentTwiceAcrossPeriodsOrRuns) {
  // Daily for child abuse, weekly for partner violence: an item about both
  // comes in Monday's daily digest and not again in the weekly one.
  this->person("an@voorbeeld.be", Role::professional,
               {{Kind::resources, "child_abuse", Frequency::daily}});
  this->items_ = {item("resources", "resource:1", {"child_abuse", "partner_violence"})};
  auto& app = this->node_->app;
  DigestRunner runner(app);
  EXPECT_EQ(runner.run_period(last_completed(Frequency::daily, tuesday)), 1);
  EXPECT_EQ(runner.run_period(last_completed(Frequency::daily, tuesday)), 0);
  EXPECT_EQ(this->mails_to("an@voorbeeld.be"), 1);
  // Next Monday the week of 7 December is done: the item falls in it, but was sent.
  this->clock_.advance(6 * 24 * hour);
  const Period week = last_completed(Frequency::weekly, this->clock_.now());
  ASSERT_EQ(week.key, "week:2026-12-07");
  EXPECT_EQ(runner.run_period(week), 0);
  EXPECT_EQ(this->mails_to("an@voorbeeld.be"), 1);
  // A new item that week does come, alone.
  this->items_.push_back(item("resources", "resource:2", {"partner_violence"}, monday_noon + hour));
  EXPECT_EQ(runner.run_period(week), 1);
  EXPECT_EQ(this->mails_to("an@voorbeeld.be"), 2);
  const std::string text = this->last_text("an@voorbeeld.be");
  EXPECT_NE(text.find("Titel resource:2"), std::string::npos);
  EXPECT_EQ(text.find("Titel resource:1"), std::string::npos);
}

TYPED_TEST(DigestRun, EmptyDigestsAreNotSent) {
  this->person("niets@voorbeeld.be", Role::professional,
               {{Kind::resources, "", Frequency::none}, {Kind::trainings, "", Frequency::none}});
  this->person("week@voorbeeld.be");  // the defaults: weekly
  this->items_ = {item("resources", "resource:1", {}),
                  item("meetings", "meeting:1", {})};  // not for professionals
  DigestRunner runner(this->node_->app);
  EXPECT_EQ(runner.run_period(last_completed(Frequency::daily, tuesday)), 0);
  EXPECT_EQ(this->sends(), 0);
  this->clock_.advance(6 * 24 * hour);
  EXPECT_EQ(runner.run(), 1);
  EXPECT_EQ(this->mails_to("niets@voorbeeld.be"), 0);
  EXPECT_EQ(this->mails_to("week@voorbeeld.be"), 1);
  EXPECT_EQ(this->sends(), 1);
}

TYPED_TEST(DigestRun, ACrashInTheMiddleSendsNobodyTwice) {
  const auto first = this->person("een@voorbeeld.be");
  this->person("twee@voorbeeld.be");
  this->items_ = {item("resources", "resource:1", {}, last_wednesday)};
  const Period week = last_completed(Frequency::weekly, tuesday);
  DigestRunner crashing(this->node_->app);
  crashing.after_send = [&](std::int64_t user) {
    if (user == first) throw std::runtime_error("node dies");
  };
  EXPECT_THROW(crashing.run_period(week), std::runtime_error);
  EXPECT_EQ(this->mails_to("een@voorbeeld.be"), 1);
  EXPECT_EQ(this->mails_to("twee@voorbeeld.be"), 0);
  // The job runs again (here or on another node).
  EXPECT_EQ(DigestRunner(this->node_->app).run_period(week), 1);
  EXPECT_EQ(DigestRunner(this->node_->app).run_period(week), 0);
  EXPECT_EQ(this->mails_to("een@voorbeeld.be"), 1);
  EXPECT_EQ(this->mails_to("twee@voorbeeld.be"), 1);
}

TYPED_TEST(DigestRun, TwoNodesRunningAtOnceSendOneMailPerPerson) {
  constexpr int people = 12;
  for (int i = 0; i < people; ++i) this->person("p" + std::to_string(i) + "@voorbeeld.be");
  this->items_ = {item("resources", "resource:1", {}, last_wednesday)};
  Node other(this->db(), this->clock_, &this->items_);
  const Period week = last_completed(Frequency::weekly, tuesday);
  std::atomic<int> total{0};
  std::atomic<bool> go{false};
  auto work = [&](App& app) {
    while (!go) std::this_thread::yield();
    total += DigestRunner(app).run_period(week);
  };
  std::thread a(work, std::ref(this->node_->app));
  std::thread b(work, std::ref(other.app));
  go = true;
  a.join();
  b.join();
  EXPECT_EQ(total.load(), people);
  for (int i = 0; i < people; ++i)
    EXPECT_EQ(this->mails_to("p" + std::to_string(i) + "@voorbeeld.be"), 1) << i;
  EXPECT_EQ(this->sends(), people);
}

}  // namespace
}  // namespace schakel::digest
