#pragma once
// The mails of the training series: confirmation, waitlist position, offers,
// cancellations, changes, reminders and the guest's confirmation link. Mails
// are queued in the transaction of the change that causes them.
#include <string>

#include "trainings/service.hpp"
#include "trainings/types.hpp"

namespace schakel {
class App;
}

namespace schakel::trainings {

class Mailer {
 public:
  // Reads the signing key: construct outside any transaction. Requires: `app`
  // outlives the mailer.
  explicit Mailer(App& app);

  // The notifier for the services: one mail per event.
  Notify notifier() const;
  // The mail to a guest with the link that confirms the registration.
  void guest_confirmation(soci::session& sql, const Series& series, const std::string& name,
                          const std::string& email, const std::string& token) const;
  // The reminder two days before `session` to one participant.
  void reminder(soci::session& sql, const Series& series, const Session& session,
                const Registration& r) const;
  // "/vorming/inschrijving?token=...": where a participant sees, accepts or
  // cancels a registration without signing in (valid 400 days).
  std::string manage_path(std::int64_t registration_id) const;
  // The registration id of a manage token, or nullopt (tampered, expired).
  std::optional<std::int64_t> registration_of(const std::string& token) const;

 private:
  void send(soci::session& sql, const Event& event) const;
  App& app_;
  std::string key_;
};

}  // namespace schakel::trainings
