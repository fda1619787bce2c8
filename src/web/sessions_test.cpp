#include "web/sessions.hpp"

#include <gtest/gtest.h>

#include "core/random.hpp"
#include "test_support.hpp"

namespace schakel::web {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class SessionStoreTest : public BackendTest<B> {
 protected:
  ManualClock clock_{1'800'000'000};
};
TYPED_TEST_SUITE(SessionStoreTest, Backends, BackendNames);

TYPED_TEST(SessionStoreTest, CreatedSessionLoadsByItsTokenAndStoresOnlyTheHash) {
  SessionStore store(this->db(), this->clock_);
  auto s = store.create(std::nullopt, "Firefox");
  ASSERT_EQ(s->token.size(), 43u);  // 256 bits, base64url
  auto loaded = store.load(s->token);
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->csrf_token, s->csrf_token);
  EXPECT_FALSE(loaded->user_id.has_value());
  int with_raw_token = -1;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(s->token),
        soci::into(with_raw_token);
  });
  EXPECT_EQ(with_raw_token, 0);
  EXPECT_EQ(s->token_hash, sha256_hex(s->token));
}

TYPED_TEST(SessionStoreTest, UnknownOrMalformedTokensLoadNothing) {
  SessionStore store(this->db(), this->clock_);
  EXPECT_EQ(store.load(random_token(32)), nullptr);
  EXPECT_EQ(store.load(""), nullptr);
  EXPECT_EQ(store.load(std::string(500, 'a')), nullptr);
}

TYPED_TEST(SessionStoreTest, IdleSessionExpiresAndActiveOneLivesUntilTheAbsoluteLimit) {
  SessionPolicy policy;
  policy.idle_seconds = 600;
  policy.absolute_seconds = 3600;
  SessionStore store(this->db(), this->clock_, policy);
  auto idle = store.create(std::nullopt, "");
  auto active = store.create(std::nullopt, "");
  for (int minute = 0; minute < 50; minute += 5) {
    this->clock_.advance(300);
    EXPECT_NE(store.load(active->token), nullptr) << minute;
  }
  EXPECT_EQ(store.load(idle->token), nullptr);
  this->clock_.advance(700);  // now beyond the absolute hour
  EXPECT_EQ(store.load(active->token), nullptr);
  EXPECT_EQ(store.purge_expired(), 2u);
}

TYPED_TEST(SessionStoreTest, DestroyedSessionIsGone) {
  SessionStore store(this->db(), this->clock_);
  auto s = store.create(std::nullopt, "");
  store.destroy(*s);
  EXPECT_EQ(store.load(s->token), nullptr);
}

TYPED_TEST(SessionStoreTest, FlashMessagesSurviveOneRoundTrip) {
  SessionStore store(this->db(), this->clock_);
  auto s = store.create(std::nullopt, "");
  s->add_flash("success", "Opgeslagen \"met\" <tekens>");
  store.save_flash(*s);
  auto loaded = store.load(s->token);
  ASSERT_EQ(loaded->flash.size(), 1u);
  EXPECT_EQ(loaded->flash[0].message, "Opgeslagen \"met\" <tekens>");
}

TYPED_TEST(SessionStoreTest, TwoRequestsOnOneNewAnonymousCookieBothStoreIt) {
  SessionStore store(this->db(), this->clock_);
  const std::string token = random_token(32);
  auto first = store.transient(token, "csrf", "");
  auto second = store.transient(token, "csrf", "");
  first->add_flash("info", "Eerste");
  second->add_flash("info", "Tweede");
  EXPECT_NO_THROW(store.persist(*first));
  EXPECT_NO_THROW(store.persist(*second));
  int rows = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use(first->token_hash),
        soci::into(rows);
  });
  EXPECT_EQ(rows, 1);
  auto loaded = store.load(token);
  ASSERT_NE(loaded, nullptr);
  ASSERT_EQ(loaded->flash.size(), 1u);
  EXPECT_EQ(loaded->flash[0].message, "Tweede");
}

TEST(Flash, DecodingToleratesGarbage) {
  EXPECT_TRUE(decode_flash("").empty());
  EXPECT_TRUE(decode_flash("{not json").empty());
  EXPECT_TRUE(decode_flash("[{\"kind\":1}]").empty());
}

}  // namespace
}  // namespace schakel::web
