#pragma once
// Certificates of attendance: who is eligible (by the series' rule), issuing
// (once: a second download gives the same certificate), re-issuing after a
// correction, revoking, and the public verification of a code.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "trainings/certificate.hpp"
#include "trainings/types.hpp"

namespace schakel {
class App;
}

namespace schakel::trainings {

// Where a registration stands towards a certificate.
struct Eligibility {
  bool eligible = false;
  int planned = 0;     // planned (not cancelled) sessions of the registration's unit
  int ended = 0;       // of those, the ones that have ended
  int attended = 0;    // of those ended, the ones the participant attended
  int required = 0;    // attended sessions the rule asks for (at this moment)
  int minutes = 0;     // the duration of the attended sessions
  std::string dates;   // the attended dates in Dutch ("3, 10 en 17 maart 2026")
  std::string reason;  // why not, in Dutch, when not eligible
};

// The eligibility of `registration` of `series`, given the series' sessions and
// the sessions it attended, at `now`. Counts the planned sessions of the unit
// (all of the series, or the one session) that started at or after the
// registration (Registration::counts: a late joiner is measured only on the
// sessions after registering) and ended by `now`: rule "all" needs every one of
// them (and at least one ended), rule "min" at least certificate_min_sessions of
// them, or all of them when fewer are left to a late joiner (and at least one).
Eligibility assess_eligibility(const Series& series, const Registration& registration,
                               const std::vector<Session>& sessions,
                               const std::set<std::int64_t>& attended, std::int64_t now);

// Who acts, for the audit log.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string label;  // e-mail of a signed-in user, "" for a guest
  std::string ip;
};

// One registration of a series on the organiser's page.
struct CertificateCandidate {
  Registration registration;
  Eligibility eligibility;
  std::optional<Certificate> current;  // newest not replaced (valid or revoked)
};

class CertificateService {
 public:
  // Requires: `db` and `clock` outlive the service.
  CertificateService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The eligibility of a registration now. Errors: not_found.
  Result<Eligibility> eligibility(std::int64_t registration_id);
  // The valid certificate of a registration: the one issued before (a second
  // download gives the same one), or a new one when the registration is
  // eligible. When the participant attended more sessions since, a new one with
  // the new dates replaces the old. Errors: not_found (no such registration),
  // conflict with a Dutch message (not registered, not eligible, revoked).
  Result<Certificate> issue_or_get(std::int64_t registration_id, const Actor& actor);
  // Replaces certificate `certificate_id` of series `series_id` (valid or
  // revoked, not already replaced) by a new one with a new code and
  // `corrected_name` (and the attendance as it stands now when still eligible).
  // Errors: not_found (unknown, or of another series), invalid ("name"),
  // conflict (already replaced).
  Result<Certificate> reissue(std::int64_t series_id, std::int64_t certificate_id,
                              const std::string& corrected_name, const Actor& actor);
  // The participant corrects the name of registration `registration_id`, the
  // name the certificate will carry, before it is issued (afterwards the
  // organiser re-issues). The name is trimmed; 1 to 200 characters of valid
  // UTF-8 without control characters. Errors: not_found, invalid ("name"),
  // conflict (a certificate was already issued, or the registration ended).
  Result<Registration> correct_name(std::int64_t registration_id, const std::string& name,
                                    const Actor& actor);
  // Whether a certificate (of any status) was issued for the registration.
  bool issued(std::int64_t registration_id);
  // Whether the registration's current certificate was revoked (then it gets
  // no new one: issue_or_get answers conflict).
  bool revoked(std::int64_t registration_id);
  // Revokes a valid certificate of series `series_id`. Errors: not_found,
  // invalid ("reason": required, at most 500 characters), conflict (revoked or replaced).
  Result<Certificate> revoke(std::int64_t series_id, std::int64_t certificate_id,
                             const std::string& reason, const Actor& actor);
  // The certificate with code `input` (case, spaces and dashes do not matter),
  // whatever its status. Unknown or malformed codes count towards a limit per
  // IP address. Errors: not_found, busy (too many unknown codes from `ip`).
  Result<Certificate> verify(const std::string& input, const std::string& ip);

  // The registered participants of a series with their eligibility and current
  // certificate, in the order of TrainingStore::of_series.
  std::vector<CertificateCandidate> candidates(std::int64_t series_id);
  // Every certificate of a series, newest first.
  std::vector<Certificate> certificates(std::int64_t series_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The public verification page of `code`: "<base_url>/attest/<code>".
std::string verification_url(const std::string& base_url, const std::string& code);
// An absolute link with which the participant of `registration_id` downloads
// their certificate without signing in (signed token, valid 180 days from now):
// "<base_url>/vorming/attest?token=…". For mails and "my trainings" pages.
std::string certificate_link(App& app, std::int64_t registration_id);
// The registration id of a certificate download token, nullopt when it is
// tampered with, expired or malformed.
std::optional<std::int64_t> certificate_token_registration(App& app, const std::string& token);

}  // namespace schakel::trainings
