#include "signals/signal_store.hpp"

#include "signals/timeline_store.hpp"
#include "store/row.hpp"

namespace schakel::signals {

namespace {

// The comma-separated list of `codes`, bound as one parameter and matched with
// LIKE, so the SQL stays the same whatever the number of codes (NIS codes hold
// no commas).
std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

// The WHERE clause of a list: filters, then the viewer's visibility. The
// parameters, in order: m_all, m_list, theme, theme2, status, status2, status3,
// v_all, v_own.
constexpr const char* list_where =
    " WHERE (:m_all = 1 OR (',' || CAST(:m_list AS TEXT) || ',') LIKE ('%,' || s.nis_code || ',%'))"
    " AND (CAST(:theme AS TEXT) = '' OR EXISTS (SELECT 1 FROM signal_themes t"
    " WHERE t.signal_id = s.id AND t.theme = :theme2))"
    " AND (CAST(:status AS TEXT) = 'all' OR (CAST(:status2 AS TEXT) = 'open' AND s.closed_at IS "
    "NULL)"
    " OR (CAST(:status3 AS TEXT) = 'closed' AND s.closed_at IS NOT NULL))"
    " AND (s.own_municipality_only = 0 OR :v_all = 1"
    " OR (',' || CAST(:v_own AS TEXT) || ',') LIKE ('%,' || s.nis_code || ',%'))";

constexpr const char* columns =
    "SELECT s.id, s.nis_code, s.description, s.target_group, s.sector, s.track, s.source, "
    "s.observed_on, s.frequency, s.urgent, s.own_municipality_only, s.closed_at, s.created_by, "
    "s.created_at, s.updated_at FROM signals s";

// The bound values of list_where, kept alive for the statement.
struct ListParams {
  int m_all;
  std::string m_list, theme, status;
  int v_all;
  std::string v_own;
  ListParams(const SignalQuery& q, const SignalViewer& v)
      : m_all(q.municipalities.empty() ? 1 : 0),
        m_list(joined(q.municipalities)),
        theme(q.theme),
        status(q.status),
        v_all(v.sees_all ? 1 : 0),
        v_own(joined(v.own)) {}
};

Signal signal_of(const soci::row& r) {
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
  s.created_by = store::optional_int64_at(r, 12);
  s.created_at = store::int64_at(r, 13);
  s.updated_at = store::int64_at(r, 14);
  return s;
}

std::vector<std::string> themes_of(soci::session& sql, std::int64_t id) {
  std::vector<std::string> out;
  const long long sid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT theme FROM signal_themes WHERE signal_id = :id ORDER BY theme",
       soci::use(sid));
  for (const auto& r : rows) out.push_back(store::string_at(r, 0));
  return out;
}

void insert_themes(soci::session& sql, std::int64_t id, const std::vector<std::string>& themes) {
  const long long sid = id;
  for (const auto& theme : themes)
    sql << "INSERT INTO signal_themes (signal_id, theme) VALUES (:id, :t)", soci::use(sid),
        soci::use(theme);
}

}  // namespace

std::vector<Signal> SignalStore::list(soci::session& sql, const SignalQuery& q,
                                      const SignalViewer& viewer, std::size_t limit) {
  ListParams p(q, viewer);
  const long long lim = static_cast<long long>(limit);
  std::vector<Signal> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(columns) + list_where +
                          " ORDER BY s.observed_on DESC, s.id DESC LIMIT :lim",
       soci::use(p.m_all), soci::use(p.m_list), soci::use(p.theme), soci::use(p.theme),
       soci::use(p.status), soci::use(p.status), soci::use(p.status), soci::use(p.v_all),
       soci::use(p.v_own), soci::use(lim));
  for (const auto& r : rows) out.push_back(signal_of(r));
  for (auto& s : out) s.themes = themes_of(sql, s.id);
  return out;
}

std::int64_t SignalStore::count(soci::session& sql, const SignalQuery& q,
                                const SignalViewer& viewer) {
  ListParams p(q, viewer);
  long long n = 0;
  sql << std::string("SELECT COUNT(*) FROM signals s") + list_where, soci::use(p.m_all),
      soci::use(p.m_list), soci::use(p.theme), soci::use(p.theme), soci::use(p.status),
      soci::use(p.status), soci::use(p.status), soci::use(p.v_all), soci::use(p.v_own),
      soci::into(n);
  return n;
}

