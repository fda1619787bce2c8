#pragma once
// Rules of accounts: sign-up with confirmation, sign-in (password, e-mail link,
// second factor), password reset, profile changes, rate limits and audit.
// One service, implemented by responsibility: service.cpp (shared checks, limits,
// create_user, change_role), registration_service.cpp, sign_in_service.cpp,
// profile_service.cpp and second_factor_service.cpp.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "accounts/store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "mail/mail.hpp"
#include "store/rate_limits.hpp"

namespace schakel::accounts {

// Renders an e-mail from templates "<name>_text" / "<name>_html" of the accounts
// feature; `model` may hold a relative "link" that the composer makes absolute.
using MailComposer =
    std::function<mail::Mail(const std::string& to, const std::string& name, nlohmann::json model)>;

// Where a request comes from, for rate limits and the audit log.
struct Origin {
  std::string ip;
};

struct SignUp {
  std::string email;
  std::string display_name;
  std::string organisation;
  std::string sector;
  std::string sector_detail;
  std::string track;
  std::string password;
};

struct ProfileChange {
  std::string display_name;
  std::string organisation;
  std::string sector;
  std::string sector_detail;
  std::string track;
};

// After a correct password: either signed in, or a second factor is owed.
struct SignInStep {
  User user;
  bool needs_second_factor = false;
};

struct TotpEnrolment {
  std::string secret;  // base32
  std::string uri;     // otpauth://
};

// Limits (DESIGN.md section 6, issues 3 and 10). Failed passwords count per
// account and client address (10 per 15 minutes: one client guessing), per client
// address (30 per 15 minutes: one client trying many accounts) and per account
// from all addresses together (100 per hour: a slow brake on a distributed attack).
// Strangers on other addresses cannot use up the first bucket of the owner's
// address; the account-wide one does not apply to an address the account signed
// in from during the last day, and elsewhere the owner can always sign in with a
// link by mail, which no password limit blocks.
// Password re-checks behind a session count in the same buckets.
inline constexpr store::RateRule failed_sign_ins_per_account{10, 900};  // per account and IP
inline constexpr store::RateRule failed_sign_ins_per_account_total{100, 3600};
inline constexpr store::RateRule failed_sign_ins_per_ip{30, 900};
inline constexpr store::RateRule sign_ups_per_ip{10, 3600};
inline constexpr store::RateRule mails_per_ip{10, 900};
inline constexpr store::RateRule mails_per_address{3, 900};

inline constexpr std::int64_t confirm_ttl = 48 * 3600;
inline constexpr std::int64_t sign_in_link_ttl = 15 * 60;
inline constexpr std::int64_t reset_ttl = 30 * 60;
inline constexpr std::int64_t email_change_ttl = 48 * 3600;

class AccountService {
 public:
  AccountService(store::Database& db, const Clock& clock, MailComposer composer = {})
      : db_(db),
        store_(db, clock),
        clock_(clock),
        limiter_(db, clock),
        composer_(std::move(composer)) {}

  // --- Accounts made or changed by others (service.cpp) ---------------------------

  // Creates an account directly (command line, demo, tests): no confirmation.
  // Field errors: email, display_name, password, role, nis_code.
  Result<User> create_user(NewUser user);
  // An administrator changes a role (audited). Errors: unknown role, self-demotion of the last
  // admin.
  Status change_role(std::int64_t actor_id, std::int64_t user_id, const std::string& role,
                     const Origin& origin);

  // --- Registration and confirmation (registration_service.cpp) --------------------

  // A professional signs up: the account waits for confirmation by e-mail. When
  // the address already has an account, that owner gets a notice instead, and
  // the outcome looks the same (no enumeration). Field errors as on the form.
  Status sign_up(const SignUp& form, const Origin& origin);
  // The account of a valid confirmation token (for the confirmation page).
  std::optional<User> peek(const std::string& token, const std::string& purpose);
  // Activates the account of a confirmation token. Errors: invalid/expired link.
  Result<User> confirm(const std::string& token, const Origin& origin);

  // --- Signing in and the password reset (sign_in_service.cpp) ---------------------

  // Checks e-mail and password, counting failures per account and per IP.
  Result<SignInStep> sign_in(const std::string& email, const std::string& password, bool allow_demo,
                             const Origin& origin);
  // The second step: a TOTP code or a recovery code.
  Result<User> second_factor(std::int64_t user_id, const std::string& code, const Origin& origin);

