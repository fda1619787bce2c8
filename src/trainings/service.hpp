#pragma once
// Registration rules of the training series: capacity is never exceeded, also
// under concurrent registrations on several nodes; beyond capacity people join
// the waitlist in order; a freed place is offered to the first in line and held
// for a while (see README, "Waitlist rules").
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

class RegistrationService {
 public:
  // Requires: `db` and `clock` outlive the service.
  RegistrationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Registers `person` for `unit`: "registered" while places are free, else
  // "waitlisted" at the end of the queue. Errors: not_found (no such published
  // series or session), invalid by field ("session", "name", "email", "deadline"),
  // conflict (already registered or waiting for this unit).
  Result<Registration> register_person(const Unit& unit, const Person& person);
  // Cancels a registration, a waiting place or an offer; a freed place is
  // offered to the next in line. Errors: not_found, conflict (already ended).
  Result<Registration> cancel(std::int64_t registration_id);
  // Takes an offered place. Errors: not_found, conflict (no open offer, or expired).
  Result<Registration> accept_offer(std::int64_t registration_id);
  // Offers free places of `unit` to the queue (after a cancellation or when the
  // organiser raises the capacity). Returns the offers made.
  Result<std::vector<Registration>> fill_free_places(const Unit& unit);
  // Ends offers whose time ran out and passes their places on. Returns how many ended.
  int expire_offers();

 private:
  // Offers free places of `unit` in queue order. Requires: inside the transaction
  // that locked the unit's series.
  std::vector<Registration> offer_free_places(soci::session& sql, const Unit& unit,
                                              std::int64_t now);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::trainings
