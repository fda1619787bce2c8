#include "web/sessions.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

#include "core/random.hpp"
#include "store/horizon.hpp"
#include "store/prepared.hpp"
#include "store/row.hpp"
#include "web/http.hpp"

namespace schakel::web {

std::string encode_flash(const std::vector<Flash>& flash) {
  if (flash.empty()) return "";
  nlohmann::json j = nlohmann::json::array();
  for (const auto& f : flash) j.push_back({{"kind", f.kind}, {"message", f.message}});
  return j.dump();
}

std::vector<Flash> decode_flash(const std::string& text) {
  std::vector<Flash> out;
  if (text.empty()) return out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& f : j)
    if (f.is_object() && f.contains("kind") && f.contains("message") && f["kind"].is_string() &&
        f["message"].is_string())
      out.push_back({f["kind"].get<std::string>(), f["message"].get<std::string>()});
  return out;
}

namespace {
// Entries beyond this many empty the cache (a node serves far fewer sessions at once).
constexpr std::size_t max_cached_sessions = 20000;

void raise_epoch(soci::session& sql) {
  store::command(sql, "UPDATE session_epoch SET value = value + 1 WHERE id = 1");
}

// The first version of a new row: random, so that a row stored again under a
// token whose old row expired and was deleted cannot match a copy of the old
// row that another node still holds.
long long first_version() { return std::stoll(random_hex(6), nullptr, 16); }

// The full check of a cached signed-in hit: the commit horizon, and unless it
// is the one the session's entry last checked under, the session epoch (the
// row always exists), the change feed's latest id and the session row's
// version (NULL when the row is gone). The expiry needs no reading: it changes
// only with the version.
std::string check_sql(store::Backend backend) {
  return store::select_unless_unchanged(
      backend, {"SELECT value FROM session_epoch WHERE id = 1", "SELECT MAX(id) FROM changes",
                "SELECT version FROM sessions WHERE token_hash = :h"});
}
}  // namespace

std::int64_t session_epoch(soci::session& sql) {
  long long value = 0;
  store::query_one(sql, "SELECT value FROM session_epoch WHERE id = 1", soci::into(value));
  return value;
}

SessionStore::SessionStore(store::Database& db, const Clock& clock, SessionPolicy policy)
    : db_(db),
      clock_(clock),
      policy_(policy),
      check_sql_(check_sql(db.backend())),
      horizon_sql_(store::horizon_only(db.backend())) {}

void SessionStore::note_account_change(soci::session& sql) { raise_epoch(sql); }

SessionStore::Checked SessionStore::last_check(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  auto it = cache_.find(token_hash);
  return it == cache_.end() ? Checked{} : it->second.checked;
}

std::shared_ptr<Session> SessionStore::from_cache(const std::string& token_hash,
                                                  const Checked& checked, std::int64_t now) {
  const std::int64_t epoch = checked.epoch;
  std::lock_guard<std::mutex> lock(cache_mutex_);
  auto it = cache_.find(token_hash);
  if (it == cache_.end()) return nullptr;
  Cached& entry = it->second;
  const Session& c = entry.session;
  // A stale entry goes; so does one whose last_seen_at is due to be written, or
  // that the clock says expired (another node may have extended it: read again).
  if (c.version != checked.version || now >= c.expires_at ||
      now - c.last_seen_at >= policy_.touch_interval_seconds) {
    cache_.erase(it);
    return nullptr;
  }
  // The principal only while no account write happened since it was read and
  // no membership of it started or ended by date.
  if (entry.principal && (entry.principal_epoch != epoch || now >= entry.principal_until))
    entry.principal.reset();
  auto s = std::make_shared<Session>(c);
  s->epoch = epoch;
  s->principal = entry.principal;
  entry.checked = checked;
  cache_hits_.fetch_add(1, std::memory_order_relaxed);
  return s;
}

void SessionStore::keep(const Session& session, const Checked& checked) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_.size() >= max_cached_sessions) cache_.clear();
  Cached& c = cache_[session.token_hash];
  c.session = session;
  c.session.principal.reset();
  c.principal.reset();
  c.principal_epoch = -1;
  c.checked = checked;
}

void SessionStore::forget(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  cache_.erase(token_hash);
}

