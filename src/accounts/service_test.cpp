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
  // A SPOC speaks for member municipalities only.
  this->db().transact([&](soci::session& sql) {
    sql << "INSERT INTO memberships (nis_code, member_since, is_lead, is_demo) VALUES ('44021', "
           "1, 1, 0)";
  });
  auto created = service.create_user(
      {" Els@Voorbeeld.BE ", "Els", "een lang wachtwoord", Role::spoc, "44021", false});
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created.value().email, "els@voorbeeld.be");
  auto signed_in = service.sign_in("ELS@voorbeeld.be", "een lang wachtwoord", false, {"127.0.0.1"});
  ASSERT_TRUE(signed_in.ok());
  EXPECT_EQ(signed_in.value().user.role, Role::spoc);
  EXPECT_EQ(signed_in.value().user.spoc_of, std::vector<std::string>{"44021"});
}

// Retention of one-time tokens is accounts' own (its job accounts.tokens.purge).
TYPED_TEST(AccountServiceTest, PurgingTokensDeletesOnlyThoseExpiredBeforeTheCutOff) {
  AccountService service(this->db(), this->clock_);
  const auto user = service.create_user(
      {"els@voorbeeld.be", "Els", "een lang wachtwoord", Role::professional, "", false});
  ASSERT_TRUE(user.ok());
  const std::int64_t now = this->clock_.now();
  const auto [short_lived, long_lived] = this->db().transact([&](soci::session& sql) {
    return std::make_pair(UserStore::create_token(sql, user.value().id, "reset", "", now, 10),
                          UserStore::create_token(sql, user.value().id, "reset", "", now, 1000));
  });
  this->db().transact([&](soci::session& sql) { UserStore::purge_expired_tokens(sql, now + 500); });
  UserStore store(this->db(), this->clock_);
  int left = 0;
  this->db().run(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM account_tokens", soci::into(left); });
  EXPECT_EQ(left, 1);
  EXPECT_FALSE(store.peek_token(short_lived, "reset", now).has_value());
  EXPECT_TRUE(store.peek_token(long_lived, "reset", now).has_value());
}

TYPED_TEST(AccountServiceTest, WrongPasswordAndUnknownAddressGiveTheSameMessage) {
  AccountService service(this->db(), this->clock_);
  ASSERT_TRUE(service
                  .create_user(
                      {"a@voorbeeld.be", "A", "een lang wachtwoord", Role::professional, "", false})
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
  // (An unknown role cannot reach the service: parse_role refuses it first.)
  auto bad = service.create_user({"geen-adres", "", "kort", Role::professional, "", false});
  ASSERT_FALSE(bad.ok());
  const auto& e = bad.error();
  EXPECT_FALSE(e.message_for("email").empty());
  EXPECT_FALSE(e.message_for("display_name").empty());
  EXPECT_FALSE(e.message_for("password").empty());
  auto spoc_without_municipality =
      service.create_user({"s@voorbeeld.be", "S", "een lang wachtwoord", Role::spoc, "", false});
  EXPECT_FALSE(spoc_without_municipality.error().message_for("nis_code").empty());
  auto unknown_municipality = service.create_user(
      {"s@voorbeeld.be", "S", "een lang wachtwoord", Role::spoc, "99999", false});
  EXPECT_FALSE(unknown_municipality.ok());
  int users = -1;
  this->db().run(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM users", soci::into(users); });
  EXPECT_EQ(users, 0);
}

TYPED_TEST(AccountServiceTest, TakenAddressIsRefused) {
  AccountService service(this->db(), this->clock_);
  ASSERT_TRUE(service
                  .create_user({"dubbel@voorbeeld.be", "A", "een lang wachtwoord",
                                Role::professional, "", false})
                  .ok());
  auto again = service.create_user(
      {"DUBBEL@voorbeeld.be", "B", "een ander wachtwoord", Role::professional, "", false});
  ASSERT_FALSE(again.ok());
  EXPECT_FALSE(again.error().message_for("email").empty());
}

template <class B>
class PasswordLimits : public AccountServiceTest<B> {
 protected:
  void SetUp() override {
    AccountServiceTest<B>::SetUp();
    if (this->IsSkipped()) return;
    user_ = AccountService(this->db(), this->clock_)
                .create_user({"eigenaar@voorbeeld.be", "Eigenaar", "een lang wachtwoord",
                              Role::professional, "", false})
                .value();
  }
  int audited(const std::string& action) {
    int n = 0;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_log WHERE action = :a", soci::use(action), soci::into(n);
    });
    return n;
  }
  User user_;
};
TYPED_TEST_SUITE(PasswordLimits, Backends, BackendNames);

TYPED_TEST(PasswordLimits, FailuresFromManyAddressesDoNotLockTheOwnerOut) {
  AccountService service(this->db(), this->clock_);
  // The owner signed in from the office yesterday.
  ASSERT_TRUE(
      service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, {"192.0.2.10"}).ok());
  this->clock_.advance(20 * 3600);
  // Forty addresses fail three times each: 120 failures in 15 minutes.
  for (int ip = 0; ip < 40; ++ip)
    for (int i = 0; i < 3; ++i)
      service.sign_in("eigenaar@voorbeeld.be", "geraden " + std::to_string(i), false,
                      {"198.51.100." + std::to_string(ip)});
  // From the office the owner signs in as always.
  EXPECT_TRUE(
      service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, {"192.0.2.10"}).ok());
  // From a new address only the account-wide brake (100 an hour) holds, and it
  // points to the mail link.
  auto owner =
      service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, {"203.0.113.7"});
  ASSERT_FALSE(owner.ok());
  EXPECT_EQ(owner.error().failure, Failure::busy);
  EXPECT_NE(owner.error().fields.front().message.find("link per mail"), std::string::npos);
  EXPECT_TRUE(service.request_sign_in_link("eigenaar@voorbeeld.be", {"203.0.113.7"}).ok());
  this->clock_.advance(3601);
  EXPECT_TRUE(
      service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, {"203.0.113.7"}).ok());
}

