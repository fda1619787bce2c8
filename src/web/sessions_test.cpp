#include "web/sessions.hpp"

#include <gtest/gtest.h>

#include "core/random.hpp"
#include "store/changes.hpp"
#include "store/prepared.hpp"
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

  // A new account's id (sessions refer to accounts).
  long long make_user(const std::string& email) {
    this->db().run([&](soci::session& sql) {
      sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
             "(:e, 'Iemand', 'x', 'professional', 1)",
          soci::use(email);
    });
    long long id = 0;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT id FROM users WHERE email = :e", soci::use(email), soci::into(id);
    });
    return id;
  }

  // The row's last_seen_at and expires_at as stored.
  std::pair<long long, long long> stored_times(const std::string& token_hash) {
    long long seen = -1, expires = -1;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT last_seen_at, expires_at FROM sessions WHERE token_hash = :h",
          soci::use(token_hash), soci::into(seen), soci::into(expires);
    });
    return {seen, expires};
  }
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

// The session cache (issue 16). A second SessionStore over its own connections
// to the same database stands for another node.

TYPED_TEST(SessionStoreTest, ACachedSessionIsServedWithoutReadingItsRow) {
  SessionStore store(this->db(), this->clock_);
  auto s = store.create(std::nullopt, "");
  ASSERT_NE(store.load(s->token), nullptr);  // read and kept
  // Changed behind the store's back, without raising the epoch: the cache answers.
  this->db().execute("UPDATE sessions SET csrf_token = 'achter-de-rug' WHERE token_hash = '" +
                     s->token_hash + "'");
  const auto hits = store.cache_hits();
  EXPECT_EQ(store.load(s->token)->csrf_token, s->csrf_token);
  EXPECT_EQ(store.cache_hits(), hits + 1);
  // An account write (the epoch) concerns principals, not the session row.
  this->db().transact([](soci::session& sql) { SessionStore::note_account_change(sql); });
  EXPECT_EQ(store.load(s->token)->csrf_token, s->csrf_token);
  EXPECT_EQ(store.cache_hits(), hits + 2);
  // Once the row's version moves, the row is read again.
  this->db().execute("UPDATE sessions SET version = version + 1 WHERE token_hash = '" +
                     s->token_hash + "'");
  EXPECT_EQ(store.load(s->token)->csrf_token, "achter-de-rug");
  EXPECT_EQ(store.cache_hits(), hits + 2);
}

TYPED_TEST(SessionStoreTest, EndingASessionOnOneNodeIsSeenAtOnceOnAnother) {
  auto other_db = store::Database::open(this->db().url(), 2);
  SessionStore a(this->db(), this->clock_), b(*other_db, this->clock_);
  const long long user = this->make_user("zeven@voorbeeld.be");
  auto signed_out = a.create(user, "");
  auto password_changed = a.create(user, "");
  auto kept = a.create(user, "");
  for (const auto& s : {signed_out, password_changed, kept}) {
    ASSERT_NE(b.load(s->token), nullptr);
    ASSERT_NE(b.load(s->token), nullptr);  // now from b's cache
  }
  a.destroy(*signed_out);
  EXPECT_EQ(b.load(signed_out->token), nullptr);
  this->db().transact(
      [&](soci::session& sql) { SessionStore::end_others_for_user(sql, user, kept->token_hash); });
  EXPECT_EQ(b.load(password_changed->token), nullptr);
  EXPECT_NE(b.load(kept->token), nullptr);
  this->db().transact([&](soci::session& sql) { SessionStore::end_all_for_user(sql, user); });
  EXPECT_EQ(b.load(kept->token), nullptr);
}

TYPED_TEST(SessionStoreTest, AFlashOrPendingSecondFactorSetOnOneNodeIsSeenOnAnother) {
  auto other_db = store::Database::open(this->db().url(), 2);
  SessionStore a(this->db(), this->clock_), b(*other_db, this->clock_);
  auto s = a.create(std::nullopt, "");
  ASSERT_TRUE(b.load(s->token)->flash.empty());
  auto on_a = a.load(s->token);
  on_a->add_flash("success", "Bewaard op A.");
  a.save_flash(*on_a);
  auto on_b = b.load(s->token);
  ASSERT_EQ(on_b->flash.size(), 1u);
  EXPECT_EQ(on_b->flash[0].message, "Bewaard op A.");
  const long long pending = this->make_user("tweede-stap@voorbeeld.be");
  a.set_pending_user(*on_a, pending);
  EXPECT_EQ(b.load(s->token)->pending_user_id, std::optional<std::int64_t>(pending));
}

