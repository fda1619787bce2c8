#include "accounts/store.hpp"

#include <atomic>
#include <stdexcept>

#include "accounts/roles.hpp"
#include "core/random.hpp"
#include "store/changes.hpp"
#include "store/prepared.hpp"
#include "store/row.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

namespace {

const char* const user_columns =
    "id, email, display_name, role, COALESCE(nis_code, ''), is_demo, created_at, organisation, "
    "sector, "
    "sector_detail, track, status, totp_enabled, password_hash, "
    "totp_secret, "
    "totp_last_step";

StoredUser stored_from(const soci::row& r) {
  using namespace store;
  StoredUser s;
  User& u = s.user;
  u.id = int64_at(r, 0);
  u.email = string_at(r, 1);
  u.display_name = string_at(r, 2);
  // The schema allows only the four names; an unknown one opens nothing more than a professional.
  u.role = parse_role(string_at(r, 3)).value_or(Role::professional);
  u.nis_code = string_at(r, 4);
  u.is_demo = bool_at(r, 5);
  u.created_at = int64_at(r, 6);
  u.organisation = string_at(r, 7);
  u.sector = string_at(r, 8);
  u.sector_detail = string_at(r, 9);
  u.track = string_at(r, 10);
  u.status = string_at(r, 11);
  u.totp_enabled = bool_at(r, 12);
  s.password_hash = string_at(r, 13);
  s.totp_secret = string_at(r, 14);
  s.totp_last_step = int64_at(r, 15);
  return s;
}

// A SPOC speaks only for member municipalities they are assigned to; with none
// left they are a professional, whatever the stored role still says.
void derive_role(User& u) {
  if (u.role == Role::spoc && u.spoc_of.empty()) u.role = Role::professional;
}

std::atomic<MemberFilter> member_filter{nullptr};
std::atomic<MembershipChangeFinder> membership_change_finder{nullptr};

long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace

void provide_member_filter(MemberFilter filter) { member_filter.store(filter); }

void provide_membership_change_finder(MembershipChangeFinder finder) {
  membership_change_finder.store(finder);
}

std::optional<StoredUser> UserStore::find_stored(soci::session& sql, std::int64_t id,
                                                 std::int64_t now) {
  std::optional<StoredUser> out;
  long long key = id;
  // Read on every signed-in request (the principal): prepared once per connection.
  static const std::string by_id =
      std::string("SELECT ") + user_columns + " FROM users WHERE id = :id";
  soci::row r;
  if (store::query_one(sql, by_id, soci::use(key), soci::into(r))) out = stored_from(r);
  if (out) out->user.spoc_of = spoc_municipalities(sql, id, now);
  if (out) derive_role(out->user);
  return out;
}

std::optional<StoredUser> UserStore::find_by_email(soci::session& sql, const std::string& email,
                                                   std::int64_t now) {
  std::optional<StoredUser> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + user_columns + " FROM users WHERE email = :e",
       soci::use(email));
  for (const auto& r : rows) out = stored_from(r);
  if (out) out->user.spoc_of = spoc_municipalities(sql, out->user.id, now);
  if (out) derive_role(out->user);
  return out;
}

std::optional<StoredUser> UserStore::find_by_email(const std::string& email) {
  return db_.run([&](soci::session& sql) { return find_by_email(sql, email, clock_.now()); });
}

std::optional<StoredUser> UserStore::find_stored(std::int64_t id) {
  return db_.run([&](soci::session& sql) { return find_stored(sql, id, clock_.now()); });
}

std::optional<User> UserStore::find_by_id(std::int64_t id) {
  auto s = find_stored(id);
  if (!s) return std::nullopt;
  return s->user;
}

std::vector<User> UserStore::all() {
  std::vector<User> out;
  const std::int64_t now = clock_.now();
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + user_columns +
                                                       " FROM users ORDER BY display_name, id");
    for (const auto& r : rows) out.push_back(stored_from(r).user);
    for (auto& u : out) {
      u.spoc_of = spoc_municipalities(sql, u.id, now);
      derive_role(u);
    }
  });
  return out;
}

