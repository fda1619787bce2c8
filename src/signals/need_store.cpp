#include "signals/need_store.hpp"

#include "signals/timeline_store.hpp"
#include "store/row.hpp"

namespace schakel::signals {

namespace {

// Filters of a list. Parameters in order: scope, scope2, nis, theme, theme2,
// status, status2, status3.
constexpr const char* list_where =
    " WHERE (CAST(:scope AS TEXT) = 'all' OR (CAST(:scope2 AS TEXT) = 'supra' AND n.nis_code IS "
    "NULL) OR n.nis_code = :nis)"
    " AND (CAST(:theme AS TEXT) = '' OR EXISTS (SELECT 1 FROM need_themes t"
    " WHERE t.need_id = n.id AND t.theme = :theme2))"
    " AND (CAST(:status AS TEXT) = 'all' OR n.status = :status2"
    " OR (CAST(:status3 AS TEXT) = 'outstanding' AND n.status IN ('open', 'in_progress')))";

constexpr const char* columns =
    "SELECT n.id, n.title, n.description, n.kind, n.nis_code, n.status, n.status_reason, "
    "n.created_by, n.created_at, n.updated_at FROM needs n";

struct ListParams {
  std::string scope, nis, theme, status;
  explicit ListParams(const NeedQuery& q)
      // A municipality scope matches on nis; the other scopes never do.
      : scope(q.scope),
        nis(q.scope == "municipality" ? q.nis_code : ""),
        theme(q.theme),
        status(q.status) {}
};

Need need_of(const soci::row& r) {
  Need n;
  n.id = store::int64_at(r, 0);
  n.title = store::string_at(r, 1);
  n.description = store::string_at(r, 2);
  n.kind = store::string_at(r, 3);
  if (r.get_indicator(4) != soci::i_null) n.nis_code = store::string_at(r, 4);
  n.status = store::string_at(r, 5);
  n.status_reason = store::string_at(r, 6);
  n.created_by = store::optional_int64_at(r, 7);
  n.created_at = store::int64_at(r, 8);
  n.updated_at = store::int64_at(r, 9);
  return n;
}

void complete(soci::session& sql, Need& n) {
  const long long id = n.id;
  soci::rowset<soci::row> themes =
      (sql.prepare << "SELECT theme FROM need_themes WHERE need_id = :id ORDER BY theme",
       soci::use(id));
  for (const auto& r : themes) n.themes.push_back(store::string_at(r, 0));
  soci::rowset<soci::row> signals =
      (sql.prepare << "SELECT signal_id FROM need_signals WHERE need_id = :id ORDER BY signal_id",
       soci::use(id));
  for (const auto& r : signals) n.signal_ids.push_back(store::int64_at(r, 0));
}

void insert_themes(soci::session& sql, std::int64_t id, const std::vector<std::string>& themes) {
  const long long nid = id;
  for (const auto& theme : themes)
    sql << "INSERT INTO need_themes (need_id, theme) VALUES (:id, :t)", soci::use(nid),
        soci::use(theme);
}

}  // namespace

std::vector<Need> NeedStore::list(soci::session& sql, const NeedQuery& q, std::size_t limit) {
  ListParams p(q);
  const long long lim = static_cast<long long>(limit);
  std::vector<Need> out;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(columns) + list_where +
                                                     " ORDER BY n.created_at DESC, n.id DESC "
                                                     "LIMIT :lim",
                                  soci::use(p.scope), soci::use(p.scope), soci::use(p.nis),
                                  soci::use(p.theme), soci::use(p.theme), soci::use(p.status),
                                  soci::use(p.status), soci::use(p.status), soci::use(lim));
  for (const auto& r : rows) out.push_back(need_of(r));
  for (auto& n : out) complete(sql, n);
  return out;
}

