// Setting up, replacing and turning off the second factor (TOTP) with its
// recovery codes (contracts in service.hpp).
#include "accounts/service.hpp"

#include <nlohmann/json.hpp>

#include "accounts/totp.hpp"
#include "core/random.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

namespace {

std::vector<std::string> new_recovery_codes() {
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) {
    std::string hex = random_hex(5);  // 10 hex digits, shown as xxxxx-xxxxx
    codes.push_back(hex.substr(0, 5) + "-" + hex.substr(5));
  }
  return codes;
}

}  // namespace

std::string AccountService::pending_totp_secret(std::int64_t user_id) {
  // The pending secret is the payload of the newest unused enrolment token.
  return db_.run([&](soci::session& sql) {
    return UserStore::pending_payload(sql, user_id, "totp_enrol", clock_.now());
  });
}

Result<TotpEnrolment> AccountService::begin_totp(std::int64_t user_id, bool fresh) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  if (!fresh) {
    const std::string pending = pending_totp_secret(user_id);
    if (!pending.empty())
      return TotpEnrolment{pending, otpauth_uri("Schakel", stored->user.email, pending)};
    // An enabled factor is replaced only through restart_totp (which asks the password).
    if (stored->user.totp_enabled) return Error::of(Failure::forbidden);
  }
  const std::string secret = new_totp_secret();
  db_.transact([&](soci::session& sql) {
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
    // Keep an enabled factor working until the new one is confirmed.
    if (!stored->user.totp_enabled) UserStore::set_totp(sql, user_id, secret, false);
    UserStore::delete_tokens(sql, user_id, "totp_enrol");
    UserStore::create_token(sql, user_id, "totp_enrol", secret, clock_.now(), 3600);
  });
  return TotpEnrolment{secret, otpauth_uri("Schakel", stored->user.email, secret)};
}

Result<TotpEnrolment> AccountService::restart_totp(std::int64_t user_id,
                                                   const std::string& password,
                                                   const Origin& origin) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  if (auto checked =
          recheck_password(*stored, password, "restart_password", "restart_totp", origin);
      !checked)
    return checked.error();
  db_.transact([&](soci::session& sql) {
    audit(sql, user_id, stored->user.email, "totp_restart", "user:" + std::to_string(user_id), "",
          origin);
  });
  return begin_totp(user_id, true);
}

Result<std::vector<std::string>> AccountService::confirm_totp(std::int64_t user_id,
                                                              const std::string& code,
                                                              const Origin& origin) {
  const std::string secret = pending_totp_secret(user_id);
  if (secret.empty()) return Error::invalid("code", "Begin opnieuw: de instelling is verlopen.");
  auto step = totp_step(secret, code, clock_.now());
  if (!step)
    return Error::invalid(
        "code",
        "Deze code klopt niet. Controleer de tijd op je toestel en probeer de nieuwste code.");
  auto codes = new_recovery_codes();
  auto stored = store_.find_stored(user_id);
  db_.transact([&](soci::session& sql) {
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
    UserStore::set_totp(sql, user_id, secret, true);
    UserStore::use_totp_step(sql, user_id, *step);
    UserStore::replace_recovery_codes(sql, user_id, codes);
    UserStore::use_tokens(sql, user_id, "totp_enrol");
    audit(sql, user_id, stored ? stored->user.email : "", "totp_enabled",
          "user:" + std::to_string(user_id), "", origin);
  });
  return codes;
}

Status AccountService::disable_totp(std::int64_t user_id, const std::string& password,
                                    const Origin& origin) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  if (role_requires_totp(stored->user.role))
    return Error::of(Failure::forbidden,
                     "Voor coördinatoren en beheerders is tweestapsverificatie verplicht.");
  if (auto checked = recheck_password(*stored, password, "password", "disable_totp", origin);
      !checked)
    return checked;
  db_.transact([&](soci::session& sql) {
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
    UserStore::set_totp(sql, user_id, "", false);
    UserStore::replace_recovery_codes(sql, user_id, {});
    audit(sql, user_id, stored->user.email, "totp_disabled", "user:" + std::to_string(user_id), "",
          origin);
  });
  return ok_status();
}

}  // namespace schakel::accounts