std::int64_t UserStore::insert(soci::session& sql, const NewUser& user,
                               const std::string& password_hash, std::int64_t now) {
  long long id = 0;
  long long created = now;
  int demo = user.is_demo ? 1 : 0;
  soci::indicator nis_ind = user.nis_code.empty() ? soci::i_null : soci::i_ok;
  const std::string role(role_name(user.role));
  sql << "INSERT INTO users (email, display_name, password_hash, role, nis_code, is_demo, "
         "created_at, organisation, "
         "sector, sector_detail, track, status) VALUES (:e, :n, :p, :r, :c, :d, :t, :o, :s, :sd, "
         ":tr, :st) RETURNING id",
      soci::use(user.email), soci::use(user.display_name), soci::use(password_hash),
      soci::use(role), soci::use(user.nis_code, nis_ind), soci::use(demo), soci::use(created),
      soci::use(user.organisation), soci::use(user.sector), soci::use(user.sector_detail),
      soci::use(user.track), soci::use(user.status), soci::into(id);
  if (user.role == Role::spoc && !user.nis_code.empty())
    add_spoc_municipality(sql, id, user.nis_code);
  store::record_change(sql, "user", std::to_string(id), "created", now);
  return id;
}

void UserStore::update_profile(soci::session& sql, const User& u) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = u.id;
  sql << "UPDATE users SET display_name = :n, organisation = :o, sector = :s, sector_detail = :sd, "
         "track = :t WHERE id = :id",
      soci::use(u.display_name), soci::use(u.organisation), soci::use(u.sector),
      soci::use(u.sector_detail), soci::use(u.track), soci::use(id);
}

void UserStore::set_password_hash(soci::session& sql, std::int64_t user_id,
                                  const std::string& hash) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  sql << "UPDATE users SET password_hash = :h WHERE id = :id", soci::use(hash), soci::use(id);
}

void UserStore::set_status(soci::session& sql, std::int64_t user_id, const std::string& status) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  sql << "UPDATE users SET status = :s WHERE id = :id", soci::use(status), soci::use(id);
}

void UserStore::set_email(soci::session& sql, std::int64_t user_id, const std::string& email) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  sql << "UPDATE users SET email = :e WHERE id = :id", soci::use(email), soci::use(id);
}

void UserStore::set_role(soci::session& sql, std::int64_t user_id, Role role) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  const std::string name(role_name(role));
  sql << "UPDATE users SET role = :r WHERE id = :id", soci::use(name), soci::use(id);
}

bool UserStore::change_role(soci::session& sql, std::int64_t user_id, Role from_role,
                            Role to_role) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  const std::string from(role_name(from_role)), to(role_name(to_role));
  soci::statement st = (sql.prepare << "UPDATE users SET role = :t WHERE id = :id AND role = :f",
                        soci::use(to), soci::use(id), soci::use(from));
  const bool changed = affected(st) == 1;
  return changed;
}

void UserStore::set_municipality(soci::session& sql, std::int64_t user_id,
                                 const std::string& nis_code) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  sql << "UPDATE users SET nis_code = :n WHERE id = :id", soci::use(nis_code), soci::use(id);
}

void UserStore::set_totp(soci::session& sql, std::int64_t user_id, const std::string& secret,
                         bool enabled) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  int on = enabled ? 1 : 0;
  sql << "UPDATE users SET totp_secret = :s, totp_enabled = :e, totp_last_step = 0 WHERE id = :id",
      soci::use(secret), soci::use(on), soci::use(id);
}

bool UserStore::use_totp_step(soci::session& sql, std::int64_t user_id, std::int64_t step) {
  long long id = user_id, s = step;
  soci::statement st =
      (sql.prepare
           << "UPDATE users SET totp_last_step = :s1 WHERE id = :id AND totp_last_step < :s2",
       soci::use(s), soci::use(id), soci::use(s));
  return affected(st) == 1;
}

void UserStore::remove(soci::session& sql, std::int64_t user_id) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  web::SessionStore::end_all_for_user(sql, user_id);
  sql << "DELETE FROM users WHERE id = :id", soci::use(id);
}

void UserStore::delete_demo(soci::session& sql) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  std::vector<std::int64_t> ids;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM users WHERE is_demo = 1");
  for (const auto& r : rows) ids.push_back(store::int64_at(r, 0));
  for (auto id : ids) web::SessionStore::end_all_for_user(sql, id);
  sql << "DELETE FROM users WHERE is_demo = 1";
}

