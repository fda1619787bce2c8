#pragma once
// SQL of attendance: who was present at which session, marked on the list by
// the organiser or a trainer, or by the participant's own QR check-in.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::trainings {

// One mark of one registration at one session.
struct Mark {
  std::int64_t session_id = 0;
  std::int64_t registration_id = 0;
  bool present = false;
  std::string method = "list";            // list, qr
  std::optional<std::int64_t> marked_by;  // the user who marked; none for a trainer link or QR
  std::int64_t marked_at = 0;
};

class AttendanceStore {
 public:
  // Writes `mark`, replacing an earlier mark of the same session and
  // registration, with a change-feed entry ("training_attendance",
  // "SESSION:REGISTRATION"). Requires: inside the write's transaction.
  static void save(soci::session& sql, const Mark& mark);
  // The mark of one registration at one session, or nullopt when not marked.
  static std::optional<Mark> find(soci::session& sql, std::int64_t session_id,
                                  std::int64_t registration_id);
  // Every mark at the sessions of a series, by session then registration.
  static std::vector<Mark> of_series(soci::session& sql, std::int64_t series_id);
};

}  // namespace schakel::trainings
