#include "store/signing_key.hpp"

#include "core/random.hpp"

namespace schakel::store {

std::string signing_key(Database& db) {
  return db.transact([](soci::session& sql) {
    std::string value;
    soci::indicator ind = soci::i_null;
    sql << "SELECT value FROM settings WHERE key = 'signing_key'", soci::into(value, ind);
    if (sql.got_data() && ind == soci::i_ok && !value.empty()) return value;
    const std::string fresh = random_hex(32);
    sql << "INSERT INTO settings (key, value) VALUES ('signing_key', :v) ON CONFLICT (key) DO "
           "NOTHING",
        soci::use(fresh);
    sql << "SELECT value FROM settings WHERE key = 'signing_key'", soci::into(value);
    return value;
  });
}

}  // namespace schakel::store
