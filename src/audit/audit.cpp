#include "audit/audit.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "store/row.hpp"

namespace schakel::audit {

void record(soci::session& sql, const Entry& e) {
  long long at = e.at;
  long long actor = e.actor_id.value_or(0);
  soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
  const std::string detail = e.detail.substr(0, 500);
  sql << "INSERT INTO audit_log (at, actor_id, actor_label, action, object, detail, ip) "
         "VALUES (:at, :a, :l, :ac, :o, :d, :ip)",
      soci::use(at), soci::use(actor, actor_ind), soci::use(e.actor_label), soci::use(e.action),
      soci::use(e.object), soci::use(detail), soci::use(e.ip);
}

void record(store::Database& db, const Entry& entry) {
  db.transact([&](soci::session& sql) { record(sql, entry); });
}

std::vector<Entry> find(store::Database& db, const Filter& f) {
  std::vector<Entry> out;
  // Every condition is always present and neutralised by its own flag, so the
  // statement is one fixed text with bound values only.
  const int any_action = f.action.empty() ? 1 : 0;
  const int any_actor = f.actor_id ? 0 : 1;
  const long long actor = f.actor_id.value_or(0);
  const std::string prefix = f.object_prefix + "%";
  const long long from = f.from.value_or(0);
  const long long until = f.until.value_or(4102444800LL);  // 2100-01-01
  const int limit = std::clamp(f.limit, 1, 10000);
  const int offset = std::max(f.offset, 0);
  db.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT id, at, actor_id, actor_label, action, object, detail, ip FROM audit_log "
                "WHERE (:any_action = 1 OR action = :action) AND (:any_actor = 1 OR actor_id = "
                ":actor) "
                "AND object LIKE :prefix AND at >= :from AND at < :until "
                "ORDER BY id DESC LIMIT :limit OFFSET :offset",
         soci::use(any_action), soci::use(f.action), soci::use(any_actor), soci::use(actor),
         soci::use(prefix), soci::use(from), soci::use(until), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) {
      using namespace store;
      out.push_back(Entry{int64_at(r, 0), int64_at(r, 1), optional_int64_at(r, 2), string_at(r, 3),
                          string_at(r, 4), string_at(r, 5), string_at(r, 6), string_at(r, 7)});
    }
  });
  return out;
}

std::vector<std::string> actions(store::Database& db) {
  std::vector<std::string> out;
  db.run([&](soci::session& sql) {
    soci::rowset<std::string> rows =
        (sql.prepare << "SELECT DISTINCT action FROM audit_log ORDER BY action");
    for (const auto& a : rows) out.push_back(a);
  });
  return out;
}

namespace {
std::string cell(std::string value) {
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
    value = "'" + value;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string to_csv(const std::vector<Entry>& entries) {
  std::string out = "tijd_utc,actor_id,actor,actie,object,detail,ip\r\n";
  for (const auto& e : entries) {
    out += cell(format_utc(e.at)) + "," + (e.actor_id ? std::to_string(*e.actor_id) : "") + "," +
           cell(e.actor_label) + "," + cell(e.action) + "," + cell(e.object) + "," +
           cell(e.detail) + "," + cell(e.ip) + "\r\n";
  }
  return out;
}

}  // namespace schakel::audit
