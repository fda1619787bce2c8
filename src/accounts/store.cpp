#include "accounts/store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::accounts {

namespace {
const char* const user_columns =
    "id, email, display_name, role, COALESCE(nis_code, ''), is_demo, created_at";

User user_from(const soci::row& r) {
  using namespace store;
  return User{int64_at(r, 0),  string_at(r, 1), string_at(r, 2), string_at(r, 3),
              string_at(r, 4), bool_at(r, 5),   int64_at(r, 6)};
}
}  // namespace

std::optional<StoredUser> UserStore::find_by_email(const std::string& email) {
  std::optional<StoredUser> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT ") + user_columns +
                            ", password_hash FROM users WHERE email = :e",
         soci::use(email));
    for (const auto& r : rows) out = StoredUser{user_from(r), store::string_at(r, 7)};
  });
  return out;
}

std::optional<User> UserStore::find_by_id(std::int64_t id) {
  std::optional<User> out;
  db_.run([&](soci::session& sql) {
    long long key = id;
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string("SELECT ") + user_columns + " FROM users WHERE id = :id",
         soci::use(key));
    for (const auto& r : rows) out = user_from(r);
  });
  return out;
}

std::int64_t UserStore::insert(soci::session& sql, const NewUser& user,
                               const std::string& password_hash, std::int64_t now) {
  long long id = 0;
  long long created = now;
  int demo = user.is_demo ? 1 : 0;
  soci::indicator nis_ind = user.nis_code.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO users (email, display_name, password_hash, role, nis_code, is_demo, "
         "created_at) "
         "VALUES (:e, :n, :p, :r, :c, :d, :t) RETURNING id",
      soci::use(user.email), soci::use(user.display_name), soci::use(password_hash),
      soci::use(user.role), soci::use(user.nis_code, nis_ind), soci::use(demo), soci::use(created),
      soci::into(id);
  store::record_change(sql, "user", std::to_string(id), "created", now);
  return id;
}

}  // namespace schakel::accounts