void UserStore::add_spoc_municipality(soci::session& sql, std::int64_t user_id,
                                      const std::string& nis_code) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  int exists = 0;
  sql << "SELECT COUNT(*) FROM spoc_municipalities WHERE user_id = :u AND nis_code = :n",
      soci::use(id), soci::use(nis_code), soci::into(exists);
  if (exists == 0) {
    sql << "INSERT INTO spoc_municipalities (user_id, nis_code) VALUES (:u, :n)", soci::use(id),
        soci::use(nis_code);
  }
}

bool UserStore::remove_spoc_municipality(soci::session& sql, std::int64_t user_id,
                                         const std::string& nis_code) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  soci::statement st =
      (sql.prepare << "DELETE FROM spoc_municipalities WHERE user_id = :u AND nis_code = :n",
       soci::use(id), soci::use(nis_code));
  const bool removed = affected(st) == 1;
  return removed;
}

void UserStore::remove_all_spoc_municipalities(soci::session& sql, std::int64_t user_id) {
  web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
  long long id = user_id;
  sql << "DELETE FROM spoc_municipalities WHERE user_id = :u", soci::use(id);
}

bool UserStore::has_any_spoc_municipality(std::int64_t user_id) {
  long long id = user_id;
  int count = 0;
  db_.run([&](soci::session& sql) {
    store::query_one(sql, "SELECT COUNT(*) FROM spoc_municipalities WHERE user_id = :u",
                     soci::use(id), soci::into(count));
  });
  return count > 0;
}

UserStore::DateBound UserStore::spoc_date_bound(std::int64_t user_id, std::int64_t at) {
  DateBound out;
  long long id = user_id;
  db_.run([&](soci::session& sql) {
    std::vector<std::string> assigned;
    std::string nis;
    store::CachedStatement q(sql, "SELECT nis_code FROM spoc_municipalities WHERE user_id = :u");
    (q, soci::use(id), soci::into(nis));
    for (bool row = q.execute(); row; row = q.fetch()) assigned.push_back(nis);
    if (assigned.empty()) return;
    const MembershipChangeFinder next_change = membership_change_finder.load();
    if (!next_change) {
      out.known = false;
      return;
    }
    out.until = next_change(sql, assigned, at);
  });
  return out;
}

bool UserStore::has_spoc_municipality(soci::session& sql, std::int64_t user_id,
                                      const std::string& nis_code) {
  long long id = user_id;
  int exists = 0;
  sql << "SELECT COUNT(*) FROM spoc_municipalities WHERE user_id = :u AND nis_code = :n",
      soci::use(id), soci::use(nis_code), soci::into(exists);
  return exists > 0;
}

std::vector<std::int64_t> UserStore::spocs_of(soci::session& sql, const std::string& nis_code) {
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id FROM spoc_municipalities WHERE nis_code = :n",
       soci::use(nis_code));
  for (const auto& r : rows) out.push_back(store::int64_at(r, 0));
  return out;
}

std::vector<std::string> UserStore::spoc_municipalities(soci::session& sql, std::int64_t user_id,
                                                        std::int64_t at) {
  std::vector<std::string> assigned;
  long long id = user_id;
  std::string nis;
  store::CachedStatement q(
      sql, "SELECT nis_code FROM spoc_municipalities WHERE user_id = :u ORDER BY nis_code");
  (q, soci::use(id), soci::into(nis));
  for (bool row = q.execute(); row; row = q.fetch()) assigned.push_back(nis);
  if (assigned.empty()) return assigned;
  const MemberFilter members_among = member_filter.load();
  if (!members_among)
    throw std::logic_error("accounts: no MemberFilter provided; link the network feature");
  return members_among(sql, assigned, at);
}

std::string UserStore::pending_payload(soci::session& sql, std::int64_t user_id,
                                       const std::string& purpose, std::int64_t now) {
  long long id = user_id, at = now;
  std::string payload;
  soci::indicator ind = soci::i_null;
  sql << "SELECT payload FROM account_tokens WHERE user_id = :u AND purpose = :p AND "
         "used_at IS NULL AND expires_at > :n ORDER BY created_at DESC LIMIT 1",
      soci::use(id), soci::use(purpose), soci::use(at), soci::into(payload, ind);
  return ind == soci::i_ok ? payload : std::string();
}

