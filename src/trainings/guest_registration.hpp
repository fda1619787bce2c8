#pragma once
// The guest-registration flow of a training series: a visitor without an account
// registers in two steps. `request` checks what registering would check (a full
// unit is fine), the guest-name rule and the mail limits, keeps the registration
// as a pending row under a new random token (valid 48 hours) with the answers,
// and queues the mail with the confirmation link; `confirm` takes that row once
// and registers.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "trainings/service.hpp"

namespace schakel::trainings {

inline constexpr std::int64_t guest_link_validity = 48 * 3600;

// What a guest filled in on the registration form, parsed by the handler.
struct GuestRequest {
  std::int64_t series_id = 0;
  std::vector<std::int64_t> session_ids;  // a series per session: the ticked ones; else empty
  Person person;                          // without user_id
  std::vector<std::pair<std::int64_t, std::string>> answers;  // question id, answer
  std::vector<int> confidence;                                // as parse_confidence returns it
  std::string ip;  // the client address, for the mail limits
};

// Queues the confirmation mail with `token` to `person` inside the transaction
// that stores the pending row.
using SendGuestConfirmation =
    std::function<void(soci::session&, const Person& person, const std::string& token)>;

class GuestRegistrationService {
 public:
  // Requires: `db` and `clock` outlive the service. `notify` as for
  // RegistrationService (used by confirm).
  GuestRegistrationService(store::Database& db, const Clock& clock, Notify notify = {})
      : db_(db), clock_(clock), notify_(std::move(notify)) {}

  // Checks the request, stores it as pending and sends the confirmation with
  // `send`. Returns the person as stored (name and address normalised), to whom
  // the mail went. Errors: invalid by field ("name": the guest-name rule or
  // missing; "email", "session", "deadline", ...: RegistrationService::check),
  // not_found (no such published series or session), busy (field "email": over
  // a mail limit; nothing counted or stored). Someone already registered for
  // the unit is not refused here: the answer must not reveal whether an address
  // is registered; they hear it when confirming.
  Result<Person> request(const GuestRequest& request, const SendGuestConfirmation& send);

  // The pending registration of `token` without taking it (the confirmation
  // page), or nullopt when the token is unknown, used or expired.
  std::optional<TrainingStore::Pending> pending(const std::string& token);

  // Takes the pending registration of `token` (a link works once) and registers
  // it with its answers, as RegistrationService::register_sessions. nullopt
  // when the token is unknown, used or expired; else the registrations or
  // register_sessions' errors (conflict: already registered).
  std::optional<Result<std::vector<Registration>>> confirm(const std::string& token);

 private:
  store::Database& db_;
  const Clock& clock_;
  Notify notify_;
};

}  // namespace schakel::trainings
