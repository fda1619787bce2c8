#pragma once
// Registration rules of the training series: capacity is never exceeded, also
// under concurrent registrations on several nodes; beyond capacity people join
// the waitlist in order; a freed place is offered to the first in line and held
// for a while (see README, "Waitlist rules").
#include <functional>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

// Something a participant must hear about, raised inside the transaction that
// made it happen (so a mail queued by the handler commits with the change).
struct Event {
  enum class Kind {
    registered,         // a place (also after accepting an offer or a promotion)
    waitlisted,         // a spot on the waitlist, with its position
    offered,            // a freed place is held until offer_expires_at
    cancelled,          // the participant ended it
    expired,            // an offer was not taken in time
    session_changed,    // time, place or link of a session changed
    session_cancelled,  // a session was cancelled
    series_cancelled,   // the whole series was cancelled
  };
  Kind kind;
  Registration registration;
  std::optional<Session> session;      // for the session events
  std::int64_t waitlist_position = 0;  // for waitlisted: people ahead + 1
};
using Notify = std::function<void(soci::session&, const Event&)>;

class RegistrationService {
 public:
  // Requires: `db` and `clock` outlive the service. `notify` (may be empty) is
  // called inside the transaction for every event.
  RegistrationService(store::Database& db, const Clock& clock, Notify notify = {})
      : db_(db), clock_(clock), notify_(std::move(notify)) {}

  // The person with name and address trimmed and the address in lower case, or
  // field errors ("name", "email", "nis_code", "sector").
  static Result<Person> normalise(const Person& person);
  // Registers `person` for `unit`: "registered" while places are free, else
  // "waitlisted" at the end of the queue. Errors: not_found (no such published
  // series or session), invalid by field ("session", "name", "email", "deadline":
  // closed_reason), conflict (already registered or waiting for this unit).
  // `after` (may be empty) runs in the same transaction once the registration
  // exists: answers to the series' questions are stored there.
  using AfterInsert = std::function<void(soci::session&, const Registration&)>;
  Result<Registration> register_person(const Unit& unit, const Person& person,
                                       const AfterInsert& after = {});
  // Why registration for `series` is closed at `now`, in Dutch, or "" when it is
  // open: cancelled or draft; no planned session still to start; past the
  // deadline; or, registering for the whole series, its first session began and
  // the organiser does not allow late joining (Series::late_join).
  static std::string closed_reason(const Series& series, const std::vector<Session>& sessions,
                                   std::int64_t now);
  // Registers `person` for several sessions of series `series_id` at once (a
  // series with registration per session), each as register_person would, with
  // capacity and waitlist per session; all or nothing: the first refusal is
  // returned and nothing is registered. An empty list registers for the whole
  // series; repeated ids count once. `after` runs once per registration.
  Result<std::vector<Registration>> register_sessions(std::int64_t series_id,
                                                      const std::vector<std::int64_t>& session_ids,
                                                      const Person& person,
                                                      const AfterInsert& after = {});
  // The checks of register_person without registering (for a guest, before the
  // confirmation mail): the same errors, except that a full unit is fine.
  Status check(const Unit& unit, const Person& person);
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
  // The organiser gives a waiting person a free place at once, out of queue
  // order. Errors: not_found, conflict (not waiting, or no free place).
  Result<Registration> promote(std::int64_t registration_id);
  // The position of a waiting registration among those waiting for its unit (1 =
  // next in line); 0 when it is not waiting.
  std::int64_t waitlist_position(const Registration& r);

 private:
  // Offers free places of `unit` in queue order. Requires: inside the transaction
  // that locked the unit's series.
  std::vector<Registration> offer_free_places(soci::session& sql, const Unit& unit,
                                              std::int64_t now);
  // Registers for one unit inside the transaction that locked the series.
  Result<Registration> insert_one(soci::session& sql, const Unit& unit, const Person& person,
                                  std::int64_t now, const AfterInsert& after);
  // Why `email` may not register for `unit` now, or nullopt.
  std::optional<Error> refuse(soci::session& sql, const Unit& unit, const std::string& email,
                              std::int64_t now);
  void raise(soci::session& sql, Event::Kind kind, const Registration& r);
  store::Database& db_;
  const Clock& clock_;
  Notify notify_;
};

}  // namespace schakel::trainings
