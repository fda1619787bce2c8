// The campaign's rules and figures: bounds of texts and numbers, scan codes,
// help lines, distributions with their totals against hand-computed values,
// and the scan counter (one row per day, municipality and theme; nothing about
// the person). Typed tests run on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include "campaigns/demo.hpp"
#include "campaigns/service.hpp"
#include "campaigns/store.hpp"
#include "reference/place_code.hpp"
#include "test_support.hpp"

namespace schakel::campaigns {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

web::Principal person(Role role, std::vector<std::string> spoc_of = {}, std::int64_t id = 1) {
  web::Principal p;
  p.id = id;
  p.role = role;
  p.spoc_of = std::move(spoc_of);
  return p;
}

TEST(CampaignCards, ParsesCountsAndRefusesBadOnesInDutch) {
  EXPECT_EQ(parse_cards("250").value(), 250);
  EXPECT_EQ(parse_cards(" 0100000 ").value(), 100000);
  EXPECT_EQ(parse_cards("").error().message_for("cards"), "Vul het aantal kaarten in.");
  EXPECT_EQ(parse_cards("-5").error().message_for("cards"),
            "Het aantal kaarten kan niet negatief zijn.");
  EXPECT_EQ(parse_cards("veel").error().message_for("cards"),
            "Geef het aantal kaarten als een getal, zoals 250.");
  EXPECT_EQ(parse_cards("1.5").error().fields.front().field, "cards");
  EXPECT_EQ(parse_cards("100001").error().message_for("cards"),
            "Hoogstens 100.000 kaarten per regel.");
  EXPECT_EQ(parse_cards("99999999999999999999999").error().message_for("cards"),
            "Hoogstens 100.000 kaarten per regel.");
  EXPECT_EQ(parse_cards("0").error().message_for("cards"), "Geef minstens 1 kaart op.");
}

TEST(CampaignPhones, AcceptsBelgianNumbersOnly) {
  for (const char* ok : {"09 265 04 90", "02/123.45.67", "0470 12 34 56", "+32 470 12 34 56",
                         "0032 9 265 04 90", "1712", "101", "0800 123 45"})
    EXPECT_TRUE(is_belgian_phone(ok)) << ok;
  for (const char* bad : {"", "12", "09 265 04 9", "0470 12 34 5", "123", "1234", "+31 20 123 4567",
                          "bel ons", "09 265 04 90 1", "+32 +470"})
    EXPECT_FALSE(is_belgian_phone(bad)) << bad;
}

TEST(CampaignScanCodes, ThemeLetterAndPlaceCodeRoundTrip) {
  const std::string gent = reference::place_code("44021");
  EXPECT_EQ(scan_code("partner_violence", "44021"), "p" + gent);
  EXPECT_EQ(scan_code("child_abuse", "44021"), "k" + gent);
  EXPECT_EQ(scan_code("elder_abuse", "44021"), "e" + gent);
  EXPECT_EQ(scan_code("sibling_violence", "44021"), "");
  for (const auto& t : postcard_themes()) {
    auto back = parse_scan_code(scan_code(t.value, "41002"));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->theme, t.value);
    EXPECT_EQ(back->nis_code, "41002");
  }
  auto upper = scan_code("child_abuse", "41002");
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(parse_scan_code(upper));
  EXPECT_FALSE(parse_scan_code("x" + gent));
  EXPECT_FALSE(parse_scan_code("p" + gent + "a"));
  EXPECT_FALSE(parse_scan_code(""));
}

TEST(CampaignFit, MeasuresTheTextsInTheirBoxOnTheCard) {
  Postcard p{"child_abuse", "Maak je je zorgen om een kind?", "Luister.\nGeloof het kind.",
             "Praat erover met 1712.", 0};
  EXPECT_EQ(overflowing_field(p), std::nullopt);
  // Eight tips of 110 characters are within the character bounds but do not fit.
  std::string tip;
  while (tip.size() + 9 <= tip_max) tip += "woorden, ";
  std::string tips;
  for (std::size_t i = 0; i < tips_max_lines; ++i) tips += (i ? "\n" : "") + tip;
  p.tips = tips;
  EXPECT_EQ(overflowing_field(p), "tips");
  p.tips = "Luister.\nGeloof het kind.";
  p.title = std::string(60, 'W');
  EXPECT_EQ(overflowing_field(p), "title");
}

