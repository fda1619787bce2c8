#include "accounts/totp.hpp"

#include <gtest/gtest.h>

namespace schakel::accounts {
namespace {

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" in base32.
const std::string rfc_secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, MatchesTheRfc6238TestVectors) {
  EXPECT_EQ(totp_code(rfc_secret, 59, 8), "94287082");
  EXPECT_EQ(totp_code(rfc_secret, 1111111109, 8), "07081804");
  EXPECT_EQ(totp_code(rfc_secret, 1111111111, 8), "14050471");
  EXPECT_EQ(totp_code(rfc_secret, 1234567890, 8), "89005924");
  EXPECT_EQ(totp_code(rfc_secret, 2000000000, 8), "69279037");
  EXPECT_EQ(totp_code(rfc_secret, 20000000000LL, 8), "65353130");
}

TEST(Totp, AcceptsTheCurrentAndAdjacentStepsOnly) {
  const std::int64_t now = 1'800'000'015;
  const std::string code = totp_code(rfc_secret, now);
  EXPECT_EQ(totp_step(rfc_secret, code, now), now / 30);
  EXPECT_EQ(totp_step(rfc_secret, code, now + 30), now / 30);  // one step of drift
  EXPECT_FALSE(totp_step(rfc_secret, code, now + 120).has_value());
  EXPECT_FALSE(totp_step(rfc_secret, "12345", now).has_value());
  EXPECT_FALSE(totp_step(rfc_secret, "abcdef", now).has_value());
  EXPECT_FALSE(totp_step("not base32!", code, now).has_value());
}

TEST(Totp, NewSecretsAreBase32AndDistinct) {
  const std::string a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_NO_THROW(totp_code(a, 0));
}

TEST(Totp, OtpauthUriNamesIssuerAndAccount) {
  EXPECT_EQ(otpauth_uri("Schakel", "els@gent.be", "ABC"),
            "otpauth://totp/"
            "Schakel:els%40gent.be?secret=ABC&issuer=Schakel&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace schakel::accounts