void SessionStore::remember_principal(const Session& session, const Principal& principal) {
  if (session.epoch < 0 || session.version < 0 || !principal.cacheable) return;
  std::lock_guard<std::mutex> lock(cache_mutex_);
  auto it = cache_.find(session.token_hash);
  if (it == cache_.end() || it->second.session.version != session.version) return;
  it->second.principal = std::make_shared<const Principal>(principal);
  it->second.principal_epoch = session.epoch;
  it->second.principal_until =
      principal.cached_until.value_or(std::numeric_limits<std::int64_t>::max());
}

// A session write locks only its own row (no epoch), so it cannot be part of a
// lock cycle with an account's transaction, which raises the epoch first; a
// PostgreSQL abort is retried all the same: the write has no effect outside it.
template <class F>
void SessionStore::write_session(const std::string& token_hash, F&& write) {
  db_.transact_retrying([&](soci::session& sql) { write(sql); });
  forget(token_hash);
}

bool SessionStore::well_formed(const std::string& token) {
  if (token.size() < 32 || token.size() > 64) return false;
  for (char c : token)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-'))
      return false;
  return true;
}

namespace {
// Only printable ASCII, so any database takes it and no stray bytes are stored.
std::string clean_agent(const std::string& user_agent) {
  std::string agent;
  for (char c : user_agent)
    if (c >= 0x20 && c < 0x7F && agent.size() < 200) agent.push_back(c);
  return agent;
}
}  // namespace

std::shared_ptr<Session> SessionStore::transient(const std::string& token, std::string csrf_token,
                                                 const std::string& user_agent) {
  auto s = std::make_shared<Session>();
  s->is_new = !well_formed(token);
  s->token = s->is_new ? random_token(32) : token;
  s->token_hash = sha256_hex(s->token);
  s->csrf_token = std::move(csrf_token);
  s->stored = false;
  s->user_agent = clean_agent(user_agent);
  s->idle_seconds = policy_.idle_seconds;
  s->created_at = s->last_seen_at = clock_.now();
  s->expires_at = s->created_at + std::min(policy_.absolute_seconds, s->idle_seconds);
  return s;
}

void SessionStore::persist(Session& s) {
  if (s.stored) return;
  s.created_at = s.last_seen_at = clock_.now();
  s.expires_at = s.created_at + std::min(policy_.absolute_seconds, s.idle_seconds);
  const std::string flash = encode_flash(s.flash);
  db_.transact([&](soci::session& sql) {
    // The row may replace an expired one, or take new flash messages.
    long long version = first_version();
    long long uid = s.user_id.value_or(0), pending = s.pending_user_id.value_or(0);
    soci::indicator uid_ind = s.user_id ? soci::i_ok : soci::i_null;
    soci::indicator pending_ind = s.pending_user_id ? soci::i_ok : soci::i_null;
    long long created = s.created_at, expires = s.expires_at, idle = s.idle_seconds;
    // A cookie that outlived its (expired, not yet purged) row keeps its value.
    sql << "DELETE FROM sessions WHERE token_hash = :h AND expires_at <= :now",
        soci::use(s.token_hash), soci::use(created);
    sql << "INSERT INTO sessions (token_hash, user_id, pending_user_id, csrf_token, flash, "
           "created_at, last_seen_at, expires_at, user_agent, idle_seconds, version) VALUES (:h, "
           ":u, :p, :c, :f, :cr, :cr2, :ex, :ua, :idle, :v) "
           // Two requests on one new anonymous cookie may both store it: the later
           // one's flash wins, and a row that meanwhile became someone's sign-in
           // is left alone.
           "ON CONFLICT (token_hash) DO UPDATE SET flash = excluded.flash, last_seen_at = "
           "excluded.last_seen_at, expires_at = excluded.expires_at, version = sessions.version "
           "+ 1 WHERE sessions.user_id IS "
           "NULL AND sessions.pending_user_id IS NULL AND excluded.user_id IS NULL AND "
           "excluded.pending_user_id IS NULL",
        soci::use(s.token_hash), soci::use(uid, uid_ind), soci::use(pending, pending_ind),
        soci::use(s.csrf_token), soci::use(flash), soci::use(created), soci::use(created),
        soci::use(expires), soci::use(s.user_agent), soci::use(idle), soci::use(version);
  });
  forget(s.token_hash);
  s.stored = true;
  s.flash_changed = false;
}

