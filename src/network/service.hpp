#pragma once
// Rules of the network feature: memberships, SPOCs, the lead and its hand-over.
// Permission checks happen in the handlers (network/permissions.hpp); these
// methods check the state of the network and write the audit log.
#include <functional>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "mail/mail.hpp"
#include "network/store.hpp"
#include "web/http.hpp"

namespace schakel::network {

using MailComposer =
    std::function<mail::Mail(const std::string& to, const std::string& name, nlohmann::json model)>;

class NetworkService {
 public:
  NetworkService(store::Database& db, NetworkStore& store, const Clock& clock,
                 MailComposer composer = {})
      : db_(db), store_(store), clock_(clock), composer_(std::move(composer)) {}

  // The members today, lead municipality first. Public information.
  std::vector<Member> public_members() { return store_.current_members(clock_.now()); }

  // Adds a member from today. Errors: nis_code unknown, already a member.
  Status add_membership(const web::Principal& actor, const std::string& nis_code,
                        const std::string& ip);
  // Ends a membership today. Errors: not found, already ended, it is the lead.
  Status end_membership(const web::Principal& actor, std::int64_t membership_id,
                        const std::string& ip);
  // Makes the account with `email` a SPOC of `nis_code` (a member).
  Status assign_spoc(const web::Principal& actor, const std::string& email,
                     const std::string& nis_code, const std::string& ip);
  // Removes `nis_code` from a SPOC; without municipalities left the role becomes professional.
  Status remove_spoc(const web::Principal& actor, std::int64_t user_id, const std::string& nis_code,
                     const std::string& ip);
  // Saves the contact text of a member municipality (at most 2000 characters).
  Status set_profile_text(const web::Principal& actor, const std::string& nis_code,
                          const std::string& text, const std::string& ip);

  // Proposes the account with `email`, of member municipality `nis_code` (not the
  // current lead), as the next coordinator; they get a mail and must accept.
  Result<std::int64_t> propose_handover(const web::Principal& actor, const std::string& email,
                                        const std::string& nis_code, const std::string& ip);
  // The proposed person accepts: they become coordinator, their municipality the
  // lead; the old coordinator keeps their account as SPOC of their municipality.
  Status accept_handover(const web::Principal& actor, std::int64_t handover_id,
                         const std::string& ip);
  Status decline_handover(const web::Principal& actor, std::int64_t handover_id,
                          const std::string& ip);

 private:
  store::Database& db_;
  NetworkStore& store_;
  const Clock& clock_;
  MailComposer composer_;
};

// The demo network: Gent as lead and a handful of Flemish municipalities, all
// marked as demo membership. Runs inside the demo transaction.
void load_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::network
