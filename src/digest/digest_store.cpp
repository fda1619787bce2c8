#include "digest/digest_store.hpp"

#include "store/row.hpp"

namespace schakel::digest {

bool DigestStore::sent(soci::session& sql, std::int64_t user_id, const std::string& period_key) {
  long long user = user_id;
  int count = 0;
  sql << "SELECT COUNT(*) FROM digest_sends WHERE user_id = :u AND period_key = :p",
      soci::use(user), soci::use(period_key), soci::into(count);
  return count > 0;
}

std::set<std::string> DigestStore::sent_keys(soci::session& sql, std::int64_t user_id) {
  std::set<std::string> out;
  long long user = user_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT item_key FROM digest_sent_items WHERE user_id = :u", soci::use(user));
  for (const auto& r : rows) out.insert(store::string_at(r, 0));
  return out;
}

bool DigestStore::claim(soci::session& sql, std::int64_t user_id, const std::string& period_key,
                        std::int64_t now) {
  long long user = user_id, at = now;
  soci::statement st =
      (sql.prepare << "INSERT INTO digest_sends (user_id, period_key, item_count, message_id, "
                      "sent_at) VALUES (:u, :p, 0, '', :a) "
                      "ON CONFLICT (user_id, period_key) DO NOTHING",
       soci::use(user), soci::use(period_key), soci::use(at));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void DigestStore::record(soci::session& sql, std::int64_t user_id, const std::string& period_key,
                         const std::vector<std::string>& item_keys, const std::string& message_id,
                         std::int64_t now) {
  long long user = user_id, at = now;
  int count = static_cast<int>(item_keys.size());
  sql << "UPDATE digest_sends SET item_count = :c, message_id = :m "
         "WHERE user_id = :u AND period_key = :p",
      soci::use(count), soci::use(message_id), soci::use(user), soci::use(period_key);
  for (const auto& key : item_keys)
    sql << "INSERT INTO digest_sent_items (user_id, item_key, period_key, sent_at) "
           "VALUES (:u, :k, :p, :a) ON CONFLICT (user_id, item_key) DO NOTHING",
        soci::use(user), soci::use(key), soci::use(period_key), soci::use(at);
}

}  // namespace schakel::digest