TYPED_TEST(PasswordLimits, AnIpv6ClientCountsByItsSlash64AndMappedIpv4AsIpv4) {
  AccountService service(this->db(), this->clock_);
  auto fail_from = [&](const std::string& ip) {
    return service.sign_in("eigenaar@voorbeeld.be", "geraden", false, {ip});
  };
  // Ten failures, each from a fresh address of one /64: the pair limit of that
  // account and client is reached, whatever the next address of the /64.
  for (int i = 1; i <= 10; ++i)
    ASSERT_EQ(fail_from("2001:db8:1:2::" + std::to_string(i)).error().failure, Failure::invalid);
  EXPECT_EQ(fail_from("2001:db8:1:2:ffff:ffff:ffff:ffff").error().failure, Failure::busy);
  // Another /64 is another client.
  EXPECT_EQ(fail_from("2001:db8:1:3::1").error().failure, Failure::invalid);
  // An IPv4 client counts the same when it arrives as an IPv4-mapped IPv6 address.
  for (int i = 0; i < 10; ++i)
    ASSERT_EQ(fail_from(i % 2 ? "192.0.2.20" : "::ffff:192.0.2.20").error().failure,
              Failure::invalid);
  EXPECT_EQ(fail_from("192.0.2.20").error().failure, Failure::busy);
  EXPECT_EQ(fail_from("192.0.2.21").error().failure, Failure::invalid);

  // Mails by form: ten per client; the /64 is one client.
  for (int i = 1; i <= 10; ++i)
    ASSERT_TRUE(service
                    .request_sign_in_link("iemand" + std::to_string(i) + "@voorbeeld.be",
                                          {"2001:db8:9:9::" + std::to_string(i)})
                    .ok());
  EXPECT_EQ(service.request_sign_in_link("nog-iemand@voorbeeld.be", {"2001:db8:9:9::abcd"})
                .error()
                .failure,
            Failure::busy);
}

TYPED_TEST(PasswordLimits, OneAddressGuessingIsStoppedWithoutStoppingTheOwnerElsewhere) {
  AccountService service(this->db(), this->clock_);
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(
        service.sign_in("eigenaar@voorbeeld.be", "fout", false, {"198.51.100.1"}).error().failure,
        Failure::invalid);
  EXPECT_EQ(service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, {"198.51.100.1"})
                .error()
                .failure,
            Failure::busy);
  EXPECT_TRUE(
      service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, {"203.0.113.7"}).ok());
}

TYPED_TEST(PasswordLimits, PasswordRechecksCountAsFailuresAndAreAudited) {
  AccountService service(this->db(), this->clock_);
  const Origin stolen{"198.51.100.9"};
  const auto id = this->user_.id;
  // Every re-check behind a session counts toward the same limit.
  EXPECT_FALSE(service.change_password(id, "fout", "een nieuw lang wachtwoord", "", stolen).ok());
  EXPECT_FALSE(service.request_email_change(id, "nieuw@voorbeeld.be", "fout", stolen).ok());
  EXPECT_FALSE(service.delete_account(id, "fout", stolen).ok());
  EXPECT_FALSE(service.restart_totp(id, "fout", stolen).ok());
  EXPECT_FALSE(service.disable_totp(id, "fout", stolen).ok());
  EXPECT_EQ(this->audited("password_recheck_failed"), 5);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(service.delete_account(id, "fout", stolen).ok());
  // The eleventh is refused before the password is looked at, even the right one.
  auto refused = service.delete_account(id, "een lang wachtwoord", stolen);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().failure, Failure::busy);
  EXPECT_TRUE(service.sign_in("eigenaar@voorbeeld.be", "een lang wachtwoord", false, stolen)
                  .error()
                  .failure == Failure::busy);
  EXPECT_EQ(this->audited("password_recheck_refused"), 1);
  int users = 0;
  this->db().run(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM users", soci::into(users); });
  EXPECT_EQ(users, 1);  // not deleted
  // A right password takes its own attempt back.
  this->clock_.advance(901);
  EXPECT_TRUE(
      service.change_password(id, "een lang wachtwoord", "een nieuw lang wachtwoord", "", stolen)
          .ok());
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
