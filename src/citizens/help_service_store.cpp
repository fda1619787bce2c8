#include "citizens/help_service_store.hpp"

#include <sstream>

#include "store/row.hpp"

namespace schakel::citizens {

namespace {

using store::int64_at;
using store::string_at;

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

std::int64_t organization_id(soci::session& sql, const std::string& name) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM help_organizations WHERE name = :n", soci::use(name), soci::into(id, ind);
  if (sql.got_data() && ind == soci::i_ok) return id;
  sql << "INSERT INTO help_organizations (name) VALUES (:n) RETURNING id", soci::use(name),
      soci::into(id);
  return id;
}

void remove_orphan_organizations(soci::session& sql) {
  sql << "DELETE FROM help_organizations WHERE id NOT IN (SELECT organization_id FROM "
         "help_services)";
}

void write_children(soci::session& sql, std::int64_t id, const HelpService& s) {
  long long sid = id;
  sql << "DELETE FROM help_service_areas WHERE service_id = :s", soci::use(sid);
  sql << "DELETE FROM help_phones WHERE service_id = :s", soci::use(sid);
  sql << "DELETE FROM help_locations WHERE service_id = :s", soci::use(sid);
  int position = 0;
  if (s.area.kind == AreaKind::municipalities) {
    for (const auto& nis : s.area.nis_codes) {
      sql << "INSERT INTO help_service_areas (service_id, position, nis_code) VALUES (:s, :p, :n)",
          soci::use(sid), soci::use(position), soci::use(nis);
      ++position;
    }
  }
  position = 0;
  for (const auto& p : s.phones) {
    sql << "INSERT INTO help_phones (service_id, position, number, description) VALUES (:s, :p, "
           ":n, :d)",
        soci::use(sid), soci::use(position), soci::use(p.number), soci::use(p.description);
    ++position;
  }
  if (s.location) {
    sql << "INSERT INTO help_locations (service_id, address, postcode, nis_code, accessibility) "
           "VALUES (:s, :a, :p, :n, :x)",
        soci::use(sid), soci::use(s.location->address), soci::use(s.location->postcode),
        soci::use(s.location->nis_code), soci::use(s.location->accessibility);
  }
}

const char* const service_columns =
    "SELECT s.id, o.name, s.name, s.description, s.service_type, s.referral, s.themes, "
    "s.target_groups, s.languages, s.hours, s.url, s.email, s.area_kind, s.area_province, "
    "s.is_demo FROM help_services s JOIN help_organizations o ON o.id = s.organization_id ";

HelpService service_from(const soci::row& r) {
  HelpService s;
  s.id = int64_at(r, 0);
  s.organization = string_at(r, 1);
  s.name = string_at(r, 2);
  s.description = string_at(r, 3);
  s.type = service_type_from_code(string_at(r, 4)).value_or(ServiceType::other);
  s.referral = referral_from_code(string_at(r, 5)).value_or(Referral::self);
  s.themes = split_list(string_at(r, 6));
  s.target_groups = split_list(string_at(r, 7));
  s.languages = split_list(string_at(r, 8));
  s.hours = parse_hours(string_at(r, 9)).hours;
  s.url = string_at(r, 10);
  s.email = string_at(r, 11);
  s.area.kind = area_kind_from_code(string_at(r, 12)).value_or(AreaKind::flanders);
  s.area.province = string_at(r, 13);
  s.is_demo = store::bool_at(r, 14);
  return s;
}

void read_children(soci::session& sql, HelpService& s) {
  long long sid = s.id;
  soci::rowset<soci::row> areas =
      (sql.prepare << "SELECT nis_code FROM help_service_areas WHERE service_id = :s ORDER BY "
                      "position",
       soci::use(sid));
  for (const auto& r : areas) s.area.nis_codes.push_back(string_at(r, 0));
  soci::rowset<soci::row> phones =
      (sql.prepare << "SELECT number, description FROM help_phones WHERE service_id = :s ORDER "
                      "BY position",
       soci::use(sid));
  for (const auto& r : phones) s.phones.push_back(Phone{string_at(r, 0), string_at(r, 1)});
  soci::rowset<soci::row> locations =
      (sql.prepare << "SELECT address, postcode, nis_code, accessibility FROM help_locations "
                      "WHERE service_id = :s",
       soci::use(sid));
  for (const auto& r : locations)
    s.location = Location{string_at(r, 0), string_at(r, 1), string_at(r, 2), string_at(r, 3)};
}

std::vector<HelpService> read_services(soci::rowset<soci::row>& rows, soci::session& sql) {
  std::vector<HelpService> out;
  for (const auto& r : rows) out.push_back(service_from(r));
  for (auto& s : out) read_children(sql, s);
  return out;
}

}  // namespace

