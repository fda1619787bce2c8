#include "accounts/password.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace schakel::accounts {
namespace {

TEST(PasswordHash, IsArgon2idWithAtLeast19MiBAndTwoPasses) {
  const std::string encoded = hash_password("correct paard batterij nietje");
  std::smatch m;
  static const std::regex format(
      R"(^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$)");
  ASSERT_TRUE(std::regex_match(encoded, m, format)) << encoded;
  EXPECT_GE(std::stoul(m[1]), 19u * 1024);  // KiB
  EXPECT_GE(std::stoul(m[2]), 2u);
  EXPECT_GE(m[4].length(), 22);  // a 16-byte salt
}

TEST(PasswordHash, SaltDiffersPerHash) {
  EXPECT_NE(hash_password("hetzelfde wachtwoord"), hash_password("hetzelfde wachtwoord"));
}

TEST(PasswordHash, VerifiesOnlyTheRightPassword) {
  const std::string encoded = hash_password("een lang wachtwoord");
  EXPECT_TRUE(verify_password(encoded, "een lang wachtwoord"));
  EXPECT_FALSE(verify_password(encoded, "een lang wachtwoorD"));
  EXPECT_FALSE(verify_password("not a hash", "een lang wachtwoord"));
  EXPECT_FALSE(verify_password("", ""));
}

TEST(PasswordPolicy, RequiresTwelveToOneHundredTwentyEightCharacters) {
  EXPECT_FALSE(check_password_policy("elf tekens!").ok());
  EXPECT_TRUE(check_password_policy("twaalf teken").ok());
  EXPECT_TRUE(check_password_policy(std::string(128, 'x')).ok());
  EXPECT_FALSE(check_password_policy(std::string(129, 'x')).ok());
  // Characters, not bytes: twelve accented letters are enough.
  std::string accented;
  for (int i = 0; i < 12; ++i) accented += "\xC3\xA9";
  EXPECT_TRUE(check_password_policy(accented).ok());
  auto error = check_password_policy("kort");
  EXPECT_EQ(error.error().fields.front().field, "password");
}

}  // namespace
}  // namespace schakel::accounts

namespace schakel::accounts {
namespace {

TEST(CommonPasswords, TheShippedListHoldsAtLeastTenThousand) {
  EXPECT_GE(common_password_count(), 10000u);
}

TEST(CommonPasswords, RefusesListedPasswordsAndSmallVariations) {
  for (const char* bad : {"passwordpassword", "Password1234", "iloveyou2024!", "qwertyqwerty",
                          "Wachtwoord123!", "welkom2024!!"}) {
    EXPECT_TRUE(is_common_password(bad)) << bad;
    EXPECT_FALSE(check_password_policy(bad).ok()) << bad;
  }
  EXPECT_FALSE(is_common_password("paarse olifant op de fiets"));
  EXPECT_TRUE(check_password_policy("paarse olifant op de fiets").ok());
}

TEST(CommonPasswords, RefusesTheEmailNameInsideThePassword) {
  EXPECT_FALSE(check_password_policy("els.peeters-geheim", "els.peeters@gent.be").ok());
  EXPECT_TRUE(check_password_policy("paarse olifant op de fiets", "els.peeters@gent.be").ok());
}

}  // namespace
}  // namespace schakel::accounts