void UserStore::delete_tokens(soci::session& sql, std::int64_t user_id,
                              const std::string& purpose) {
  long long id = user_id;
  sql << "DELETE FROM account_tokens WHERE user_id = :u AND purpose = :p", soci::use(id),
      soci::use(purpose);
}

void UserStore::use_tokens(soci::session& sql, std::int64_t user_id, const std::string& purpose) {
  long long id = user_id;
  sql << "UPDATE account_tokens SET used_at = 0 WHERE user_id = :u AND purpose = :p", soci::use(id),
      soci::use(purpose);
}

void UserStore::purge_expired_tokens(soci::session& sql, std::int64_t before) {
  long long at = before;
  sql << "DELETE FROM account_tokens WHERE expires_at < :t", soci::use(at);
}

std::string UserStore::create_token(soci::session& sql, std::int64_t user_id,
                                    const std::string& purpose, const std::string& payload,
                                    std::int64_t now, std::int64_t ttl_seconds) {
  const std::string token = random_token(32);
  const std::string hash = sha256_hex(token);
  long long id = user_id, created = now, expires = now + ttl_seconds;
  sql << "INSERT INTO account_tokens (token_hash, user_id, purpose, payload, created_at, "
         "expires_at) "
         "VALUES (:h, :u, :p, :d, :c, :e)",
      soci::use(hash), soci::use(id), soci::use(purpose), soci::use(payload), soci::use(created),
      soci::use(expires);
  return token;
}

std::optional<TokenUse> UserStore::consume_token(soci::session& sql, const std::string& token,
                                                 const std::string& purpose, std::int64_t now) {
  if (token.size() < 32 || token.size() > 64) return std::nullopt;
  const std::string hash = sha256_hex(token);
  long long at = now;
  soci::statement st =
      (sql.prepare << "UPDATE account_tokens SET used_at = :now1 WHERE token_hash = :h AND "
                      "purpose = :p AND used_at IS NULL AND expires_at > :now2",
       soci::use(at), soci::use(hash), soci::use(purpose), soci::use(at));
  if (affected(st) != 1) return std::nullopt;
  TokenUse use;
  long long user_id = 0;
  sql << "SELECT user_id, payload FROM account_tokens WHERE token_hash = :h", soci::use(hash),
      soci::into(user_id), soci::into(use.payload);
  use.user_id = user_id;
  return use;
}

std::optional<TokenUse> UserStore::peek_token(const std::string& token, const std::string& purpose,
                                              std::int64_t now) {
  if (token.size() < 32 || token.size() > 64) return std::nullopt;
  std::optional<TokenUse> out;
  const std::string hash = sha256_hex(token);
  long long at = now;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT user_id, payload FROM account_tokens "
                                                   "WHERE token_hash = :h AND purpose = :p AND "
                                                   "used_at IS NULL AND expires_at > :now",
                                    soci::use(hash), soci::use(purpose), soci::use(at));
    for (const auto& r : rows) out = TokenUse{store::int64_at(r, 0), store::string_at(r, 1)};
  });
  return out;
}

void UserStore::replace_recovery_codes(soci::session& sql, std::int64_t user_id,
                                       const std::vector<std::string>& codes) {
  long long id = user_id;
  sql << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(id);
  for (const auto& code : codes) {
    const std::string hash = sha256_hex(code);
    sql << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:u, :h)", soci::use(id),
        soci::use(hash);
  }
}

bool UserStore::use_recovery_code(soci::session& sql, std::int64_t user_id, const std::string& code,
                                  std::int64_t now) {
  long long id = user_id, at = now;
  const std::string hash = sha256_hex(code);
  soci::statement st =
      (sql.prepare
           << "UPDATE recovery_codes SET used_at = :t WHERE user_id = :u AND code_hash = :h "
              "AND used_at IS NULL",
       soci::use(at), soci::use(id), soci::use(hash));
  return affected(st) >= 1;
}

}  // namespace schakel::accounts
