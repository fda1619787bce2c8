#include "web/cookies.hpp"

#include <gtest/gtest.h>

namespace schakel::web {
namespace {

TEST(Cookies, ParsesPairs) {
  auto c = parse_cookies("a=1; __Host-schakel=abc_DEF-123; b=\"quoted\"");
  EXPECT_EQ(c.at("a"), "1");
  EXPECT_EQ(c.at("__Host-schakel"), "abc_DEF-123");
  EXPECT_EQ(c.at("b"), "quoted");
}

TEST(Cookies, SkipsMalformedPairsAndKeepsTheRest) {
  auto c = parse_cookies("=nameless; novalue; bad name=1; x=ok; y=sp ace; z=\x01");
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(c.at("x"), "ok");
}

TEST(Cookies, FirstOfARepeatedNameWins) {
  auto c = parse_cookies("s=first; s=second");
  EXPECT_EQ(c.at("s"), "first");
}

TEST(Cookies, EmptyHeaderGivesNothing) { EXPECT_TRUE(parse_cookies("").empty()); }

TEST(Cookies, SetCookieCarriesTheSecurityAttributes) {
  CookieOptions o;
  o.max_age = 3600;
  const std::string v = set_cookie("__Host-schakel", "tok", o);
  EXPECT_EQ(v, "__Host-schakel=tok; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
}

TEST(Cookies, SetCookieRefusesForbiddenCharacters) {
  EXPECT_THROW(set_cookie("a b", "x", {}), std::invalid_argument);
  EXPECT_THROW(set_cookie("a", "x;y", {}), std::invalid_argument);
}

}  // namespace
}  // namespace schakel::web
