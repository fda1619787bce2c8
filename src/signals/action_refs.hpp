#pragma once
// Where an action came from, as features above signals tell it: a meeting's
// action point (network/meetings) makes an action through ActionService and
// provides this lookup, so the action's page links back to it. Signals cannot
// include those features (they build on signals), hence the seam.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::signals {

// A link to what an action came from: "Actiepunt van het overleg X" -> /overleg/3.
struct ActionOrigin {
  std::string label;  // plain text
  std::string href;   // relative link
};

// The origin of action `action_id` as one feature knows it, read in `sql`, or nullopt.
using OriginLookup =
    std::function<std::optional<ActionOrigin>(soci::session& sql, std::int64_t action_id)>;

// Registers the lookup of feature `key` (called from its install(); a second call
// with the same key replaces the first). Thread-safe.
void provide_action_origin(const std::string& key, OriginLookup lookup);

// Every origin the registered lookups know for `action_id`, in key order.
std::vector<ActionOrigin> action_origins(store::Database& db, std::int64_t action_id);

}  // namespace schakel::signals
