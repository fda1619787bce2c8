#include "signals/search_store.hpp"

#include "store/row.hpp"

namespace schakel::signals {

namespace {

std::vector<std::int64_t> ids_of(soci::session& sql, const char* query) {
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rows = (sql.prepare << query);
  for (const auto& r : rows) out.push_back(store::int64_at(r, 0));
  return out;
}

}  // namespace

std::vector<std::int64_t> SearchStore::signal_ids(soci::session& sql) {
  return ids_of(sql, "SELECT id FROM signals ORDER BY id");
}
std::vector<std::int64_t> SearchStore::need_ids(soci::session& sql) {
  return ids_of(sql, "SELECT id FROM needs ORDER BY id");
}
std::vector<std::int64_t> SearchStore::action_ids(soci::session& sql) {
  return ids_of(sql, "SELECT id FROM actions ORDER BY id");
}

std::int64_t SearchStore::count_all(soci::session& sql) {
  long long signals = 0, needs = 0, actions = 0;
  sql << "SELECT COUNT(*) FROM signals", soci::into(signals);
  sql << "SELECT COUNT(*) FROM needs", soci::into(needs);
  sql << "SELECT COUNT(*) FROM actions", soci::into(actions);
  return signals + needs + actions;
}

}  // namespace schakel::signals