TYPED_TEST(SessionStoreTest, LastSeenIsWrittenAtMostOncePerMinute) {
  SessionStore store(this->db(), this->clock_);
  auto s = store.create(std::nullopt, "");
  const long long created = this->clock_.now();
  ASSERT_EQ(this->stored_times(s->token_hash).first, created);
  for (int second = 10; second < 60; second += 10) {
    this->clock_.advance(10);
    ASSERT_NE(store.load(s->token), nullptr);
    EXPECT_EQ(this->stored_times(s->token_hash).first, created) << second;  // nothing written
  }
  this->clock_.advance(10);  // a minute after the last write
  ASSERT_NE(store.load(s->token), nullptr);
  auto [seen, expires] = this->stored_times(s->token_hash);
  EXPECT_EQ(seen, created + 60);
  EXPECT_EQ(expires, std::min<long long>(created + store.policy().absolute_seconds,
                                         created + 60 + store.policy().idle_seconds));
  this->clock_.advance(30);
  ASSERT_NE(store.load(s->token), nullptr);
  EXPECT_EQ(this->stored_times(s->token_hash).first, created + 60);
}

TYPED_TEST(SessionStoreTest, IdleExpiryCountsFromTheLastWrittenTime) {
  SessionPolicy policy;
  policy.idle_seconds = 600;
  SessionStore store(this->db(), this->clock_, policy);
  auto s = store.create(std::nullopt, "");
  const std::int64_t start = this->clock_.now();
  auto at = [&](std::int64_t t) { this->clock_.advance(start + t - this->clock_.now()); };
  ASSERT_NE(store.load(s->token), nullptr);  // kept in the cache
  at(59);
  EXPECT_NE(store.load(s->token), nullptr);  // from the cache: nothing written
  at(599);
  EXPECT_NE(store.load(s->token), nullptr);  // written: now ends at 1199
  at(1198);
  EXPECT_NE(store.load(s->token), nullptr);  // written: now ends at 1798
  at(1797);
  EXPECT_NE(store.load(s->token), nullptr);  // written: now ends at 2397
  at(2397);
  EXPECT_EQ(store.load(s->token), nullptr);
}

TYPED_TEST(SessionStoreTest, TheAbsoluteLimitHoldsWhileServedFromTheCache) {
  SessionPolicy policy;
  policy.idle_seconds = 600;
  policy.absolute_seconds = 3600;
  SessionStore store(this->db(), this->clock_, policy);
  auto s = store.create(std::nullopt, "");
  const std::int64_t start = this->clock_.now();
  // Used every 15 seconds: mostly answered from the cache.
  for (std::int64_t t = 0; t < 3600; t += 15) {
    this->clock_.advance(start + t - this->clock_.now());
    ASSERT_NE(store.load(s->token), nullptr) << t;
  }
  this->clock_.advance(start + 3599 - this->clock_.now());
  EXPECT_NE(store.load(s->token), nullptr);
  this->clock_.advance(1);
  EXPECT_EQ(store.load(s->token), nullptr);
  EXPECT_GT(store.cache_hits(), 100u);
}

TYPED_TEST(SessionStoreTest, AnExpiryExtendedOnAnotherNodeIsHonoured) {
  SessionPolicy policy;
  policy.idle_seconds = 600;
  auto other_db = store::Database::open(this->db().url(), 2);
  SessionStore a(this->db(), this->clock_, policy), b(*other_db, this->clock_, policy);
  auto s = a.create(std::nullopt, "");
  ASSERT_NE(b.load(s->token), nullptr);  // b's entry says: ends at start + 600
  this->clock_.advance(300);
  ASSERT_NE(a.load(s->token), nullptr);  // a writes: ends at start + 900
  this->clock_.advance(350);
  EXPECT_NE(b.load(s->token), nullptr);
}

