#include "reference/municipalities.hpp"

#include <mutex>

#include "store/row.hpp"

namespace schakel::reference {

namespace {

const char* const municipality_columns = "SELECT nis_code, name_nl, name_fr, region, province ";

Municipality municipality_from(const soci::row& r) {
  using store::string_at;
  return Municipality{string_at(r, 0), string_at(r, 1), string_at(r, 2), string_at(r, 3),
                      string_at(r, 4)};
}

// The kept names. Filled once, by the first read that finds any (a database whose
// migrations have not run yet has none, and is not remembered as empty).
struct NameCache {
  std::mutex mutex;
  bool filled = false;
  std::map<std::string, std::string> names;
};

NameCache& cache() {
  static NameCache instance;
  return instance;
}

std::map<std::string, std::string> read_names(soci::session& sql) {
  std::map<std::string, std::string> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT nis_code, name_nl FROM municipalities");
  for (const auto& r : rows) out[store::string_at(r, 0)] = store::string_at(r, 1);
  return out;
}

const std::map<std::string, std::string>* kept_names() {
  auto& c = cache();
  std::lock_guard lock(c.mutex);
  return c.filled ? &c.names : nullptr;
}

const std::map<std::string, std::string>& keep(std::map<std::string, std::string> names) {
  auto& c = cache();
  std::lock_guard lock(c.mutex);
  if (!c.filled && !names.empty()) {
    c.names = std::move(names);
    c.filled = true;
  }
  if (c.filled) return c.names;
  static const std::map<std::string, std::string> none;
  return none;
}

}  // namespace

const std::map<std::string, std::string>& municipality_names(soci::session& sql) {
  if (const auto* kept = kept_names()) return *kept;
  return keep(read_names(sql));
}

const std::map<std::string, std::string>& municipality_names(store::Database& db) {
  if (const auto* kept = kept_names()) return *kept;
  return keep(db.run([](soci::session& sql) { return read_names(sql); }));
}

std::string municipality_name(store::Database& db, const std::string& nis_code) {
  const auto& names = municipality_names(db);
  auto it = names.find(nis_code);
  return it == names.end() ? nis_code : it->second;
}

bool is_municipality(store::Database& db, const std::string& nis_code) {
  return municipality_names(db).count(nis_code) > 0;
}

std::optional<Municipality> find_municipality(store::Database& db, const std::string& nis_code) {
  std::optional<Municipality> out;
  db.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows = (sql.prepare << std::string(municipality_columns) +
                                                       "FROM municipalities WHERE nis_code = :c",
                                    soci::use(nis_code));
    for (const auto& r : rows) out = municipality_from(r);
  });
  return out;
}

std::vector<Municipality> municipalities_in_region(store::Database& db, const std::string& region) {
  std::vector<Municipality> out;
  db.run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(municipality_columns) +
                            "FROM municipalities WHERE region = :r ORDER BY name_nl",
         soci::use(region));
    for (const auto& r : rows) out.push_back(municipality_from(r));
  });
  return out;
}

}  // namespace schakel::reference
