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
// read costs one small read (the session epoch) instead of the session row and
// the account. Every write that may change what a cached session or principal
// says (ending a session, a flash message, a pending second factor, any change
// to an account or its municipalities) raises the epoch in the database, in the
// same transaction or after the write; a node compares its entry's epoch with
// the database's on every request, so the first request after such a change
// was acknowledged, on any node, reads the row again.
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
  std::int64_t epoch = -1;  // the session epoch this copy was read under; -1: none

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
  // node's cache (one read of the session epoch, no write) while the epoch is
  // unchanged, the session unexpired by the clock and its last_seen_at less
  // than a touch interval old; otherwise the row is read (and touched) again.
  std::shared_ptr<Session> load(const std::string& token);
  // Keeps `principal` with the cached entry of `session` (loaded by load()),
  // if the entry is still the one read under session.epoch. Requires:
  // `principal` was read after that load and depends only on the account's
  // row and municipality rows, whose writes call note_account_change().
  void remember_principal(const Session& session, const Principal& principal);
  // Inside (or right after) the transaction of a write to an account or its
  // municipalities: every node reads its cached sessions and principals anew.
  static void note_account_change(soci::session& sql);
  // Loads answered from this node's cache since it started (for tests and metrics).
  std::uint64_t cache_hits() const { return cache_hits_.load(); }
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
  // Raises the session epoch.
  static void end_all_for_user(soci::session& sql, std::int64_t user_id);
  // Inside the caller's transaction: ends the signed-in sessions of `user_id`
  // except the one whose token hash is `keep_token_hash` (a changed password).
  // Raises the session epoch.
  static void end_others_for_user(soci::session& sql, std::int64_t user_id,
                                  const std::string& keep_token_hash);
  // Writes changed flash messages (after the handler ran).
  void save_flash(const Session& session);
  // Deletes expired sessions, anonymous ones included; returns how many.
  std::size_t purge_expired();

  const SessionPolicy& policy() const { return policy_; }

 private:
  struct Cached {
    Session session;  // as read (or touched) under `epoch`
    std::shared_ptr<const Principal> principal;
  };
  // The cached copy of `token_hash` if the epoch, the clock and the touch
  // interval still allow serving it, else nullptr.
  std::shared_ptr<Session> from_cache(const std::string& token_hash, std::int64_t epoch,
                                      std::int64_t now);
  void keep(const Session& session);
  void forget(const std::string& token_hash);
  // A write of one session row followed by the epoch raise, in one transaction.
  template <class F>
  void write_session(const std::string& token_hash, F&& write);

  store::Database& db_;
  const Clock& clock_;
  SessionPolicy policy_;
  std::mutex cache_mutex_;  // guards cache_
  std::unordered_map<std::string, Cached> cache_;
  std::atomic<std::uint64_t> cache_hits_{0};
};

// The session epoch as the database holds it now (store tests and the cache).
std::int64_t session_epoch(soci::session& sql);

// Flash messages as stored (JSON); exposed for tests.
std::string encode_flash(const std::vector<Flash>& flash);
std::vector<Flash> decode_flash(const std::string& text);

}  // namespace schakel::web
