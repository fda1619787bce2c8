#include "digest/types.hpp"

#include <gtest/gtest.h>

#include "digest/preference_store.hpp"
#include "digest/unsubscribe.hpp"

namespace schakel::digest {
namespace {

TEST(DigestKinds, NamesRoundTripAndUnknownNamesAreRefused) {
  for (Kind k : all_kinds()) EXPECT_EQ(parse_kind(kind_name(k)), k);
  for (Frequency f : {Frequency::none, Frequency::daily, Frequency::weekly})
    EXPECT_EQ(parse_frequency(frequency_name(f)), f);
  EXPECT_FALSE(parse_kind("Resources"));
  EXPECT_FALSE(parse_kind(""));
  EXPECT_FALSE(parse_frequency("monthly"));
}

TEST(DigestPreferences, ThemeRowWinsOverKindRowWhichWinsOverTheDefault) {
  Preferences p;
  p.role = Role::professional;
  EXPECT_EQ(p.of(Kind::resources, "elder_abuse"), Frequency::weekly);  // default
  EXPECT_EQ(p.of(Kind::meetings), Frequency::none);  // not offered to professionals
  p.rows = {{Kind::resources, "", Frequency::daily},
            {Kind::resources, "elder_abuse", Frequency::none},
            {Kind::meetings, "", Frequency::daily}};
  EXPECT_EQ(p.of(Kind::resources, "elder_abuse"), Frequency::none);
  EXPECT_EQ(p.of(Kind::resources, "child_abuse"), Frequency::daily);
  EXPECT_EQ(p.of(Kind::resources), Frequency::daily);
  EXPECT_EQ(p.of(Kind::trainings, "child_abuse"), Frequency::weekly);
  EXPECT_EQ(p.of(Kind::meetings), Frequency::none);
  p.role = Role::spoc;
  EXPECT_EQ(p.of(Kind::meetings), Frequency::daily);
}

TEST(DigestUnsubscribe, ATokenNamesItsPersonAndKindAndRefusesTampering) {
  const std::string key = "sleutel-van-de-server";
  const std::int64_t now = 1'800'000'000;
  const std::string token = unsubscribe_token(key, 42, Kind::newsletter, now);
  const auto target = read_unsubscribe_token(key, token, now + 3600);
  ASSERT_TRUE(target);
  EXPECT_EQ(target->user_id, 42);
  EXPECT_EQ(target->kind, Kind::newsletter);
  // Another person or kind in the same token, another key, or too late: refused.
  std::string other = token;
  other.replace(0, 2, "43");
  EXPECT_FALSE(read_unsubscribe_token(key, other, now));
  std::string kind_swapped = token;
  kind_swapped.replace(kind_swapped.find("newsletter"), 10, "resources");
  EXPECT_FALSE(read_unsubscribe_token(key, kind_swapped, now));
  EXPECT_FALSE(read_unsubscribe_token("andere-sleutel", token, now));
  EXPECT_FALSE(read_unsubscribe_token(key, token, now + unsubscribe_link_seconds + 1));
  EXPECT_FALSE(read_unsubscribe_token(key, "", now));
  EXPECT_FALSE(read_unsubscribe_token(key, "x.y.z", now));
}

TEST(DigestUnsubscribe, HeadersFollowRfc8058) {
  const auto headers = unsubscribe_headers("https://schakel.test/meldingen/uitschrijven?token=abc");
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].first, "List-Unsubscribe");
  EXPECT_EQ(headers[0].second, "<https://schakel.test/meldingen/uitschrijven?token=abc>");
  EXPECT_EQ(headers[1].first, "List-Unsubscribe-Post");
  EXPECT_EQ(headers[1].second, "List-Unsubscribe=One-Click");
  EXPECT_EQ(unsubscribe_url("https://schakel.test", "t.1.m"),
            "https://schakel.test/meldingen/uitschrijven?token=t.1.m");
}

}  // namespace
}  // namespace schakel::digest
