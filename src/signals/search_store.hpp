#pragma once
// Read-only SQL of the search documents of signals, needs and actions
// (signals/search.hpp). The rows are written by the records and actions parts.
#include <cstdint>
#include <optional>
#include <vector>

#include <soci/soci.h>

#include "signals/types.hpp"

namespace schakel::signals {

struct SearchStore {
  // One row with its themes (and, for a need, its signal ids; for an action,
  // its need ids), or nullopt when there is none with `id`.
  static std::optional<Signal> signal(soci::session& sql, std::int64_t id);
  static std::optional<Need> need(soci::session& sql, std::int64_t id);
  static std::optional<Action> action(soci::session& sql, std::int64_t id);
  // Every id of a table, ascending.
  static std::vector<std::int64_t> signal_ids(soci::session& sql);
  static std::vector<std::int64_t> need_ids(soci::session& sql);
  static std::vector<std::int64_t> action_ids(soci::session& sql);
  // How many signals, needs and actions there are together.
  static std::int64_t count_all(soci::session& sql);
};

}  // namespace schakel::signals