SessionStore::Checked SessionStore::check(soci::session& sql, const std::string& token_hash,
                                          const Checked& known) {
  // Most hits find nothing committed since: the horizon alone tells, and is
  // the cheapest statement (store/horizon.hpp). Only when it moved, or is
  // unknown (SQLite), the full check runs.
  if (!known.horizon.empty()) {
    std::string horizon;
    store::query_one(sql, horizon_sql_, soci::into(horizon));
    if (store::unchanged(horizon, known.horizon)) {
      // Nothing committed since the entry's last check: what it read holds.
      unchanged_checks_.fetch_add(1, std::memory_order_relaxed);
      return known;
    }
  }
  // The horizon only moves forward, so the full check cannot find it back at
  // `known`'s: it reads every value ("" matches no horizon).
  const std::string none;
  Checked checked;
  long long epoch = 0, feed = 0, version = 0;
  soci::indicator epoch_ind = soci::i_null, feed_ind = soci::i_null, version_ind = soci::i_null;
  store::query_one(sql, check_sql_, soci::use(token_hash), soci::use(none),
                   soci::into(checked.horizon), soci::into(epoch, epoch_ind),
                   soci::into(feed, feed_ind), soci::into(version, version_ind));
  checked.epoch = epoch_ind == soci::i_ok ? epoch : 0;
  checked.feed = feed_ind == soci::i_ok ? feed : 0;
  checked.version = version_ind == soci::i_ok ? version : -1;
  return checked;
}

std::shared_ptr<Session> SessionStore::load(const std::string& token, std::int64_t* feed_position) {
  if (!well_formed(token)) return nullptr;
  const std::string token_hash = sha256_hex(token);
  const std::int64_t now = clock_.now();
  std::shared_ptr<Session> out;
  // What this node's entry of the session last read, and under which horizon.
  const Checked known = last_check(token_hash);
  db_.run([&](soci::session& sql) {
    // One read: the epoch and the feed's position, and whether the row is
    // still the version this node holds. Whatever is read after it is at least
    // as new as it says.
    const Checked checked = check(sql, token_hash, known);
    if (feed_position) *feed_position = checked.feed;
    if (checked.version < 0) {
      forget(token_hash);
      return;
    }
    if ((out = from_cache(token_hash, checked, now))) return;
    const long long epoch = checked.epoch;
    long long version = 0;
    auto s = std::make_shared<Session>();
    s->token_hash = token_hash;
    long long user_id = 0, pending = 0, idle = 0;
    soci::indicator user_ind = soci::i_null, pending_ind = soci::i_null;
    std::string flash;
    long long created = 0, seen = 0, expires = 0;
    const bool got = store::query_one(
        sql,
        "SELECT user_id, pending_user_id, csrf_token, flash, created_at, last_seen_at, "
        "expires_at, idle_seconds, version FROM sessions WHERE token_hash = :h",
        soci::use(s->token_hash), soci::into(user_id, user_ind), soci::into(pending, pending_ind),
        soci::into(s->csrf_token), soci::into(flash), soci::into(created), soci::into(seen),
        soci::into(expires), soci::into(idle), soci::into(version));
    if (!got || expires <= now) return;
    if (user_ind == soci::i_ok) s->user_id = user_id;
    if (pending_ind == soci::i_ok) s->pending_user_id = pending;
    s->idle_seconds = idle;
    s->flash = decode_flash(flash);
    s->created_at = created;
    s->last_seen_at = seen;
    s->expires_at = expires;
    s->epoch = epoch;
    s->version = version;
    if (now - seen >= policy_.touch_interval_seconds) {
      const long long new_expiry =
          std::min<long long>(created + policy_.absolute_seconds, now + idle);
      const long long now_ll = now, next = version + 1;
      // Only over the version just read: if another write came between, this
      // copy is not kept (the next request reads the row again).
      const long long touched = store::command(
          sql,
          "UPDATE sessions SET last_seen_at = :now, expires_at = :exp, version = :next WHERE "
          "token_hash = :h AND version = :v",
          soci::use(now_ll), soci::use(new_expiry), soci::use(next), soci::use(s->token_hash),
          soci::use(version));
      s->last_seen_at = now;
      s->expires_at = new_expiry;
      s->version = touched == 1 ? next : -1;
    }
    if (s->version >= 0) keep(*s, checked);
    out = std::move(s);
  });
  return out;
}

