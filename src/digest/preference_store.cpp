#include "digest/preference_store.hpp"

#include <string>

#include "store/row.hpp"

namespace schakel::digest {

namespace {

// A row whose kind or frequency this build does not know is skipped, not fatal:
// a newer node may have written it during a rolling upgrade.
std::optional<Preference> preference_of(const soci::row& r, int first) {
  const auto kind = parse_kind(store::string_at(r, first));
  const auto frequency = parse_frequency(store::string_at(r, first + 2));
  if (!kind || !frequency) return std::nullopt;
  return Preference{*kind, store::string_at(r, first + 1), *frequency};
}

}  // namespace

Preferences PreferenceStore::load(soci::session& sql, std::int64_t user_id, Role role) {
  Preferences out;
  out.role = role;
  long long key = user_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, theme, frequency FROM notification_preferences "
                      "WHERE user_id = :u ORDER BY kind, theme",
       soci::use(key));
  for (const auto& r : rows)
    if (auto p = preference_of(r, 0)) out.rows.push_back(*p);
  return out;
}

std::map<std::int64_t, std::vector<Preference>> PreferenceStore::all_rows(soci::session& sql) {
  std::map<std::int64_t, std::vector<Preference>> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT user_id, kind, theme, frequency FROM notification_preferences "
                      "ORDER BY user_id, kind, theme");
  for (const auto& r : rows)
    if (auto p = preference_of(r, 1)) out[store::int64_at(r, 0)].push_back(*p);
  return out;
}

void PreferenceStore::replace(soci::session& sql, std::int64_t user_id,
                              const std::vector<Preference>& rows, std::int64_t now) {
  long long key = user_id, at = now;
  sql << "DELETE FROM notification_preferences WHERE user_id = :u", soci::use(key);
  for (const auto& p : rows) {
    const std::string kind(kind_name(p.kind));
    const std::string frequency(frequency_name(p.frequency));
    sql << "INSERT INTO notification_preferences (user_id, kind, theme, frequency, updated_at) "
           "VALUES (:u, :k, :t, :f, :a)",
        soci::use(key), soci::use(kind), soci::use(p.theme), soci::use(frequency), soci::use(at);
  }
}

void PreferenceStore::turn_off(soci::session& sql, std::int64_t user_id, Kind kind,
                               std::int64_t now) {
  long long key = user_id, at = now;
  const std::string name(kind_name(kind));
  const std::string none(frequency_name(Frequency::none));
  const std::string whole;
  sql << "DELETE FROM notification_preferences WHERE user_id = :u AND kind = :k", soci::use(key),
      soci::use(name);
  sql << "INSERT INTO notification_preferences (user_id, kind, theme, frequency, updated_at) "
         "VALUES (:u, :k, :t, :f, :a)",
      soci::use(key), soci::use(name), soci::use(whole), soci::use(none), soci::use(at);
}

}  // namespace schakel::digest