std::optional<Signal> SignalStore::find(soci::session& sql, std::int64_t id,
                                        const SignalViewer& viewer) {
  const long long sid = id;
  const int v_all = viewer.sees_all ? 1 : 0;
  const std::string v_own = joined(viewer.own);
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(columns) +
                          " WHERE s.id = :id AND (s.own_municipality_only = 0 OR :v_all = 1"
                          " OR (',' || CAST(:v_own AS TEXT) || ',') LIKE ('%,' || s.nis_code || "
                          "',%'))",
       soci::use(sid), soci::use(v_all), soci::use(v_own));
  for (const auto& r : rows) {
    Signal s = signal_of(r);
    s.themes = themes_of(sql, s.id);
    return s;
  }
  return std::nullopt;
}

std::int64_t SignalStore::insert(soci::session& sql, const Signal& s, bool is_demo,
                                 std::int64_t now) {
  long long id = 0;
  const int urgent = s.urgent ? 1 : 0, own = s.own_municipality_only ? 1 : 0,
            demo = is_demo ? 1 : 0;
  long long created_by = s.created_by.value_or(0);
  soci::indicator by_ind = s.created_by ? soci::i_ok : soci::i_null;
  long long closed = s.closed_at.value_or(0);
  soci::indicator closed_ind = s.closed_at ? soci::i_ok : soci::i_null;
  const long long at = now;
  sql << "INSERT INTO signals (nis_code, description, target_group, sector, track, source, "
         "observed_on, frequency, urgent, own_municipality_only, closed_at, created_by, is_demo, "
         "created_at, updated_at) VALUES (:nis, :d, :tg, :sec, :tr, :src, :obs, :f, :u, :own, "
         ":closed, :by, :demo, :at, :at2) RETURNING id",
      soci::use(s.nis_code), soci::use(s.description), soci::use(s.target_group),
      soci::use(s.sector), soci::use(s.track), soci::use(s.source), soci::use(s.observed_on),
      soci::use(s.frequency), soci::use(urgent), soci::use(own), soci::use(closed, closed_ind),
      soci::use(created_by, by_ind), soci::use(demo), soci::use(at), soci::use(at), soci::into(id);
  insert_themes(sql, id, s.themes);
  return id;
}

void SignalStore::update(soci::session& sql, const Signal& s, std::int64_t now) {
  const long long id = s.id, at = now;
  const int urgent = s.urgent ? 1 : 0, own = s.own_municipality_only ? 1 : 0;
  sql << "UPDATE signals SET nis_code = :nis, description = :d, target_group = :tg, sector = "
         ":sec, track = :tr, source = :src, observed_on = :obs, frequency = :f, urgent = :u, "
         "own_municipality_only = :own, updated_at = :at WHERE id = :id",
      soci::use(s.nis_code), soci::use(s.description), soci::use(s.target_group),
      soci::use(s.sector), soci::use(s.track), soci::use(s.source), soci::use(s.observed_on),
      soci::use(s.frequency), soci::use(urgent), soci::use(own), soci::use(at), soci::use(id);
  sql << "DELETE FROM signal_themes WHERE signal_id = :id", soci::use(id);
  insert_themes(sql, s.id, s.themes);
}

void SignalStore::set_closed(soci::session& sql, std::int64_t id,
                             std::optional<std::int64_t> closed_at, std::int64_t now) {
  const long long sid = id, at = now;
  long long closed = closed_at.value_or(0);
  soci::indicator ind = closed_at ? soci::i_ok : soci::i_null;
  sql << "UPDATE signals SET closed_at = :c, updated_at = :at WHERE id = :id",
      soci::use(closed, ind), soci::use(at), soci::use(sid);
}

std::vector<std::int64_t> SignalStore::need_ids(soci::session& sql, std::int64_t id) {
  std::vector<std::int64_t> out;
  const long long sid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT need_id FROM need_signals WHERE signal_id = :id ORDER BY need_id",
       soci::use(sid));
  for (const auto& r : rows) out.push_back(store::int64_at(r, 0));
  return out;
}

void SignalStore::delete_demo(soci::session& sql) {
  std::vector<std::int64_t> ids;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM signals WHERE is_demo = 1");
  for (const auto& r : rows) ids.push_back(store::int64_at(r, 0));
  for (const auto id : ids) TimelineStore::delete_for(sql, "signal", id);
  sql << "DELETE FROM signals WHERE is_demo = 1";
}

}  // namespace schakel::signals
