#include "core/signed_token.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

const std::string key = "0123456789abcdef0123456789abcdef";

TEST(SignedToken, RoundTripsBeforeExpiry) {
  const auto token = sign_token(key, "checkin", "42", 1000);
  EXPECT_EQ(verify_token(key, "checkin", token, 999), "42");
}

TEST(SignedToken, RefusesExpiredTamperedAndForeignTokens) {
  const auto token = sign_token(key, "checkin", "42", 1000);
  EXPECT_FALSE(verify_token(key, "checkin", token, 1000));  // expired
  EXPECT_FALSE(verify_token(key, "manage", token, 10));     // other purpose
  EXPECT_FALSE(verify_token("another-key-another-key", "checkin", token, 10));
  std::string other_subject = token;
  other_subject[0] = '3';
  EXPECT_FALSE(verify_token(key, "checkin", other_subject, 10));
  std::string later = "42.2000" + token.substr(token.find('.', 3));
  EXPECT_FALSE(verify_token(key, "checkin", later, 10));  // extended expiry
  for (const std::string bad : {"", ".", "..", "42..", "42.x.y", "a b.1.00", "42.1000."})
    EXPECT_FALSE(verify_token(key, "checkin", bad, 10)) << bad;
}

TEST(SignedToken, RefusesSubjectsThatCouldBreakTheFormat) {
  EXPECT_THROW(sign_token(key, "p", "a.b", 1), std::invalid_argument);
  EXPECT_THROW(sign_token(key, "p", "", 1), std::invalid_argument);
  EXPECT_THROW(sign_token("", "p", "a", 1), std::invalid_argument);
}

}  // namespace
}  // namespace schakel
