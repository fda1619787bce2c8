#pragma once
// Reference data: Belgian municipalities and their postcodes (reference/*.csv, loaded by
// migration 0002). Every feature reads municipalities through these functions, never with
// its own SQL. The data changes only with a migration, that is with a new binary, so the
// names are read once per process and kept.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::reference {

struct Municipality {
  std::string nis_code;  // 5-digit REFNIS code after the 2025 mergers, e.g. "44021" (Gent)
  std::string name_nl;
  std::string name_fr;
  std::string region;    // "Vlaanderen", "Wallonie", "Brussel"
  std::string province;  // "" for Brussels
};

// Dutch names of every municipality by NIS code. The first call that finds them reads them
// (with `sql`, inside the caller's transaction, or from a pooled connection of `db`); later
// calls return the kept map without touching the database. Thread-safe.
const std::map<std::string, std::string>& municipality_names(soci::session& sql);
const std::map<std::string, std::string>& municipality_names(store::Database& db);

// The Dutch name of `nis_code`, or `nis_code` itself when it names no municipality.
std::string municipality_name(store::Database& db, const std::string& nis_code);

// True when `nis_code` names a municipality.
bool is_municipality(store::Database& db, const std::string& nis_code);

// The municipality with `nis_code`, or nullopt.
std::optional<Municipality> find_municipality(store::Database& db, const std::string& nis_code);

// The municipalities of `region` ("Vlaanderen", "Wallonie", "Brussel"), by Dutch name.
std::vector<Municipality> municipalities_in_region(store::Database& db, const std::string& region);

}  // namespace schakel::reference
