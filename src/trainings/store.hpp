#pragma once
// SQL of the training series: series, sessions and registrations.
#include <optional>
#include <vector>

#include "store/database.hpp"
#include "trainings/types.hpp"

namespace schakel::trainings {

class TrainingStore {
 public:
  static std::int64_t insert_series(soci::session& sql, const Series& s, std::int64_t now);
  static std::int64_t insert_session(soci::session& sql, const Session& s);
  static std::optional<Series> find_series(soci::session& sql, std::int64_t id);
  // Sessions of a series by start time.
  static std::vector<Session> sessions_of(soci::session& sql, std::int64_t series_id);
  static std::optional<Registration> find_registration(soci::session& sql, std::int64_t id);

  // Places of `unit`: the session's capacity, or for the whole series the
  // smallest capacity of its planned sessions (0 when it has none).
  static int capacity(soci::session& sql, const Unit& unit);
  // Registrations of `unit` that hold a place (registered or offered).
  static int holding(soci::session& sql, const Unit& unit);
  // The active registration (registered, waitlisted, offered) of `email` for `unit`.
  static std::optional<Registration> active(soci::session& sql, const Unit& unit,
                                            const std::string& email);
  // The queue position after the last one of `unit` (1 for an empty queue).
  static std::int64_t next_position(soci::session& sql, const Unit& unit);
  // The first waitlisted registration of `unit` in queue order.
  static std::optional<Registration> first_waitlisted(soci::session& sql, const Unit& unit);
  // Offers whose time ran out before `now`.
  static std::vector<Registration> expired_offers(soci::session& sql, std::int64_t now);
  // Every registration of `unit`: places first, then the queue, then the rest.
  static std::vector<Registration> of_unit(soci::session& sql, const Unit& unit);

  // Inserts `r` (id and timestamps set here); returns the id. Throws
  // store::StoreError{conflict} when the person already has an active one.
  static std::int64_t insert_registration(soci::session& sql, const Registration& r,
                                          std::int64_t now);
  // Writes state, queue position and offer expiry of `r`.
  static void update_state(soci::session& sql, const Registration& r, std::int64_t now);
};

}  // namespace schakel::trainings
