#include "network/store.hpp"

#include <algorithm>

#include "store/changes.hpp"
#include "store/prepared.hpp"
#include "store/row.hpp"
#include "web/sessions.hpp"

namespace schakel::network {

std::string current_membership_sql(const std::string& alias) {
  return alias + ".member_since <= :member_at1 AND (" + alias + ".member_until IS NULL OR " +
         alias + ".member_until > :member_at2)";
}

namespace {

Member member_from(const soci::row& r) {
  Member m;
  m.membership_id = store::int64_at(r, 0);
  m.member_since = store::int64_at(r, 1);
  m.member_until = store::optional_int64_at(r, 2);
  m.is_lead = store::bool_at(r, 3);
  m.is_demo = store::bool_at(r, 4);
  m.municipality =
      Municipality{store::string_at(r, 5), store::string_at(r, 6), store::string_at(r, 7),
                   store::string_at(r, 8), store::string_at(r, 9)};
  return m;
}
}  // namespace

std::vector<Member> NetworkStore::current_members(std::int64_t at) {
  std::vector<Member> out;
  db_.run([&](soci::session& sql) {
    long long when = at;
    soci::rowset<soci::row> rows =
        (sql.prepare
             << "SELECT m.id, m.member_since, m.member_until, m.is_lead, m.is_demo, "
                "u.nis_code, u.name_nl, u.name_fr, u.region, u.province "
                "FROM memberships m JOIN municipalities u ON u.nis_code = m.nis_code WHERE " +
                    current_membership_sql("m") + " ORDER BY m.is_lead DESC, u.name_nl",
         soci::use(when), soci::use(when));
    for (const auto& r : rows) out.push_back(member_from(r));
  });
  return out;
}

std::vector<Municipality> NetworkStore::member_municipalities(std::int64_t at) {
  std::vector<Municipality> out;
  db_.run([&](soci::session& sql) {
    long long when = at;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT u.nis_code, u.name_nl, u.name_fr, u.region, u.province "
                        "FROM memberships m JOIN municipalities u ON u.nis_code = m.nis_code "
                        "WHERE " +
                            current_membership_sql("m") + " ORDER BY u.name_nl",
         soci::use(when), soci::use(when));
    for (const auto& r : rows)
      out.push_back(Municipality{store::string_at(r, 0), store::string_at(r, 1),
                                 store::string_at(r, 2), store::string_at(r, 3),
                                 store::string_at(r, 4)});
  });
  return out;
}

std::optional<Municipality> NetworkStore::find_municipality(const std::string& nis_code) {
  return reference::find_municipality(db_, nis_code);
}

std::vector<std::string> NetworkStore::members_among(soci::session& sql,
                                                     const std::vector<std::string>& nis_codes,
                                                     std::int64_t at) {
  if (nis_codes.empty()) return {};
  long long when = at;
  std::vector<std::string> members;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT DISTINCT m.nis_code FROM memberships m WHERE " +
                          current_membership_sql("m"),
       soci::use(when), soci::use(when));
  for (const auto& n : rows) members.push_back(n);
  std::vector<std::string> out;
  for (const auto& n : nis_codes)
    if (std::find(members.begin(), members.end(), n) != members.end()) out.push_back(n);
  return out;
}

std::optional<std::int64_t> NetworkStore::next_membership_change(
    soci::session& sql, const std::vector<std::string>& nis_codes, std::int64_t after) {
  std::optional<std::int64_t> out;
  long long at = after, next = 0;
  soci::indicator ind = soci::i_null;
  for (const auto& nis : nis_codes) {
    // A membership that has not started changes first at its start (its end,
    // if any, comes later); one that has, at its end.
    store::query_one(sql,
                     "SELECT MIN(CASE WHEN member_since > :a1 THEN member_since ELSE member_until "
                     "END) FROM memberships WHERE nis_code = :n AND (member_since > :a2 OR "
                     "member_until > :a3)",
                     soci::use(at), soci::use(nis), soci::use(at), soci::use(at),
                     soci::into(next, ind));
    if (ind == soci::i_ok && (!out || next < *out)) out = next;
  }
  return out;
}

void NetworkStore::delete_demo(soci::session& sql) {
  web::SessionStore::note_account_change(sql);  // first: SPOCs' principals depend on it
  sql << "DELETE FROM memberships WHERE is_demo = 1";
}

