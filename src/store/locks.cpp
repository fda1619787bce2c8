#include "store/locks.hpp"

namespace schakel::store {

bool lock_row(soci::session& sql, const std::string& table, std::int64_t id) {
  long long key = id, found = 0;
  const bool postgres = sql.get_backend_name() == "postgresql";
  // `table` is a compile-time name chosen by the caller (see the contract).
  sql << "SELECT id FROM " + table + " WHERE id = :id" + (postgres ? " FOR UPDATE" : ""),
      soci::use(key), soci::into(found);
  return sql.got_data();
}

}  // namespace schakel::store