// On PostgreSQL the one statement reads the commit horizon; after a commit a
// second one reads the rows (store/horizon.hpp).
TYPED_TEST(SessionStoreTest, ACachedLoadIsOneStatementThatReadsTheChangeFeedToo) {
  const bool postgres = this->db().backend() == store::Backend::postgresql;
  SessionStore store(this->db(), this->clock_);
  auto s = store.create(std::nullopt, "");
  std::int64_t feed = -1;
  ASSERT_NE(store.load(s->token, &feed), nullptr);  // read and kept
  this->db().transact(
      [](soci::session& sql) { store::record_change(sql, "test", "1", "updated", 1); });
  const auto before = store::statements_run_on_this_thread();
  auto cached = store.load(s->token, &feed);
  EXPECT_EQ(store::statements_run_on_this_thread() - before, postgres ? 2u : 1u);
  ASSERT_NE(cached, nullptr);
  EXPECT_EQ(feed, this->db().run([](soci::session& sql) { return store::latest_change_id(sql); }));
  EXPECT_EQ(cached->epoch, this->db().run([](soci::session& sql) { return session_epoch(sql); }));
  // Nothing committed since: one statement on either database. Other tests
  // share the PostgreSQL server and may commit between two loads: load until
  // one finds the horizon standing, never more than two statements.
  std::uint64_t statements = 0;
  for (int i = 0; i < 200 && statements != 1u; ++i) {
    const auto again = store::statements_run_on_this_thread();
    ASSERT_NE(store.load(s->token, &feed), nullptr);
    statements = store::statements_run_on_this_thread() - again;
    EXPECT_LE(statements, postgres ? 2u : 1u);
  }
  EXPECT_EQ(statements, 1u);
  // An unknown token: still one statement, and the feed's position.
  feed = -1;
  const auto unknown_before = store::statements_run_on_this_thread();
  EXPECT_EQ(store.load(random_token(32), &feed), nullptr);
  EXPECT_EQ(store::statements_run_on_this_thread() - unknown_before, 1u);
  EXPECT_GT(feed, 0);
}

// The principal kept with a cached session: served while the epoch stands and
// the clock is before its cached_until; an account write or that instant drops
// the principal, not the session.
TYPED_TEST(SessionStoreTest, ACachedPrincipalGoesWithTheEpochOrAtItsInstant) {
  SessionStore store(this->db(), this->clock_);
  const long long user = this->make_user("principaal@voorbeeld.be");
  auto s = store.create(user, "");
  Principal p;
  p.id = user;
  p.name = "Iemand";
  p.cacheable = true;
  p.cached_until = this->clock_.now() + 20;
  store.remember_principal(*store.load(s->token), p);
  ASSERT_NE(store.load(s->token)->principal, nullptr);
  this->clock_.advance(19);
  ASSERT_NE(store.load(s->token)->principal, nullptr);
  this->clock_.advance(1);
  auto at_instant = store.load(s->token);
  ASSERT_NE(at_instant, nullptr);
  EXPECT_EQ(at_instant->principal, nullptr);
  // Kept again without an instant: an account write drops it.
  p.cached_until.reset();
  store.remember_principal(*at_instant, p);
  ASSERT_NE(store.load(s->token)->principal, nullptr);
  const auto hits = store.cache_hits();
  this->db().transact([](soci::session& sql) { SessionStore::note_account_change(sql); });
  auto after = store.load(s->token);
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->principal, nullptr);
  EXPECT_EQ(store.cache_hits(), hits + 1);  // the session itself still from the cache
  // A principal that is not cacheable is not kept.
  p.cacheable = false;
  store.remember_principal(*after, p);
  EXPECT_EQ(store.load(s->token)->principal, nullptr);
}

