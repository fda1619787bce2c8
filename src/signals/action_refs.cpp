#include "signals/action_refs.hpp"

#include <map>
#include <mutex>

namespace schakel::signals {

namespace {

std::mutex lookups_mutex;  // guards lookups()
std::map<std::string, OriginLookup>& lookups() {
  static std::map<std::string, OriginLookup> registered;
  return registered;
}

}  // namespace

void provide_action_origin(const std::string& key, OriginLookup lookup) {
  std::lock_guard lock(lookups_mutex);
  lookups()[key] = std::move(lookup);
}

std::vector<ActionOrigin> action_origins(store::Database& db, std::int64_t action_id) {
  std::map<std::string, OriginLookup> copy;
  {
    std::lock_guard lock(lookups_mutex);
    copy = lookups();
  }
  std::vector<ActionOrigin> out;
  if (copy.empty()) return out;
  db.run([&](soci::session& sql) {
    for (const auto& [key, lookup] : copy)
      if (auto origin = lookup(sql, action_id)) out.push_back(std::move(*origin));
  });
  return out;
}

}  // namespace schakel::signals