std::int64_t NetworkStore::add_membership(soci::session& sql, const std::string& nis_code,
                                          std::int64_t since, bool is_lead, bool is_demo,
                                          std::int64_t now) {
  web::SessionStore::note_account_change(sql);  // first: SPOCs' principals depend on it
  long long id = 0;
  long long since_ll = since;
  int lead = is_lead ? 1 : 0, demo = is_demo ? 1 : 0;
  sql << "INSERT INTO memberships (nis_code, member_since, is_lead, is_demo) VALUES (:c, :s, :l, "
         ":d) "
         "RETURNING id",
      soci::use(nis_code), soci::use(since_ll), soci::use(lead), soci::use(demo), soci::into(id);
  store::record_change(sql, "membership", std::to_string(id), "created", now);
  return id;
}

}  // namespace schakel::network

namespace schakel::network {

namespace {

const char* const handover_select =
    "SELECT h.id, h.from_user_id, f.display_name, h.to_user_id, t.display_name, h.to_nis_code, "
    "m.name_nl, "
    "h.created_at, h.decision FROM lead_handovers h JOIN users f ON f.id = h.from_user_id "
    "JOIN users t ON t.id = h.to_user_id JOIN municipalities m ON m.nis_code = h.to_nis_code ";

Handover handover_from(const soci::row& r) {
  using namespace store;
  return Handover{int64_at(r, 0),  int64_at(r, 1),  string_at(r, 2),
                  int64_at(r, 3),  string_at(r, 4), string_at(r, 5),
                  string_at(r, 6), int64_at(r, 7),  string_at(r, 8)};
}
}  // namespace

std::vector<Member> NetworkStore::all_memberships() {
  std::vector<Member> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
         << "SELECT m.id, m.member_since, m.member_until, m.is_lead, m.is_demo, "
            "u.nis_code, u.name_nl, u.name_fr, u.region, u.province "
            "FROM memberships m JOIN municipalities u ON u.nis_code = m.nis_code "
            "ORDER BY CASE WHEN m.member_until IS NULL THEN 0 ELSE 1 END, u.name_nl, m.id DESC");
    for (const auto& r : rows) out.push_back(member_from(r));
  });
  return out;
}

std::vector<Municipality> NetworkStore::flemish_municipalities() {
  return reference::municipalities_in_region(db_, "Vlaanderen");
}

bool NetworkStore::is_member(const std::string& nis_code, std::int64_t at) {
  int count = 0;
  long long when = at;
  db_.run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM memberships m WHERE m.nis_code = :c AND " +
               current_membership_sql("m"),
        soci::use(nis_code), soci::use(when), soci::use(when), soci::into(count);
  });
  return count > 0;
}

std::vector<SpocEntry> NetworkStore::spocs(std::int64_t at) {
  std::vector<SpocEntry> out;
  long long when = at;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT u.id, u.display_name, u.email, u.organisation, m.nis_code, "
                        "m.name_nl FROM spoc_municipalities s JOIN users u ON u.id = s.user_id "
                        "JOIN municipalities m ON m.nis_code = s.nis_code "
                        "WHERE EXISTS (SELECT 1 FROM memberships ms WHERE ms.nis_code = "
                        "s.nis_code AND " +
                            current_membership_sql("ms") + ") ORDER BY m.name_nl, u.display_name",
         soci::use(when), soci::use(when));
    for (const auto& r : rows) {
      using namespace store;
      out.push_back(SpocEntry{int64_at(r, 0), string_at(r, 1), string_at(r, 2), string_at(r, 3),
                              string_at(r, 4), string_at(r, 5)});
    }
  });
  return out;
}

std::string NetworkStore::profile_text(const std::string& nis_code) {
  std::string text;
  db_.run([&](soci::session& sql) {
    soci::indicator ind = soci::i_null;
    sql << "SELECT contact_text FROM municipality_profiles WHERE nis_code = :c",
        soci::use(nis_code), soci::into(text, ind);
    if (ind != soci::i_ok) text.clear();
  });
  return text;
}

std::vector<Lead> NetworkStore::lead_history() {
  std::vector<Lead> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare
         << "SELECT l.id, l.coordinator_id, l.coordinator_label, l.nis_code, m.name_nl, l.from_at, "
            "l.until_at FROM lead_history l JOIN municipalities m ON m.nis_code = l.nis_code "
            "ORDER BY l.from_at DESC, l.id DESC");
    for (const auto& r : rows) {
      using namespace store;
      out.push_back(Lead{int64_at(r, 0), optional_int64_at(r, 1), string_at(r, 2), string_at(r, 3),
                         string_at(r, 4), int64_at(r, 5), optional_int64_at(r, 6)});
    }
  });
  return out;
}

