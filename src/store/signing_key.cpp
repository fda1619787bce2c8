#include "store/signing_key.hpp"

#include "core/random.hpp"
#include "store/settings.hpp"

namespace schakel::store {

namespace {
std::string stored_key(soci::session& sql) { return read_setting(sql, "signing_key").value_or(""); }
}  // namespace

std::string signing_key(soci::session& sql) {
  if (auto key = stored_key(sql); !key.empty()) return key;
  return write_setting_once(sql, "signing_key", random_hex(32));
}

std::string signing_key(Database& db) {
  // A plain read in the common case: pages that sign links call this per request,
  // and a write transaction (SQLite's BEGIN IMMEDIATE) would serialise them.
  if (auto key = db.run([](soci::session& sql) { return stored_key(sql); }); !key.empty())
    return key;
  return db.transact([](soci::session& sql) { return signing_key(sql); });
}

}  // namespace schakel::store
