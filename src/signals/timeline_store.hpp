#pragma once
// The dated story of signals, needs and actions (table signal_timeline). Every
// service that changes a signal, need or action appends one entry in the same
// transaction as the change, so a timeline is complete whenever the change is.
#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "signals/types.hpp"

namespace schakel::signals {

struct TimelineStore {
  // Appends `entry` (its id is ignored) and returns the new id. Requires: inside
  // the transaction of the change it tells; subject_kind one of "signal",
  // "need", "action".
  static std::int64_t append(soci::session& sql, const TimelineEntry& entry);
  // The entries of one subject, oldest first (ties by id).
  static std::vector<TimelineEntry> entries(soci::session& sql, const std::string& subject_kind,
                                            std::int64_t subject_id);
  // The entries of several subjects of one kind, oldest first: for a need's
  // story that includes its signals and the actions answering it.
  static std::vector<TimelineEntry> entries(soci::session& sql, const std::string& subject_kind,
                                            const std::vector<std::int64_t>& subject_ids);
  // Deletes the entries of one subject (when the subject itself is deleted).
  static void delete_for(soci::session& sql, const std::string& subject_kind,
                         std::int64_t subject_id);
};

}  // namespace schakel::signals