std::int64_t HelpServiceStore::insert(soci::session& sql, const HelpService& s, std::int64_t now) {
  long long org = organization_id(sql, s.organization);
  long long id = 0, at = now;
  const std::string type = service_type_code(s.type), referral = referral_code(s.referral);
  const std::string themes = join(s.themes), groups = join(s.target_groups),
                    languages = join(s.languages), hours = format_hours(s.hours),
                    area = area_kind_code(s.area.kind), owner = s.owner_nis_code();
  soci::indicator owner_ind = owner.empty() ? soci::i_null : soci::i_ok;
  int demo = s.is_demo ? 1 : 0;
  sql << "INSERT INTO help_services (organization_id, name, description, service_type, "
         "referral, themes, target_groups, languages, hours, url, email, area_kind, "
         "area_province, owner_nis_code, is_demo, created_at, updated_at) VALUES (:o, :n, :d, "
         ":t, :r, :th, :g, :l, :h, :u, :e, :a, :p, :w, :demo, :c, :m) RETURNING id",
      soci::use(org), soci::use(s.name), soci::use(s.description), soci::use(type),
      soci::use(referral), soci::use(themes), soci::use(groups), soci::use(languages),
      soci::use(hours), soci::use(s.url), soci::use(s.email), soci::use(area),
      soci::use(s.area.province), soci::use(owner, owner_ind), soci::use(demo), soci::use(at),
      soci::use(at), soci::into(id);
  write_children(sql, id, s);
  return id;
}

void HelpServiceStore::update(soci::session& sql, const HelpService& s, std::int64_t now) {
  long long org = organization_id(sql, s.organization);
  long long id = s.id, at = now;
  const std::string type = service_type_code(s.type), referral = referral_code(s.referral);
  const std::string themes = join(s.themes), groups = join(s.target_groups),
                    languages = join(s.languages), hours = format_hours(s.hours),
                    area = area_kind_code(s.area.kind), owner = s.owner_nis_code();
  soci::indicator owner_ind = owner.empty() ? soci::i_null : soci::i_ok;
  int demo = s.is_demo ? 1 : 0;
  sql << "UPDATE help_services SET organization_id = :o, name = :n, description = :d, "
         "service_type = :t, referral = :r, themes = :th, target_groups = :g, languages = :l, "
         "hours = :h, url = :u, email = :e, area_kind = :a, area_province = :p, owner_nis_code "
         "= :w, is_demo = :demo, updated_at = :m WHERE id = :id",
      soci::use(org), soci::use(s.name), soci::use(s.description), soci::use(type),
      soci::use(referral), soci::use(themes), soci::use(groups), soci::use(languages),
      soci::use(hours), soci::use(s.url), soci::use(s.email), soci::use(area),
      soci::use(s.area.province), soci::use(owner, owner_ind), soci::use(demo), soci::use(at),
      soci::use(id);
  write_children(sql, id, s);
  remove_orphan_organizations(sql);
}

bool HelpServiceStore::remove(soci::session& sql, std::int64_t id) {
  long long sid = id;
  int found = 0;
  sql << "SELECT COUNT(*) FROM help_services WHERE id = :s", soci::use(sid), soci::into(found);
  if (found == 0) return false;
  sql << "DELETE FROM help_service_areas WHERE service_id = :s", soci::use(sid);
  sql << "DELETE FROM help_phones WHERE service_id = :s", soci::use(sid);
  sql << "DELETE FROM help_locations WHERE service_id = :s", soci::use(sid);
  sql << "DELETE FROM help_services WHERE id = :s", soci::use(sid);
  remove_orphan_organizations(sql);
  return true;
}

std::optional<HelpService> HelpServiceStore::find(soci::session& sql, std::int64_t id) {
  long long sid = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(service_columns) + "WHERE s.id = :s", soci::use(sid));
  auto found = read_services(rows, sql);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<HelpService> HelpServiceStore::all(soci::session& sql) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(service_columns) + "ORDER BY o.name, s.name, s.id");
  return read_services(rows, sql);
}

std::vector<HelpService> HelpServiceStore::serving(soci::session& sql, const std::string& nis_code,
                                                   const std::string& province) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(service_columns) +
                          "WHERE (s.area_kind = 'local' AND EXISTS (SELECT 1 FROM "
                          "help_service_areas a WHERE a.service_id = s.id AND a.nis_code = :n)) "
                          "OR (s.area_kind = 'province' AND s.area_province = :p) OR "
                          "s.area_kind = 'flanders' ORDER BY o.name, s.name, s.id",
       soci::use(nis_code), soci::use(province));
  return read_services(rows, sql);
}

std::vector<HelpService> HelpServiceStore::owned_by(soci::session& sql,
                                                    const std::string& nis_code) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(service_columns) +
                          "WHERE s.owner_nis_code = :n ORDER BY o.name, s.name, s.id",
       soci::use(nis_code));
  return read_services(rows, sql);
}

void HelpServiceStore::clear(soci::session& sql) {
  sql << "DELETE FROM help_service_areas";
  sql << "DELETE FROM help_phones";
  sql << "DELETE FROM help_locations";
  sql << "DELETE FROM help_services";
  sql << "DELETE FROM help_organizations";
}

void HelpServiceStore::remove_demo(soci::session& sql) {
  std::vector<long long> ids;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id FROM help_services WHERE is_demo = 1");
  for (const auto& r : rows) ids.push_back(int64_at(r, 0));
  for (long long id : ids) remove(sql, id);
  remove_orphan_organizations(sql);
}

std::int64_t HelpServiceStore::count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM help_services", soci::into(n);
  return n;
}

}  // namespace schakel::citizens
