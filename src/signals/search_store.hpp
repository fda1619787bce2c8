#pragma once
// Read-only SQL of the search documents of signals, needs and actions
// (signals/search.hpp): which ids to index. The rows themselves are read with
// the owners' finds (SignalStore, NeedStore, ActionStore).
#include <cstdint>
#include <optional>
#include <vector>

#include <soci/soci.h>

#include "signals/types.hpp"

namespace schakel::signals {

struct SearchStore {
  // Every id of a table, ascending.
  static std::vector<std::int64_t> signal_ids(soci::session& sql);
  static std::vector<std::int64_t> need_ids(soci::session& sql);
  static std::vector<std::int64_t> action_ids(soci::session& sql);
  // How many signals, needs and actions there are together.
  static std::int64_t count_all(soci::session& sql);
};

}  // namespace schakel::signals
