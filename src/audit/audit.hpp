#pragma once
// The audit log: sign-ins, failed sign-ins, role changes, permission denials,
// membership changes, lead hand-over and views of another municipality's
// network-only data. Entries name actors and objects by id; they never hold
// passwords, tokens or personal content.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::audit {

struct Entry {
  std::int64_t id = 0;
  std::int64_t at = 0;  // UTC seconds
  std::optional<std::int64_t> actor_id;
  std::string actor_label;  // e-mail of the actor at the time, or "" (anonymous)
  std::string action;       // "sign_in", "sign_in_failed", "role_changed", "denied", ...
  std::string object;       // "user:12", "municipality:44021", "route:GET /beheer"
  std::string detail;       // short, non-personal
  std::string ip;
};

// Appends `entry` inside the caller's transaction.
void record(soci::session& sql, const Entry& entry);
// Appends `entry` in its own transaction.
void record(store::Database& db, const Entry& entry);

struct Filter {
  std::string action;  // exact, or "" for all
  std::optional<std::int64_t> actor_id;
  std::string object_prefix;          // "user:" etc., or ""
  std::optional<std::int64_t> from;   // inclusive
  std::optional<std::int64_t> until;  // exclusive
  int limit = 100;
  int offset = 0;
};

// Newest first.
std::vector<Entry> find(store::Database& db, const Filter& filter);
// The distinct actions present (for the filter's choice list).
std::vector<std::string> actions(store::Database& db);
// RFC 4180 CSV of `entries` with a header row; cells that start with = + - @ are
// prefixed with ' so spreadsheets do not run them as formulas.
std::string to_csv(const std::vector<Entry>& entries);

}  // namespace schakel::audit
