#pragma once
// Server-side sessions stored in the database, so any node can serve any request.
// The browser holds a random 256-bit token in a __Host- cookie; the database
// holds only its SHA-256. Each session carries a CSRF token and flash messages.
//
// An anonymous visitor's session is transient until something must be kept: a
// page with a form gives the visitor a random token in a session cookie (no
// Max-Age) and a CSRF token derived from it with the server's key, and nothing
// is written. Only when a request leaves state behind (a flash message, a
// pending second factor) is the session stored, under the same token.
//
// Each node keeps the sessions it served in a cache (issue 16), so a signed-in
// read costs one small statement instead of the session row and the account:
// it reads, together, the session row's version, the session epoch and the
// change feed's position (load()'s feed_position, which the page cache uses).
// Two kinds of writes invalidate cached entries:
// - a write to one session row (a flash message, a pending second factor, the
//   "last seen" touch, a stored transient session) raises that row's version;
//   ending a session deletes its row. A node serves its cached copy of a session
//   only while the row's version equals the copy's, so such a write reaches
//   only that session's entries;
// - a write to an account, its role, its SPOC municipalities or the network's
//   memberships raises the global session epoch (note_account_change), as the
//   first statement of its transaction (the lock order: the epoch row before
//   users, sessions and the other rows; so two such transactions, or one and a
//   session write, cannot wait on each other). A cached principal is served
//   only while the epoch equals the one it was read under and the clock is
//   before the instant its memberships next change by date
//   (Principal::cached_until). The page cache's signed-in keys hold the epoch.
// Either way, the first request after such a write was acknowledged, on any
// node, reads the rows again.
//
// On PostgreSQL the tables are read only when something committed since this
// session's entry last checked them (store/horizon.hpp): while the database's
// commit horizon stands where it stood, the epoch, the feed's position and the
// row's version read then still hold. The one statement of such a hit reads
// the horizon alone; only when it moved, a second one reads the rows.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::web {

struct Principal;

struct Flash {
  std::string kind;  // "success", "info", "error"
  std::string message;
};

// A loaded session. Not shared between threads: each request gets its own copy.
struct Session {
  std::string token_hash;
  std::string token;  // the raw token; set only on a newly created session
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> pending_user_id;  // passed the password, owes a second factor
  std::string csrf_token;
  std::int64_t idle_seconds = 0;
  std::vector<Flash> flash;  // messages to show on the next page
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
  bool is_new = false;  // the cookie must be sent with this response
  bool stored = true;   // false: a transient anonymous session (no row yet)
  bool flash_changed = false;
  std::string user_agent;  // kept for a transient session until it is stored
  // The signed-in account as this node's cache holds it (set by load() when the
  // cache had it; see SessionStore::remember_principal), else null.
  std::shared_ptr<const Principal> principal;
  std::int64_t epoch = -1;    // the session epoch read with this copy; -1: none
  std::int64_t version = -1;  // the row's version this copy was read at; -1: none

  void add_flash(std::string kind, std::string message) {
    flash.push_back({std::move(kind), std::move(message)});
    flash_changed = true;
  }
};

struct SessionPolicy {
  std::int64_t absolute_seconds = 12 * 3600;  // a session ends this long after creation
  std::int64_t idle_seconds = 2 * 3600;       // ... or after this long unused
  std::int64_t touch_interval_seconds = 60;   // last_seen is written at most this often
};

// Thread-safe: the state lives in the database; this node's cache of it is
// guarded by cache_mutex_.
class SessionStore {
 public:
  static constexpr const char* cookie_name = "__Host-schakel";

  SessionStore(store::Database& db, const Clock& clock, SessionPolicy policy = {});

