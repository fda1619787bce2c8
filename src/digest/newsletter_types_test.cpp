#include "digest/newsletter_types.hpp"

#include <gtest/gtest.h>

#include "digest/newsletter_service.hpp"

namespace schakel::digest {
namespace {

TEST(NewsletterSegments, KeysRoundTripAndMalformedKeysAreRefused) {
  for (const char* key :
       {"role:professional", "role:spoc", "role:coordinator", "municipality:44021",
        "municipality_spocs:41002", "theme:partner_violence"}) {
    const auto segment = parse_newsletter_segment(key);
    ASSERT_TRUE(segment) << key;
    EXPECT_EQ(segment->key(), key);
  }
  for (const char* bad :
       {"", "role", "role:", "role:admin", "role:baas", "gemeente:44021", ":44021", "theme"})
    EXPECT_FALSE(parse_newsletter_segment(bad)) << bad;
}

TEST(NewsletterSegments, FormChoicesNeedTheirMunicipalityOrTheme) {
  EXPECT_EQ(segment_of_choice("spocs", "", "")->key(), "role:spoc");
  EXPECT_EQ(segment_of_choice("professionals", "44021", "x")->key(), "role:professional");
  EXPECT_EQ(segment_of_choice("coordinators", "", "")->key(), "role:coordinator");
  EXPECT_EQ(segment_of_choice("municipality", "44021", "")->key(), "municipality:44021");
  EXPECT_EQ(segment_of_choice("municipality_spocs", "41002", "")->key(),
            "municipality_spocs:41002");
  EXPECT_EQ(segment_of_choice("theme", "", "elder_abuse")->key(), "theme:elder_abuse");
  EXPECT_FALSE(segment_of_choice("municipality", "", "elder_abuse"));
  EXPECT_FALSE(segment_of_choice("theme", "44021", ""));
  EXPECT_FALSE(segment_of_choice("admins", "", ""));
  EXPECT_FALSE(segment_of_choice("", "", ""));
}

TEST(NewsletterRate, TheKthMailWaitsForItsMinute) {
  const std::int64_t start = 1'800'000'000;
  // 60 a minute: mails 0..59 at once, 60..119 a minute later, 125 two minutes later.
  EXPECT_EQ(spread_send_at(start, 0, 60), start);
  EXPECT_EQ(spread_send_at(start, 59, 60), start);
  EXPECT_EQ(spread_send_at(start, 60, 60), start + 60);
  EXPECT_EQ(spread_send_at(start, 119, 60), start + 60);
  EXPECT_EQ(spread_send_at(start, 125, 60), start + 120);
  // 7 a minute: mail 20 is in the third minute (20 / 7 = 2).
  EXPECT_EQ(spread_send_at(start, 20, 7), start + 120);
  // Never more than N in any minute: count per minute over 1000 mails.
  std::map<std::int64_t, int> per_minute;
  for (std::size_t k = 0; k < 1000; ++k) ++per_minute[spread_send_at(start, k, 60)];
  for (const auto& [at, n] : per_minute) EXPECT_LE(n, 60) << at;
  EXPECT_EQ(per_minute.size(), 17u);  // ceil(1000 / 60)
}

TEST(NewsletterDrafts, BadSubjectsAndBodiesGetDutchMessages) {
  EXPECT_TRUE(validate_draft({"Nieuws", "Tekst"}).empty());
  const auto empty = validate_draft({"  ", ""});
  ASSERT_EQ(empty.size(), 2u);
  EXPECT_EQ(empty[0].field, "subject");
  EXPECT_EQ(empty[0].message, "Geef de nieuwsbrief een onderwerp.");
  EXPECT_EQ(empty[1].field, "body");
  const auto huge = validate_draft({std::string(201, 'a'), std::string(50'001, 'b')});
  ASSERT_EQ(huge.size(), 2u);
  EXPECT_NE(huge[0].message.find("200"), std::string::npos);
  EXPECT_NE(huge[1].message.find("50000"), std::string::npos);
  // 200 characters of two bytes each are still 200 characters.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  EXPECT_TRUE(validate_draft({accents, "x"}).empty());
  EXPECT_EQ(validate_draft({"Twee\nregels", "x"}).size(), 1u);
}

TEST(NewsletterPeriod, TheDefaultIsTheLastMonth) {
  // 2026-03-31 12:00 Brussels (CEST): a month before is 28 February.
  const std::int64_t march_31 = 1'774'951'200;
  const auto period = default_period(march_31);
  EXPECT_EQ(period.until, "2026-03-31");
  EXPECT_EQ(period.from, "2026-02-28");
  // 2026-01-15 12:00 Brussels: the month before is in the previous year.
  EXPECT_EQ(default_period(1'768'474'800).from, "2025-12-15");
}

}  // namespace
}  // namespace schakel::digest
