#include "network/store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::network {

namespace {
Municipality municipality_from(const soci::row& r, std::size_t first) {
  using store::string_at;
  return Municipality{string_at(r, first), string_at(r, first + 1), string_at(r, first + 2),
                      string_at(r, first + 3), string_at(r, first + 4)};
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
                "FROM memberships m JOIN municipalities u ON u.nis_code = m.nis_code "
                "WHERE m.member_since <= :a1 AND (m.member_until IS NULL OR m.member_until > :a2) "
                "ORDER BY m.is_lead DESC, u.name_nl",
         soci::use(when), soci::use(when));
    for (const auto& r : rows) {
      Member m;
      m.membership_id = store::int64_at(r, 0);
      m.member_since = store::int64_at(r, 1);
      m.member_until = store::optional_int64_at(r, 2);
      m.is_lead = store::bool_at(r, 3);
      m.is_demo = store::bool_at(r, 4);
      m.municipality = municipality_from(r, 5);
      out.push_back(std::move(m));
    }
  });
  return out;
}

std::optional<Municipality> NetworkStore::find_municipality(const std::string& nis_code) {
  std::optional<Municipality> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT nis_code, name_nl, name_fr, region, province FROM municipalities "
                        "WHERE nis_code = :c",
         soci::use(nis_code));
    for (const auto& r : rows) out = municipality_from(r, 0);
  });
  return out;
}

std::vector<Municipality> NetworkStore::municipalities_for_postcode(const std::string& postcode) {
  std::vector<Municipality> out;
  db_.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT DISTINCT u.nis_code, u.name_nl, u.name_fr, u.region, u.province "
                        "FROM postcodes p JOIN municipalities u ON u.nis_code = p.nis_code "
                        "WHERE p.postcode = :p ORDER BY u.name_nl",
         soci::use(postcode));
    for (const auto& r : rows) out.push_back(municipality_from(r, 0));
  });
  return out;
}

int NetworkStore::count_in_region(const std::string& region) {
  int count = 0;
  db_.run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM municipalities WHERE region = :r", soci::use(region),
        soci::into(count);
  });
  return count;
}

std::int64_t NetworkStore::add_membership(soci::session& sql, const std::string& nis_code,
                                          std::int64_t since, bool is_lead, bool is_demo,
                                          std::int64_t now) {
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