template <class B>
class Campaigns : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->database_) service_ = std::make_unique<CampaignService>(this->db(), clock_);
  }
  std::int64_t round(const std::string& from, const std::string& to) {
    return service_->create_round(coordinator_, Round{0, "Ronde", from, to}).value().id;
  }
  Result<Distribution> add(std::int64_t round_id, const std::string& nis, const std::string& theme,
                           const std::string& place, const std::string& cards,
                           const web::Principal& who) {
    return service_->add_distribution(who, Distribution{0, round_id, nis, theme, place, 0}, cards);
  }
  std::int64_t rows() {
    long long n = 0;
    this->db().run(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM distributions", soci::into(n); });
    return n;
  }
  ManualClock clock_{1793520000};
  std::unique_ptr<CampaignService> service_;
  std::optional<web::Principal> coordinator_ = person(Role::coordinator, {}, 1);
  std::optional<web::Principal> gent_ = person(Role::spoc, {"44021"}, 2);
  std::optional<web::Principal> aalst_ = person(Role::spoc, {"41002"}, 3);
};
TYPED_TEST_SUITE(Campaigns, Backends, BackendNames);

TYPED_TEST(Campaigns, OnlyTheCoordinatorWritesPostcardsWithinTheirBounds) {
  auto& s = *this->service_;
  Postcard p{"partner_violence", "Titel", "Tip een.\n\n  Tip twee.  ", "Bel 1712.", 0};
  EXPECT_EQ(s.save_postcard(this->gent_, p).error().failure, Failure::forbidden);
  EXPECT_EQ(s.save_postcard(this->coordinator_, Postcard{"sibling_violence", "T", "a\nb", "c", 0})
                .error()
                .failure,
            Failure::not_found);
  Postcard bad{"partner_violence", std::string(61, 'a'), "Maar een tip.", "", 0};
  auto refused = s.save_postcard(this->coordinator_, bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message_for("title"), "De titel is te lang: hoogstens 60 tekens.");
  EXPECT_NE(refused.error().message_for("tips"), "");
  EXPECT_NE(refused.error().message_for("call_to_action"), "");
  EXPECT_TRUE(s.postcards().empty());
  ASSERT_TRUE(s.save_postcard(this->coordinator_, p));
  EXPECT_EQ(s.postcard("partner_violence").value().tips, "Tip een.\nTip twee.");
}

