#pragma once
// The SQL of the retention rule of signals (signals/retention.hpp).
#include <cstdint>
#include <vector>

#include <soci/soci.h>

namespace schakel::signals {

struct RetentionStore {
  // Ids of the signals closed before `cutoff` (closed_at < cutoff), oldest first.
  static std::vector<std::int64_t> closed_before(soci::session& sql, std::int64_t cutoff);
  // Deletes signal `id` with its themes and its links to needs. Its timeline is
  // the caller's (TimelineStore::delete_for). Requires: inside a transaction.
  static void delete_signal(soci::session& sql, std::int64_t id);
};

}  // namespace schakel::signals