std::int64_t NeedStore::count(soci::session& sql, const NeedQuery& q) {
  ListParams p(q);
  long long n = 0;
  sql << std::string("SELECT COUNT(*) FROM needs n") + list_where, soci::use(p.scope),
      soci::use(p.scope), soci::use(p.nis), soci::use(p.theme), soci::use(p.theme),
      soci::use(p.status), soci::use(p.status), soci::use(p.status), soci::into(n);
  return n;
}

std::optional<Need> NeedStore::find(soci::session& sql, std::int64_t id) {
  const long long nid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(columns) + " WHERE n.id = :id", soci::use(nid));
  for (const auto& r : rows) {
    Need n = need_of(r);
    complete(sql, n);
    return n;
  }
  return std::nullopt;
}

std::int64_t NeedStore::insert(soci::session& sql, const Need& n, bool is_demo, std::int64_t now) {
  long long id = 0;
  std::string nis = n.nis_code.value_or("");
  soci::indicator nis_ind = n.nis_code ? soci::i_ok : soci::i_null;
  long long by = n.created_by.value_or(0);
  soci::indicator by_ind = n.created_by ? soci::i_ok : soci::i_null;
  const int demo = is_demo ? 1 : 0;
  const long long at = now;
  sql << "INSERT INTO needs (title, description, kind, nis_code, status, status_reason, "
         "created_by, is_demo, created_at, updated_at) VALUES (:t, :d, :k, :nis, :s, :r, :by, "
         ":demo, :at, :at2) RETURNING id",
      soci::use(n.title), soci::use(n.description), soci::use(n.kind), soci::use(nis, nis_ind),
      soci::use(n.status), soci::use(n.status_reason), soci::use(by, by_ind), soci::use(demo),
      soci::use(at), soci::use(at), soci::into(id);
  insert_themes(sql, id, n.themes);
  for (const auto signal : n.signal_ids) link(sql, id, signal);
  return id;
}

void NeedStore::update(soci::session& sql, const Need& n, std::int64_t now) {
  const long long id = n.id, at = now;
  std::string nis = n.nis_code.value_or("");
  soci::indicator nis_ind = n.nis_code ? soci::i_ok : soci::i_null;
  sql << "UPDATE needs SET title = :t, description = :d, kind = :k, nis_code = :nis, status = :s, "
         "status_reason = :r, updated_at = :at WHERE id = :id",
      soci::use(n.title), soci::use(n.description), soci::use(n.kind), soci::use(nis, nis_ind),
      soci::use(n.status), soci::use(n.status_reason), soci::use(at), soci::use(id);
  sql << "DELETE FROM need_themes WHERE need_id = :id", soci::use(id);
  insert_themes(sql, n.id, n.themes);
}

void NeedStore::link(soci::session& sql, std::int64_t need_id, std::int64_t signal_id) {
  const long long n = need_id, s = signal_id;
  sql << "INSERT INTO need_signals (need_id, signal_id) VALUES (:n, :s)", soci::use(n),
      soci::use(s);
}

void NeedStore::unlink(soci::session& sql, std::int64_t need_id, std::int64_t signal_id) {
  const long long n = need_id, s = signal_id;
  sql << "DELETE FROM need_signals WHERE need_id = :n AND signal_id = :s", soci::use(n),
      soci::use(s);
}

std::vector<std::pair<std::int64_t, std::string>> NeedStore::answering_actions(soci::session& sql,
                                                                               std::int64_t id) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  const long long nid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.id, a.title FROM action_needs an JOIN actions a ON a.id = "
                      "an.action_id WHERE an.need_id = :id ORDER BY a.id",
       soci::use(nid));
  for (const auto& r : rows) out.emplace_back(store::int64_at(r, 0), store::string_at(r, 1));
  return out;
}

void NeedStore::delete_demo(soci::session& sql) {
  std::vector<std::int64_t> ids;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM needs WHERE is_demo = 1");
  for (const auto& r : rows) ids.push_back(store::int64_at(r, 0));
  for (const auto id : ids) TimelineStore::delete_for(sql, "need", id);
  sql << "DELETE FROM needs WHERE is_demo = 1";
}

}  // namespace schakel::signals
