#include "signals/retention_store.hpp"

#include "store/row.hpp"

namespace schakel::signals {

std::vector<std::int64_t> RetentionStore::closed_before(soci::session& sql, std::int64_t cutoff) {
  const long long before = cutoff;
  std::vector<std::int64_t> ids;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id FROM signals WHERE closed_at IS NOT NULL "
                      "AND closed_at < :cutoff ORDER BY closed_at, id",
       soci::use(before));
  for (const auto& r : rows) ids.push_back(store::int64_at(r, 0));
  return ids;
}

void RetentionStore::delete_signal(soci::session& sql, std::int64_t id) {
  const long long signal_id = id;
  // The foreign keys cascade too; deleting the links first does not depend on them.
  sql << "DELETE FROM need_signals WHERE signal_id = :id", soci::use(signal_id);
  sql << "DELETE FROM signal_themes WHERE signal_id = :id", soci::use(signal_id);
  sql << "DELETE FROM signals WHERE id = :id", soci::use(signal_id);
}

}  // namespace schakel::signals