  // The live session for a raw cookie token, or nullptr when unknown or expired.
  // Extends the idle deadline, writing last_seen_at at most once per touch
  // interval (a minute): so the idle expiry counts from the last written time
  // and may come up to one touch interval early, never late. Served from this
  // node's cache while the row's version is the cached copy's, the session
  // unexpired by the clock and its last_seen_at less than a touch interval old:
  // then the whole load is one statement (two on PostgreSQL after a commit
  // anywhere), which also reads the session epoch (into Session::epoch) and the
  // change feed's latest id (into *feed_position when given, also when nullptr
  // is returned; the feed is read in the same statement, so it is at least as
  // new as the session it checks).
  // The cached principal comes with it (Session::principal) while the epoch and
  // the clock allow (see the file comment); else it is null.
  std::shared_ptr<Session> load(const std::string& token, std::int64_t* feed_position = nullptr);
  // Keeps `principal` with the cached entry of `session` (loaded by load()),
  // if the entry is still the one read at session.version; it is served with
  // that entry while the session epoch is session.epoch and the clock is before
  // principal.cached_until. Requires: `principal` was read after that load, is
  // cacheable, and depends only on the account's row, its SPOC municipality rows
  // and the memberships, whose writes call note_account_change(), and on the
  // clock only through dates no later than principal.cached_until.
  void remember_principal(const Session& session, const Principal& principal);
  // The first statement of the transaction of a write to an account, its role,
  // its SPOC municipalities or a membership (the lock order: see the file
  // comment): every node reads its cached principals anew, and signed-in pages
  // cached under the old epoch are no longer served. May be called again later
  // in the same transaction (it then holds the row already).
  static void note_account_change(soci::session& sql);
  // Loads answered from this node's cache since it started (for tests and metrics).
  std::uint64_t cache_hits() const { return cache_hits_.load(); }
  // Loads whose check found nothing committed since the session's entry last
  // read the tables, so the tables were not read (PostgreSQL only; for tests).
  std::uint64_t unchanged_checks() const { return unchanged_checks_.load(); }
  // Creates a session (for `user_id`, or anonymous) with fresh tokens. It ends
  // after `idle_seconds` unused (0: the policy's default) or the absolute limit.
  std::shared_ptr<Session> create(std::optional<std::int64_t> user_id,
                                  const std::string& user_agent, std::int64_t idle_seconds = 0);
  // An anonymous session that is not stored: `token` is the visitor's cookie value
  // (is_new false) or "" for a fresh one (is_new true); `csrf_token` its CSRF token.
  std::shared_ptr<Session> transient(const std::string& token, std::string csrf_token,
                                     const std::string& user_agent);
  // Stores a transient session (with its flash messages and pending user) under
  // its token, replacing an expired row of the same token. No-op when stored.
  void persist(Session& session);
  // True when `token` has the shape of a session token (base64url, 32..64 chars).
  static bool well_formed(const std::string& token);
  // Marks an anonymous session as waiting for `user_id`'s second factor (or clears
  // it), storing a transient session first.
  void set_pending_user(Session& session, std::optional<std::int64_t> user_id);
  // A session as "Mijn sessies" shows it.
  struct Info {
    std::string id;  // the token hash: identifies the session, reveals nothing
    std::string user_agent;
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;
  };
  // The live sessions of a user, most recently used first.
  std::vector<Info> list_for_user(std::int64_t user_id);
  // Ends session `id` of `user_id`; false when there is no such session of theirs.
  bool destroy_for_user(std::int64_t user_id, const std::string& id);
  // Ends the session; its cookie then gets nothing.
  void destroy(const Session& session);
  // Inside the caller's transaction: ends every session of `user_id`, those
  // waiting for their second factor included (a password reset, a deleted account).
  // Raises the session epoch first (an account write; see note_account_change).
  static void end_all_for_user(soci::session& sql, std::int64_t user_id);
  // Inside the caller's transaction: ends the signed-in sessions of `user_id`
  // except the one whose token hash is `keep_token_hash` (a changed password).
  // Raises the session epoch first (an account write; see note_account_change).
  static void end_others_for_user(soci::session& sql, std::int64_t user_id,
                                  const std::string& keep_token_hash);
  // Writes changed flash messages (after the handler ran).
  void save_flash(const Session& session);
  // Deletes expired sessions, anonymous ones included; returns how many.
  std::size_t purge_expired();

  const SessionPolicy& policy() const { return policy_; }

 private:
  // What one check statement read, under which commit horizon.
  struct Checked {
    std::string horizon;  // "" when unknown (SQLite, or not checked yet)
    std::int64_t epoch = 0;
    std::int64_t feed = 0;
    std::int64_t version = -1;
  };
  struct Cached {
    Session session;  // as read (or touched) at session.version
    std::shared_ptr<const Principal> principal;
    std::int64_t principal_epoch = -1;  // the session epoch `principal` was read under
    std::int64_t principal_until = 0;   // served only before this instant
    // What the check read under commit horizon `horizon` ("" none): the
    // session epoch, the feed's position and this row's version.
    Checked checked;
  };
  // The cached copy of `token_hash` if its version, the clock and the touch
  // interval still allow serving it (with its principal if `epoch` and the clock
  // allow that), else nullptr.
  // When served, the entry remembers `checked` for the next check.
  std::shared_ptr<Session> from_cache(const std::string& token_hash, const Checked& checked,
                                      std::int64_t now);
  // The check the entry of `token_hash` remembers (horizon "" when none).
  Checked last_check(const std::string& token_hash);
  // Reads what a cached hit checks, on `sql`: the horizon, and unless it is
  // `known`'s, the epoch, the feed and the row's version (-1: the row is gone).
  // Returns `known` itself when the horizon stands.
  Checked check(soci::session& sql, const std::string& token_hash, const Checked& known);
  // Caches `session`, remembering `checked` (the check it was read after).
  void keep(const Session& session, const Checked& checked);
  void forget(const std::string& token_hash);
  // A write of one session row (which raises its version or deletes it), in one
  // transaction; this node's entry goes.
  template <class F>
  void write_session(const std::string& token_hash, F&& write);

  store::Database& db_;
  const Clock& clock_;
  SessionPolicy policy_;
  std::mutex cache_mutex_;  // guards cache_
  std::unordered_map<std::string, Cached> cache_;
  std::atomic<std::uint64_t> cache_hits_{0};
  std::atomic<std::uint64_t> unchanged_checks_{0};
  // The statements of a cached hit, for db_'s backend: the horizon alone (""
  // on SQLite), and the full check when that moved.
  std::string check_sql_;
  std::string horizon_sql_;
};

// The session epoch as the database holds it now (store tests and the cache).
std::int64_t session_epoch(soci::session& sql);

// Flash messages as stored (JSON); exposed for tests.
std::string encode_flash(const std::vector<Flash>& flash);
std::vector<Flash> decode_flash(const std::string& text);

}  // namespace schakel::web
