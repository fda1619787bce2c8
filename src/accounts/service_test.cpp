#include "accounts/service.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schakel::accounts {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class AccountServiceTest : public BackendTest<B> {
 protected:
  ManualClock clock_{1'800'000'000};
};
TYPED_TEST_SUITE(AccountServiceTest, Backends, BackendNames);

TYPED_TEST(AccountServiceTest, CreatesAndSignsIn) {
  AccountService service(this->db(), this->clock_);
  auto created = service.create_user(
      {" Els@Voorbeeld.BE ", "Els", "een lang wachtwoord", "spoc", "44021", false});
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.value().email, "els@voorbeeld.be");
  auto signed_in = service.sign_in("ELS@voorbeeld.be", "een lang wachtwoord", false, {"127.0.0.1"});
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in.value().user.role, "spoc");
  EXPECT_EQ(signed_in.value().user.spoc_of, std::vector<std::string>{"44021"});
}

TYPED_TEST(AccountServiceTest, WrongPasswordAndUnknownAddressGiveTheSameMessage) {
  AccountService service(this->db(), this->clock_);
  ASSERT_TRUE(
      service.create_user({"a@voorbeeld.be", "A", "een lang wachtwoord", "professional", "", false})
          .ok());
  auto wrong = service.sign_in("a@voorbeeld.be", "verkeerd wachtwoord", false, {"127.0.0.1"});
  auto unknown =
      service.sign_in("niemand@voorbeeld.be", "een lang wachtwoord", false, {"127.0.0.1"});
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().fields.front().message, unknown.error().fields.front().message);
}

TYPED_TEST(AccountServiceTest, BadInputGivesFieldErrorsAndCreatesNothing) {
  AccountService service(this->db(), this->clock_);
  auto bad = service.create_user({"geen-adres", "", "kort", "keizer", "", false});
  ASSERT_FALSE(bad.ok());
  const auto& e = bad.error();
  EXPECT_FALSE(e.message_for("email").empty());
  EXPECT_FALSE(e.message_for("display_name").empty());
  EXPECT_FALSE(e.message_for("password").empty());
  EXPECT_FALSE(e.message_for("role").empty());
  auto spoc_without_municipality =
      service.create_user({"s@voorbeeld.be", "S", "een lang wachtwoord", "spoc", "", false});
  EXPECT_FALSE(spoc_without_municipality.error().message_for("nis_code").empty());
  auto unknown_municipality =
      service.create_user({"s@voorbeeld.be", "S", "een lang wachtwoord", "spoc", "99999", false});
  EXPECT_FALSE(unknown_municipality.ok());
  int users = -1;
  this->db().run(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM users", soci::into(users); });
  EXPECT_EQ(users, 0);
}

TYPED_TEST(AccountServiceTest, TakenAddressIsRefused) {
  AccountService service(this->db(), this->clock_);
  ASSERT_TRUE(service
                  .create_user({"dubbel@voorbeeld.be", "A", "een lang wachtwoord", "professional",
                                "", false})
                  .ok());
  auto again = service.create_user(
      {"DUBBEL@voorbeeld.be", "B", "een ander wachtwoord", "professional", "", false});
  ASSERT_FALSE(again.ok());
  EXPECT_FALSE(again.error().message_for("email").empty());
}

TEST(SafeNext, KeepsLocalPathsOnly) {
  EXPECT_EQ(safe_next("/netwerk?x=1"), "/netwerk?x=1");
  EXPECT_EQ(safe_next("//evil.example"), "/");
  EXPECT_EQ(safe_next("/\\evil.example"), "/");
  EXPECT_EQ(safe_next("https://evil.example"), "/");
  EXPECT_EQ(safe_next("/a\r\nSet-Cookie: x"), "/");
  EXPECT_EQ(safe_next(""), "/");
}

TEST(PlausibleEmail, AcceptsOrdinaryAndRefusesBrokenAddresses) {
  EXPECT_TRUE(plausible_email("els.peeters@gent.be"));
  for (const char* bad :
       {"", "a", "@gent.be", "a@", "a@b", "a b@gent.be", "a@@gent.be", "a@gent.", "<a>@gent.be"})
    EXPECT_FALSE(plausible_email(bad)) << bad;
}

}  // namespace
}  // namespace schakel::accounts