  // Sends a one-time sign-in link (15 minutes) when the address has an active account.
  Status request_sign_in_link(const std::string& email, const Origin& origin);
  Result<SignInStep> use_sign_in_link(const std::string& token, const Origin& origin);

  // Sends a reset link (30 minutes) when the address has an account.
  Status request_reset(const std::string& email, const Origin& origin);
  // Sets a new password and ends every session of the account.
  Result<User> reset_password(const std::string& token, const std::string& password,
                              const Origin& origin);

  // --- The user's own account (profile_service.cpp) ---------------------------------

  // Changes name, organisation, sector, track and mail choices. Field errors as on
  // the form.
  Result<User> update_profile(std::int64_t user_id, const ProfileChange& change);
  // Asks the current password; ends the user's other sessions (not `keep_session_hash`).
  Status change_password(std::int64_t user_id, const std::string& current, const std::string& next,
                         const std::string& keep_session_hash, const Origin& origin);
  // Sends a confirmation link to the new address; the change happens when it is followed.
  Status request_email_change(std::int64_t user_id, const std::string& new_email,
                              const std::string& password, const Origin& origin);
  Result<User> confirm_email_change(const std::string& token, const Origin& origin);
  // Deletes the account after checking the password.
  Status delete_account(std::int64_t user_id, const std::string& password, const Origin& origin);

  // --- The second factor (second_factor_service.cpp) --------------------------------

  // Starts TOTP enrolment: a secret stored but not yet enabled. The pending
  // secret of an earlier start is kept (so a mistyped code does not change it)
  // unless `fresh`.
  Result<TotpEnrolment> begin_totp(std::int64_t user_id, bool fresh = false);
  // Starts replacing an enabled factor (new phone): asks the password, so that a
  // stolen session cannot swap the second factor. Errors: field "restart_password".
  Result<TotpEnrolment> restart_totp(std::int64_t user_id, const std::string& password,
                                     const Origin& origin);
  // Enables TOTP when `code` matches; returns ten fresh recovery codes.
  Result<std::vector<std::string>> confirm_totp(std::int64_t user_id, const std::string& code,
                                                const Origin& origin);
  // Turns TOTP off (not for coordinators and admins).
  Status disable_totp(std::int64_t user_id, const std::string& password, const Origin& origin);

  // Every user, by name (for the admin page).
  std::vector<User> all_users() { return store_.all(); }

 private:
  Status rate_limited_mail(const std::string& email, const Origin& origin);
  // Counts a password attempt for the account with (normalised) `email` before it
  // is checked: ids of the reserved events, or busy with the wait in Dutch.
  struct PasswordAttempt {
    std::string pair_bucket;
    std::string known_bucket;            // a success from this address in the last day
    std::vector<std::int64_t> reserved;  // account-wide and per-IP events
  };
  Result<PasswordAttempt> reserve_password_attempt(const std::string& email, const Origin& origin);
  // A correct password: the attempt does not count.
  void password_accepted(const PasswordAttempt& attempt);
  // Re-checks the password of a signed-in user before a sensitive change
  // (`action`, for the audit log): counted like a failed sign-in, audited when
  // wrong. Errors: busy (too many failures), invalid on `field`.
  Status recheck_password(const StoredUser& stored, const std::string& password,
                          const std::string& field, const std::string& action,
                          const Origin& origin);
  // The TOTP secret waiting for confirmation, or "" when none.
  std::string pending_totp_secret(std::int64_t user_id);
  void send(soci::session& sql, const std::string& to, const std::string& name,
            const nlohmann::json& model);
  void audit(soci::session& sql, std::optional<std::int64_t> actor, const std::string& label,
             const std::string& action, const std::string& object, const std::string& detail,
             const Origin& origin);

  store::Database& db_;
  UserStore store_;
  const Clock& clock_;
  store::RateLimiter limiter_;
  MailComposer composer_;
};

// Lower-cases and trims an e-mail address.
std::string normalise_email(const std::string& email);
// A valid address (valid_email_address in core/email.hpp, shared with guest registrations).
bool plausible_email(const std::string& email);
// A local redirect target: "/..." but not "//..." or "/\...", else "/".
std::string safe_next(const std::string& next);

}  // namespace schakel::accounts