std::shared_ptr<Session> SessionStore::create(std::optional<std::int64_t> user_id,
                                              const std::string& user_agent,
                                              std::int64_t idle_seconds) {
  auto s = std::make_shared<Session>();
  s->token = random_token(32);
  s->token_hash = sha256_hex(s->token);
  s->csrf_token = random_token(32);
  s->user_id = user_id;
  s->created_at = s->last_seen_at = clock_.now();
  s->idle_seconds = idle_seconds > 0 ? idle_seconds : policy_.idle_seconds;
  s->expires_at = s->created_at + std::min(policy_.absolute_seconds, s->idle_seconds);
  s->is_new = true;
  const std::string agent = clean_agent(user_agent);
  db_.run([&](soci::session& sql) {
    long long uid = user_id.value_or(0);
    soci::indicator ind = user_id ? soci::i_ok : soci::i_null;
    long long created = s->created_at, expires = s->expires_at;
    long long idle = s->idle_seconds;
    long long version = first_version();
    sql << "INSERT INTO sessions (token_hash, user_id, csrf_token, flash, created_at, "
           "last_seen_at, expires_at, user_agent, idle_seconds, version) VALUES (:h, :u, :c, '', "
           ":cr, :cr2, :ex, :ua, :idle, :v)",
        soci::use(s->token_hash), soci::use(uid, ind), soci::use(s->csrf_token), soci::use(created),
        soci::use(created), soci::use(expires), soci::use(agent), soci::use(idle),
        soci::use(version);
  });
  return s;
}

void SessionStore::set_pending_user(Session& session, std::optional<std::int64_t> user_id) {
  session.pending_user_id = user_id;
  if (!session.stored) return persist(session);
  write_session(session.token_hash, [&](soci::session& sql) {
    long long uid = user_id.value_or(0);
    soci::indicator ind = user_id ? soci::i_ok : soci::i_null;
    sql << "UPDATE sessions SET pending_user_id = :u, version = version + 1 WHERE token_hash = :h",
        soci::use(uid, ind), soci::use(session.token_hash);
  });
}

std::vector<SessionStore::Info> SessionStore::list_for_user(std::int64_t user_id) {
  std::vector<Info> out;
  long long uid = user_id, now = clock_.now();
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT token_hash, user_agent, created_at, last_seen_at FROM sessions "
                        "WHERE user_id = :u AND expires_at > :n ORDER BY last_seen_at DESC",
         soci::use(uid), soci::use(now));
    for (const auto& r : rows)
      out.push_back(Info{store::string_at(r, 0), store::string_at(r, 1), store::int64_at(r, 2),
                         store::int64_at(r, 3)});
  });
  return out;
}

bool SessionStore::destroy_for_user(std::int64_t user_id, const std::string& id) {
  long long uid = user_id;
  long long affected = 0;
  write_session(id, [&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "DELETE FROM sessions WHERE user_id = :u AND token_hash = :h",
         soci::use(uid), soci::use(id));
    st.execute(true);
    affected = st.get_affected_rows();
  });
  return affected == 1;
}

void SessionStore::end_all_for_user(soci::session& sql, std::int64_t user_id) {
  long long id = user_id;
  raise_epoch(sql);  // first: an account write (see note_account_change)
  sql << "DELETE FROM sessions WHERE user_id = :u OR pending_user_id = :u2", soci::use(id),
      soci::use(id);
}

void SessionStore::end_others_for_user(soci::session& sql, std::int64_t user_id,
                                       const std::string& keep_token_hash) {
  long long id = user_id;
  raise_epoch(sql);  // first: an account write (see note_account_change)
  sql << "DELETE FROM sessions WHERE user_id = :u AND token_hash <> :keep", soci::use(id),
      soci::use(keep_token_hash);
}

void SessionStore::destroy(const Session& session) {
  write_session(session.token_hash, [&](soci::session& sql) {
    sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(session.token_hash);
  });
}

void SessionStore::save_flash(const Session& session) {
  if (!session.stored) return;
  const std::string text = encode_flash(session.flash);
  write_session(session.token_hash, [&](soci::session& sql) {
    sql << "UPDATE sessions SET flash = :f, version = version + 1 WHERE token_hash = :h",
        soci::use(text), soci::use(session.token_hash);
  });
}

std::size_t SessionStore::purge_expired() {
  long long now = clock_.now();
  std::size_t removed = 0;
  db_.run([&](soci::session& sql) {
    soci::statement st =
        (sql.prepare << "DELETE FROM sessions WHERE expires_at <= :now", soci::use(now));
    st.execute(true);
    removed = static_cast<std::size_t>(st.get_affected_rows());
  });
  return removed;
}

}  // namespace schakel::web