std::optional<Handover> NetworkStore::handover(std::int64_t id) {
  std::optional<Handover> out;
  long long key = id;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(handover_select) + "WHERE h.id = :id", soci::use(key));
    for (const auto& r : rows) out = handover_from(r);
  });
  return out;
}

std::vector<Handover> NetworkStore::open_handovers() {
  std::vector<Handover> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(handover_select) +
                            "WHERE h.decision = 'open' ORDER BY h.id DESC");
    for (const auto& r : rows) out.push_back(handover_from(r));
  });
  return out;
}

void NetworkStore::end_membership(soci::session& sql, std::int64_t membership_id,
                                  std::int64_t until, std::int64_t now) {
  web::SessionStore::note_account_change(sql);  // first: SPOCs' principals depend on it
  long long id = membership_id, at = until;
  sql << "UPDATE memberships SET member_until = :u WHERE id = :id", soci::use(at), soci::use(id);
  store::record_change(sql, "membership", std::to_string(membership_id), "updated", now);
}

void NetworkStore::set_profile_text(soci::session& sql, const std::string& nis_code,
                                    const std::string& text, std::int64_t user_id,
                                    std::int64_t now) {
  long long at = now, uid = user_id;
  int exists = 0;
  sql << "SELECT COUNT(*) FROM municipality_profiles WHERE nis_code = :c", soci::use(nis_code),
      soci::into(exists);
  if (exists)
    sql << "UPDATE municipality_profiles SET contact_text = :t, updated_at = :a, updated_by = :u "
           "WHERE nis_code = :c",
        soci::use(text), soci::use(at), soci::use(uid), soci::use(nis_code);
  else
    sql << "INSERT INTO municipality_profiles (nis_code, contact_text, updated_at, updated_by) "
           "VALUES (:c, :t, :a, :u)",
        soci::use(nis_code), soci::use(text), soci::use(at), soci::use(uid);
  store::record_change(sql, "municipality_profile", nis_code, "updated", now);
}

void NetworkStore::open_lead(soci::session& sql, std::optional<std::int64_t> coordinator_id,
                             const std::string& label, const std::string& nis_code,
                             std::int64_t from) {
  long long uid = coordinator_id.value_or(0), at = from;
  soci::indicator ind = coordinator_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO lead_history (coordinator_id, coordinator_label, nis_code, from_at) VALUES "
         "(:u, :l, :c, :f)",
      soci::use(uid, ind), soci::use(label), soci::use(nis_code), soci::use(at);
}

void NetworkStore::close_open_lead(soci::session& sql, std::int64_t until) {
  long long at = until;
  sql << "UPDATE lead_history SET until_at = :u WHERE until_at IS NULL", soci::use(at);
}

void NetworkStore::move_lead_flag(soci::session& sql, const std::string& nis_code,
                                  std::int64_t now) {
  long long at = now;
  sql << "UPDATE memberships SET is_lead = 0 WHERE is_lead = 1";
  sql << "UPDATE memberships SET is_lead = 1 WHERE nis_code = :c AND " +
             current_membership_sql("memberships"),
      soci::use(nis_code), soci::use(at), soci::use(at);
  store::record_change(sql, "membership", nis_code, "lead", now);
}

std::int64_t NetworkStore::create_handover(soci::session& sql, std::int64_t from_user,
                                           std::int64_t to_user, const std::string& nis_code,
                                           std::int64_t now) {
  long long from = from_user, to = to_user, at = now, id = 0;
  sql << "UPDATE lead_handovers SET decision = 'withdrawn', decided_at = :a WHERE decision = "
         "'open'",
      soci::use(at);
  sql << "INSERT INTO lead_handovers (from_user_id, to_user_id, to_nis_code, created_at) VALUES "
         "(:f, :t, :c, :a) "
         "RETURNING id",
      soci::use(from), soci::use(to), soci::use(nis_code), soci::use(at), soci::into(id);
  return id;
}

void NetworkStore::decide_handover(soci::session& sql, std::int64_t id, const std::string& decision,
                                   std::int64_t now) {
  long long key = id, at = now;
  sql << "UPDATE lead_handovers SET decision = :d, decided_at = :a WHERE id = :id",
      soci::use(decision), soci::use(at), soci::use(key);
}

}  // namespace schakel::network
