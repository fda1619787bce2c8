#include "store/signing_key.hpp"

#include "core/random.hpp"

namespace schakel::store {

namespace {
std::string stored_key(soci::session& sql) {
  std::string value;
  soci::indicator ind = soci::i_null;
  sql << "SELECT value FROM settings WHERE key = 'signing_key'", soci::into(value, ind);
  return sql.got_data() && ind == soci::i_ok ? value : std::string();
}
}  // namespace

std::string signing_key(Database& db) {
  // A plain read in the common case: pages that sign links call this per request,
  // and a write transaction (SQLite's BEGIN IMMEDIATE) would serialise them.
  if (auto key = db.run([](soci::session& sql) { return stored_key(sql); }); !key.empty())
    return key;
  return db.transact([](soci::session& sql) {
    if (auto key = stored_key(sql); !key.empty()) return key;
    const std::string fresh = random_hex(32);
    sql << "INSERT INTO settings (key, value) VALUES ('signing_key', :v) ON CONFLICT (key) DO "
           "NOTHING",
        soci::use(fresh);
    return stored_key(sql);
  });
}

}  // namespace schakel::store
