#pragma once
// The directory in Open Referral's Human Services Data Specification 3.0 shape, for
// exchange with other directories. JSON: one object with an array per HSDS table,
// keeping HSDS's names: organizations, services, locations (with their addresses),
// service_at_locations, phones, schedules, service_areas, languages, accessibility.
// What HSDS has no field for is in fields prefixed "schakel_": a service's type,
// referral, themes, target groups and demo flag; a location's NIS code. A service
// area is one municipality (extent_type "schakel_nis_code", extent the NIS code), a
// province ("schakel_province") or all of Flanders ("schakel_region", "Vlaanderen").
// Ids are "svc-1", "org-1", ...: numbered in export order (organisation name,
// service name), so exporting the same directory twice gives the same bytes.
// CSV: one flat file, one row per service (hsds_csv_columns), lists joined by "|".
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "citizens/help_service_types.hpp"

namespace schakel::citizens {

// What the import checks against: whether a NIS code names a municipality, and the
// municipalities of a postcode (empty when unknown).
struct HsdsReference {
  std::function<bool(const std::string&)> is_municipality;
  std::function<std::vector<std::string>(const std::string&)> postcode_municipalities;
};

// The export of `services` (in their order). `name_of` gives a municipality's name.
nlohmann::json hsds_json(const std::vector<HelpService>& services,
                         const std::function<std::string(const std::string&)>& name_of);

// The outcome of reading an import file: the services in file order, or every
// problem found, each naming its record ("services[2] (svc-3): ...") or CSV line.
struct HsdsImport {
  std::vector<HelpService> services;
  std::vector<std::string> errors;
};
// Reads an HSDS JSON document; never throws.
HsdsImport parse_hsds_json(const std::string& text, const HsdsReference& ref);

// The flat CSV: a header of hsds_csv_columns, one row per service.
const std::vector<std::string>& hsds_csv_columns();
std::string hsds_csv(const std::vector<HelpService>& services);
// Reads the flat CSV; errors name their line ("regel 3: ..."); never throws.
HsdsImport parse_hsds_csv(const std::string& text, const HsdsReference& ref);

}  // namespace schakel::citizens
