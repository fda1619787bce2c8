#include "signals/search_store.hpp"

#include "store/row.hpp"

namespace schakel::signals {

namespace {

std::vector<std::string> texts(soci::session& sql, const char* query, std::int64_t id) {
  const long long key = id;
  std::vector<std::string> out;
  soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(key));
  for (const auto& r : rows) out.push_back(store::string_at(r, 0));
  return out;
}

std::vector<std::int64_t> numbers(soci::session& sql, const char* query, std::int64_t id) {
  const long long key = id;
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(key));
  for (const auto& r : rows) out.push_back(store::int64_at(r, 0));
  return out;
}

std::vector<std::int64_t> ids_of(soci::session& sql, const char* query) {
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rows = (sql.prepare << query);
  for (const auto& r : rows) out.push_back(store::int64_at(r, 0));
  return out;
}

}  // namespace

std::optional<Signal> SearchStore::signal(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id, nis_code, description, target_group, sector, track, source, observed_on, "
              "frequency, urgent, own_municipality_only, closed_at, created_at, updated_at "
              "FROM signals WHERE id = :id",
       soci::use(key));
  for (const auto& r : rows) {
    Signal s;
    s.id = store::int64_at(r, 0);
    s.nis_code = store::string_at(r, 1);
    s.description = store::string_at(r, 2);
    s.target_group = store::string_at(r, 3);
    s.sector = store::string_at(r, 4);
    s.track = store::string_at(r, 5);
    s.source = store::string_at(r, 6);
    s.observed_on = store::string_at(r, 7);
    s.frequency = store::string_at(r, 8);
    s.urgent = store::bool_at(r, 9);
    s.own_municipality_only = store::bool_at(r, 10);
    s.closed_at = store::optional_int64_at(r, 11);
    s.created_at = store::int64_at(r, 12);
    s.updated_at = store::int64_at(r, 13);
    s.themes =
        texts(sql, "SELECT theme FROM signal_themes WHERE signal_id = :id ORDER BY theme", s.id);
    return s;
  }
  return std::nullopt;
}

std::optional<Need> SearchStore::need(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare
           << "SELECT id, title, description, kind, nis_code, status, status_reason, created_at, "
              "updated_at FROM needs WHERE id = :id",
       soci::use(key));
  for (const auto& r : rows) {
    Need n;
    n.id = store::int64_at(r, 0);
    n.title = store::string_at(r, 1);
    n.description = store::string_at(r, 2);
    n.kind = store::string_at(r, 3);
    if (r.get_indicator(4) != soci::i_null) n.nis_code = store::string_at(r, 4);
    n.status = store::string_at(r, 5);
    n.status_reason = store::string_at(r, 6);
    n.created_at = store::int64_at(r, 7);
    n.updated_at = store::int64_at(r, 8);
    n.themes = texts(sql, "SELECT theme FROM need_themes WHERE need_id = :id ORDER BY theme", n.id);
    n.signal_ids = numbers(
        sql, "SELECT signal_id FROM need_signals WHERE need_id = :id ORDER BY signal_id", n.id);
    return n;
  }
  return std::nullopt;
}

std::optional<Action> SearchStore::action(soci::session& sql, std::int64_t id) {
  const long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, parent_id, title, description, owner_kind, owner_nis_code, "
                      "owner_partner, "
                      "starts_on, ends_on, status_id, progress, is_public, created_at, updated_at "
                      "FROM actions WHERE id = :id",
       soci::use(key));
  for (const auto& r : rows) {
    Action a;
    a.id = store::int64_at(r, 0);
    a.parent_id = store::optional_int64_at(r, 1);
    a.title = store::string_at(r, 2);
    a.description = store::string_at(r, 3);
    a.owner_kind = store::string_at(r, 4);
    if (r.get_indicator(5) != soci::i_null) a.owner_nis_code = store::string_at(r, 5);
    a.owner_partner = store::string_at(r, 6);
    a.starts_on = store::string_at(r, 7);
    if (r.get_indicator(8) != soci::i_null) a.ends_on = store::string_at(r, 8);
    a.status_id = store::int64_at(r, 9);
    if (const auto p = store::optional_int64_at(r, 10)) a.progress = static_cast<int>(*p);
    a.is_public = store::bool_at(r, 11);
    a.created_at = store::int64_at(r, 12);
    a.updated_at = store::int64_at(r, 13);
    a.need_ids = numbers(
        sql, "SELECT need_id FROM action_needs WHERE action_id = :id ORDER BY need_id", a.id);
    return a;
  }
  return std::nullopt;
}

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
