#pragma once
// All SQL of the help-service directory (tables of migration 0021). Functions take
// the caller's session, so a service can do several of them in one transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "citizens/help_service_types.hpp"

namespace schakel::citizens {

class HelpServiceStore {
 public:
  // Inserts `s` (its organisation found by name or added) and returns its id.
  static std::int64_t insert(soci::session& sql, const HelpService& s, std::int64_t now);
  // Replaces every field of service `s.id`. Requires: it exists.
  static void update(soci::session& sql, const HelpService& s, std::int64_t now);
  // Deletes service `id` with its areas, location and phones; false when there was none.
  static bool remove(soci::session& sql, std::int64_t id);
  static std::optional<HelpService> find(soci::session& sql, std::int64_t id);
  // Every service, by organisation name, service name and id (the export order).
  static std::vector<HelpService> all(soci::session& sql);
  // The services that serve municipality `nis_code` of `province`: local ones whose
  // area holds it, those of the province, and those of all of Flanders.
  static std::vector<HelpService> serving(soci::session& sql, const std::string& nis_code,
                                          const std::string& province);
  // The services maintained by municipality `nis_code`.
  static std::vector<HelpService> owned_by(soci::session& sql, const std::string& nis_code);
  // Deletes every service and organisation (before an import replaces them).
  static void clear(soci::session& sql);
  // Deletes the demo services and the organisations left without a service.
  static void remove_demo(soci::session& sql);
  static std::int64_t count(soci::session& sql);
};

}  // namespace schakel::citizens