// Session writes raise their row's version, never the epoch.
TYPED_TEST(SessionStoreTest, SessionWritesLeaveTheEpochAlone) {
  auto other_db = store::Database::open(this->db().url(), 2);
  SessionStore a(this->db(), this->clock_), b(*other_db, this->clock_);
  auto epoch = [&] {
    return this->db().run([](soci::session& sql) { return session_epoch(sql); });
  };
  const auto before = epoch();
  auto other = a.create(std::nullopt, "");
  ASSERT_NE(b.load(other->token), nullptr);  // kept by b
  auto s = a.create(std::nullopt, "");
  auto loaded = a.load(s->token);
  loaded->add_flash("info", "Een bericht.");
  a.save_flash(*loaded);
  a.set_pending_user(*loaded, this->make_user("wachtend@voorbeeld.be"));
  auto fresh = a.transient("", "csrf", "agent");
  fresh->add_flash("info", "Bewaard.");
  a.persist(*fresh);
  a.destroy(*loaded);
  this->clock_.advance(59);
  ASSERT_NE(a.load(other->token), nullptr);  // no touch yet
  EXPECT_EQ(epoch(), before);
  const auto hits = b.cache_hits();
  EXPECT_NE(b.load(other->token), nullptr);
  EXPECT_EQ(b.cache_hits(), hits + 1);
}

// On PostgreSQL a cached load reads no table while nothing committed since the
// entry's last check (store/horizon.hpp); any write acknowledged on another
// node, to this session, an account or the feed, is seen by the next load.
TYPED_TEST(SessionStoreTest, ACachedLoadSkipsTheTablesOnlyWhileNothingCommitted) {
  auto other_db = store::Database::open(this->db().url(), 2);
  SessionStore a(this->db(), this->clock_), b(*other_db, this->clock_);
  const bool postgres = this->db().backend() == store::Backend::postgresql;
  auto s = a.create(std::nullopt, "");
  std::int64_t feed = -1;
  ASSERT_NE(b.load(s->token, &feed), nullptr);  // read and kept
  const auto skipped = b.unchanged_checks();
  // Other tests share the PostgreSQL server, and any commit of theirs (or of
  // autovacuum) between two loads makes the next one read: load until one skips.
  for (int i = 0; i < (postgres ? 2000 : 3) && b.unchanged_checks() == skipped; ++i)
    ASSERT_NE(b.load(s->token, &feed), nullptr);
  if (postgres)
    EXPECT_GT(b.unchanged_checks(), skipped);
  else
    EXPECT_EQ(b.unchanged_checks(), skipped);
  const auto latest = [&] {
    return this->db().run([](soci::session& sql) { return store::latest_change_id(sql); });
  };
  EXPECT_EQ(feed, latest());
  // A change on node A: B's next load reads the feed's new position.
  this->db().transact(
      [](soci::session& sql) { store::record_change(sql, "test", "2", "updated", 1); });
  const auto before_change = b.unchanged_checks();
  ASSERT_NE(b.load(s->token, &feed), nullptr);
  EXPECT_EQ(b.unchanged_checks(), before_change);
  EXPECT_EQ(feed, latest());
  // An account write on node A: B's next load has the new epoch.
  this->db().transact([](soci::session& sql) { SessionStore::note_account_change(sql); });
  auto after_epoch = b.load(s->token);
  ASSERT_NE(after_epoch, nullptr);
  EXPECT_EQ(after_epoch->epoch,
            this->db().run([](soci::session& sql) { return session_epoch(sql); }));
  // A flash set on node A, then the session ended there: B sees both at once.
  ASSERT_NE(b.load(s->token), nullptr);
  auto on_a = a.load(s->token);
  on_a->add_flash("info", "Van A.");
  a.save_flash(*on_a);
  auto flashed = b.load(s->token);
  ASSERT_NE(flashed, nullptr);
  ASSERT_EQ(flashed->flash.size(), 1u);
  a.destroy(*on_a);
  EXPECT_EQ(b.load(s->token), nullptr);
}

TEST(Flash, DecodingToleratesGarbage) {
  EXPECT_TRUE(decode_flash("").empty());
  EXPECT_TRUE(decode_flash("{not json").empty());
  EXPECT_TRUE(decode_flash("[{\"kind\":1}]").empty());
}

}  // namespace
}  // namespace schakel::web