TYPED_TEST(Campaigns, HelpLinesAreCheckedAndOnlyTheMunicipalitysOwn) {
  auto& s = *this->service_;
  const std::vector<HelpLine> lines = {{"CAW", "09 265 04 90"}, {"", ""}};
  EXPECT_EQ(s.set_help_lines(this->aalst_, "44021", lines).error().failure, Failure::forbidden);
  EXPECT_EQ(s.set_help_lines(this->gent_, "99999", lines).error().failure, Failure::not_found);
  auto bad = s.set_help_lines(this->gent_, "44021", {{"CAW", "12345"}, {"", "09 123 45 67"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message_for("phone_1"), "");
  EXPECT_NE(bad.error().message_for("label_2"), "");
  EXPECT_TRUE(s.help_lines("44021").empty());
  ASSERT_TRUE(s.set_help_lines(this->gent_, "44021", lines));
  ASSERT_EQ(s.help_lines("44021").size(), 1u);
  EXPECT_EQ(s.help_lines("44021")[0].phone, "09 265 04 90");
}

TYPED_TEST(Campaigns, RoundsNeedANameAndDatesInOrder) {
  auto& s = *this->service_;
  EXPECT_EQ(s.create_round(this->gent_, Round{0, "R", "2026-01-01", "2026-02-01"}).error().failure,
            Failure::forbidden);
  auto bad = s.create_round(this->coordinator_, Round{0, "", "2026-02-30", "morgen"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message_for("name"), "");
  EXPECT_NE(bad.error().message_for("starts_on"), "");
  EXPECT_NE(bad.error().message_for("ends_on"), "");
  EXPECT_EQ(s.create_round(this->coordinator_, Round{0, "R", "2026-03-01", "2026-02-01"})
                .error()
                .message_for("ends_on"),
            "De einddatum ligt voor de begindatum.");
  EXPECT_TRUE(s.rounds().empty());
}

TYPED_TEST(Campaigns, DistributionsAreBoundedAndOnlyTheMunicipalitysOwn) {
  const auto r = this->round("2026-10-01", "2026-11-30");
  EXPECT_EQ(this->add(r, "44021", "child_abuse", "school", "10", *this->aalst_).error().failure,
            Failure::forbidden);
  EXPECT_EQ(this->add(r, "44021", "child_abuse", "school", "10", *this->gent_).ok(), true);
  for (const char* bad : {"-3", "1000000", "tien", ""})
    EXPECT_EQ(this->add(r, "44021", "child_abuse", "school", bad, *this->gent_).error().failure,
              Failure::invalid)
        << bad;
  auto wrong = this->add(r, "44021", "sibling_violence", "kerk", "5", *this->gent_);
  EXPECT_NE(wrong.error().message_for("theme"), "");
  EXPECT_NE(wrong.error().message_for("place_type"), "");
  EXPECT_EQ(this->add(r + 99, "44021", "child_abuse", "school", "5", *this->gent_).error().failure,
            Failure::not_found);
  EXPECT_EQ(this->rows(), 1);
  // Another municipality's line can be neither corrected nor deleted through one's own.
  auto aalst_line = this->add(r, "41002", "elder_abuse", "pharmacy", "7", *this->aalst_).value();
  Distribution moved = aalst_line;
  moved.nis_code = "44021";
  EXPECT_EQ(this->service_->correct_distribution(this->gent_, moved, "8").error().failure,
            Failure::not_found);
  EXPECT_EQ(
      this->service_->delete_distribution(this->gent_, r, "44021", aalst_line.id).error().failure,
      Failure::not_found);
  ASSERT_TRUE(this->service_->correct_distribution(this->aalst_, aalst_line, "9"));
  ASSERT_TRUE(this->service_->delete_distribution(this->aalst_, r, "41002", aalst_line.id));
  EXPECT_EQ(this->rows(), 1);
}

TYPED_TEST(Campaigns, WritesPastTheRateLimitAreRefused) {
  const auto r = this->round("2026-10-01", "2026-11-30");
  for (int i = 0; i < 120; ++i)
    ASSERT_TRUE(this->add(r, "44021", "child_abuse", "school", "1", *this->gent_)) << i;
  auto busy = this->add(r, "44021", "child_abuse", "school", "1", *this->gent_);
  EXPECT_EQ(busy.error().failure, Failure::busy);
  EXPECT_EQ(this->rows(), 120);
}

TYPED_TEST(Campaigns, AMunicipalityHasAtMostTwoHundredLinesPerRound) {
  const auto r = this->round("2026-10-01", "2026-11-30");
  for (std::int64_t i = 0; i < distributions_max; ++i) {
    if (i > 0 && i % 100 == 0) this->clock_.advance(3601);  // past the hourly rate limit
    ASSERT_TRUE(this->add(r, "44021", "child_abuse", "school", "1", *this->gent_)) << i;
  }
  this->clock_.advance(3601);
  auto full = this->add(r, "44021", "child_abuse", "school", "1", *this->gent_);
  EXPECT_EQ(full.error().failure, Failure::conflict);
  EXPECT_EQ(this->rows(), distributions_max);
  EXPECT_TRUE(this->add(r, "41002", "child_abuse", "school", "1", *this->aalst_));
}

TYPED_TEST(Campaigns, TotalsAgreeWithHandComputedFigures) {
  auto& s = *this->service_;
  const auto r1 = this->round("2026-10-01", "2026-10-31");
  const auto r2 = this->round("2026-11-01", "2026-11-30");
  // Round 1: Gent 100 + 50 partner (pharmacy), 30 child (school), 20 child (pharmacy);
  // Aalst 40 elder (police), 10 partner (school). Round 2 must not count.
  for (const auto& [nis, theme, place, n] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"44021", "partner_violence", "pharmacy", "100"},
           {"44021", "partner_violence", "pharmacy", "50"},
           {"44021", "child_abuse", "school", "30"},
           {"44021", "child_abuse", "pharmacy", "20"},
           {"41002", "elder_abuse", "police", "40"},
           {"41002", "partner_violence", "school", "10"}})
    ASSERT_TRUE(this->add(r1, nis, theme, place, n, *this->coordinator_));
  ASSERT_TRUE(this->add(r2, "44021", "child_abuse", "school", "999", *this->coordinator_));
  // Scans: 2 in round 1 for Gent partner, 1 on its last day for Aalst elder, 1 before it.
  this->db().transact([](soci::session& sql) {
    CampaignStore::count_scan(sql, "2026-10-05", "44021", "partner_violence");
    CampaignStore::count_scan(sql, "2026-10-05", "44021", "partner_violence");
    CampaignStore::count_scan(sql, "2026-10-31", "41002", "elder_abuse");
    CampaignStore::count_scan(sql, "2026-09-30", "41002", "elder_abuse");
  });
  const auto t = s.totals(r1).value();
  EXPECT_EQ(t.cards, 250);
  const std::vector<std::pair<std::string, std::int64_t>> theme = {
      {"partner_violence", 160}, {"child_abuse", 50}, {"elder_abuse", 40}};
  ASSERT_EQ(t.by_theme.size(), theme.size());
  for (std::size_t i = 0; i < theme.size(); ++i) {
    EXPECT_EQ(t.by_theme[i].key, theme[i].first);
    EXPECT_EQ(t.by_theme[i].count, theme[i].second);
  }
  ASSERT_EQ(t.by_municipality.size(), 2u);
  EXPECT_EQ(t.by_municipality[0].key, "41002");
  EXPECT_EQ(t.by_municipality[0].count, 50);
  EXPECT_EQ(t.by_municipality[1].count, 200);
  ASSERT_EQ(t.by_place_type.size(), 3u);
  EXPECT_EQ(t.by_place_type[0].key, "pharmacy");
  EXPECT_EQ(t.by_place_type[0].count, 170);
  EXPECT_EQ(t.by_place_type[1].key, "school");
  EXPECT_EQ(t.by_place_type[1].count, 40);
  EXPECT_EQ(t.by_place_type[2].key, "police");
  EXPECT_EQ(t.by_place_type[2].count, 40);
  EXPECT_EQ(t.rows.size(), 5u);  // the two Gent partner/pharmacy lines are summed
  EXPECT_EQ(t.scans_total, 3);
  ASSERT_EQ(t.scans.size(), 2u);
  EXPECT_EQ(t.scans[0].nis_code, "41002");
  EXPECT_EQ(t.scans[0].scans, 1);
  EXPECT_EQ(t.scans[1].scans, 2);
  EXPECT_EQ(s.totals(r2).value().cards, 999);
}

TYPED_TEST(Campaigns, AScanCountsOneRowPerDayAndKeepsNothingAboutThePerson) {
  auto& s = *this->service_;
  const std::string code = scan_code("child_abuse", "44021");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(s.scan(code, "192.0.2.7"));
  EXPECT_EQ(s.scan("p" + reference::place_code("10000"), "192.0.2.7").error().failure,
            Failure::not_found);  // decodes, but names no municipality
  EXPECT_FALSE(s.scan("zzzzz", "192.0.2.7"));
  this->db().run([&](soci::session& sql) {
    long long rows = 0, scans = 0;
    std::string day;
    sql << "SELECT COUNT(*), MAX(scans), MAX(day) FROM postcard_scans", soci::into(rows),
        soci::into(scans), soci::into(day);
    EXPECT_EQ(rows, 1);
    EXPECT_EQ(scans, 3);
    EXPECT_EQ(day, format_date_input(this->clock_.now()));
    // The counter's columns: a day, a place, a theme, a number (and the demo mark).
    soci::rowset<soci::row> all = (sql.prepare << "SELECT * FROM postcard_scans");
    std::vector<std::string> columns;
    for (const auto& r : all) {
      for (std::size_t i = 0; i < r.size(); ++i) columns.push_back(r.get_properties(i).get_name());
      break;
    }
    EXPECT_EQ(columns, (std::vector<std::string>{"day", "nis_code", "theme", "scans", "is_demo"}));
  });
  // The rate limit's events name the client by a keyed hash, not by its address.
  this->db().run([&](soci::session& sql) {
    long long named = 0, hashed = 0;
    sql << "SELECT COUNT(*) FROM rate_events WHERE bucket LIKE '%192.0.2%'", soci::into(named);
    sql << "SELECT COUNT(*) FROM rate_events WHERE bucket LIKE 'scan:%'", soci::into(hashed);
    EXPECT_EQ(named, 0);
    EXPECT_EQ(hashed, 3);
  });
  // Past the client's limit a scan is answered but not counted.
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(s.scan(code, "192.0.2.8"));
  this->db().run([&](soci::session& sql) {
    long long scans = 0;
    sql << "SELECT scans FROM postcard_scans", soci::into(scans);
    EXPECT_EQ(scans, 3 + 20);
  });
}

TYPED_TEST(Campaigns, TheDemoUnloadsOnlyItsOwnRows) {
  const auto own = this->round("2026-01-01", "2026-01-31");
  ASSERT_TRUE(this->add(own, "44021", "child_abuse", "school", "5", *this->gent_));
  this->db().transact([&](soci::session& sql) {
    CampaignStore::count_scan(sql, "2026-01-02", "44021", "child_abuse");
    load_demo(sql, this->clock_);
  });
  EXPECT_EQ(this->service_->postcards().size(), 3u);
  EXPECT_EQ(this->service_->rounds().size(), 2u);
  EXPECT_GT(this->rows(), 1);
  for (const auto& p : this->service_->postcards()) EXPECT_EQ(overflowing_field(p), std::nullopt);
  this->db().transact([](soci::session& sql) { CampaignStore::delete_demo(sql); });
  EXPECT_TRUE(this->service_->postcards().empty());
  EXPECT_TRUE(this->service_->help_lines("44021").empty());
  ASSERT_EQ(this->service_->rounds().size(), 1u);
  EXPECT_EQ(this->rows(), 1);
  long long scans = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COALESCE(SUM(scans), 0) FROM postcard_scans", soci::into(scans);
  });
  EXPECT_EQ(scans, 1);
}

}  // namespace
}  // namespace schakel::campaigns
