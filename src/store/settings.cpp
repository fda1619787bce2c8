#include "store/settings.hpp"

namespace schakel::store {

std::optional<std::string> read_setting(soci::session& sql, const std::string& key) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM settings WHERE key = :k", soci::use(key), soci::into(value, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

void write_setting(soci::session& sql, const std::string& key, const std::string& value) {
  sql << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET "
         "value = excluded.value",
      soci::use(key), soci::use(value);
}

std::string write_setting_once(soci::session& sql, const std::string& key,
                               const std::string& value) {
  sql << "INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO NOTHING",
      soci::use(key), soci::use(value);
  return read_setting(sql, key).value_or(value);
}

void remove_setting(soci::session& sql, const std::string& key) {
  sql << "DELETE FROM settings WHERE key = :k", soci::use(key);
}

}  // namespace schakel::store
