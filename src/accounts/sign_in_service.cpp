// Signing in: password, second step, one-time link by e-mail, and the
// password reset (contracts in service.hpp).
#include "accounts/service.hpp"

#include <nlohmann/json.hpp>

#include "accounts/checks.hpp"
#include "accounts/password.hpp"
#include "accounts/totp.hpp"
#include "core/client_key.hpp"
#include "core/wait.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

namespace {

const char* const generic_sign_in_error = "Het e-mailadres of het wachtwoord klopt niet.";

}  // namespace

Result<SignInStep> AccountService::sign_in(const std::string& email, const std::string& password,
                                           bool allow_demo, const Origin& origin) {
  const std::string key = normalise_email(email);
  if (key.empty() || password.empty()) {
    FieldErrors errors;
    if (key.empty()) errors.push_back({"email", "Vul je e-mailadres in."});
    if (password.empty()) errors.push_back({"password", "Vul je wachtwoord in."});
    return Error{Failure::invalid, errors};
  }
  if (key.size() > 254 || password.size() > 1024) return Error::invalid("", generic_sign_in_error);
  // Each attempt is counted before the password is checked, so parallel
  // attempts cannot pass the limit together; a correct password takes it back.
  auto attempt = reserve_password_attempt(key, origin);
  if (!attempt) return attempt.error();

  // A hash to verify against when there is no account, so both cases cost the same time.
  static const std::string dummy = hash_password("geen-account-voor-dit-adres");
  auto stored = store_.find_by_email(key);
  const bool matches = verify_password(stored ? stored->password_hash : dummy, password);
  if (!stored || !matches) {  // the reserved events stay: they are the counted failures
    db_.transact([&](soci::session& sql) {
      audit(sql, stored ? std::optional<std::int64_t>(stored->user.id) : std::nullopt, "",
            "sign_in_failed",
            stored ? "user:" + std::to_string(stored->user.id) : "account:unknown", "", origin);
    });
    return Error::invalid("", generic_sign_in_error);
  }
  password_accepted(attempt.value());
  if (stored->user.is_demo && !allow_demo)
    return Error::invalid("", "Demo-accounts kunnen alleen aanmelden op een demo-installatie.");
  if (stored->user.status == "pending")
    return Error::invalid(
        "", "Bevestig eerst je e-mailadres met de link in de mail die we je stuurden.");
  const bool second = stored->user.totp_enabled;
  db_.transact([&](soci::session& sql) {
    audit(sql, stored->user.id, stored->user.email, second ? "sign_in_password" : "sign_in",
          "user:" + std::to_string(stored->user.id), "", origin);
  });
  return SignInStep{stored->user, second};
}

Result<User> AccountService::second_factor(std::int64_t user_id, const std::string& raw_code,
                                           const Origin& origin) {
  std::string code;
  for (char c : raw_code)
    if (c != ' ') code.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  const std::string bucket = "totp:user:" + std::to_string(user_id);
  const auto slot =
      limiter_.reserve(bucket, failed_sign_ins_per_account);  // counted before checking
  if (slot.wait > 0) return Error::of(Failure::busy, wait_message(slot.wait));
  auto stored = store_.find_stored(user_id);
  if (!stored || !stored->user.totp_enabled) return Error::invalid("code", "Deze code klopt niet.");
  bool ok = db_.transact([&](soci::session& sql) {
    if (auto step = totp_step(stored->totp_secret, code, clock_.now())) {
      if (!UserStore::use_totp_step(sql, user_id, *step)) return false;  // replayed
    } else if (!UserStore::use_recovery_code(sql, user_id, code, clock_.now())) {
      return false;
    }
    audit(sql, user_id, stored->user.email, "sign_in", "user:" + std::to_string(user_id),
          "second factor", origin);
    return true;
  });
  if (!ok) {  // the reserved event stays: it is the counted failure
    db_.transact([&](soci::session& sql) {
      audit(sql, user_id, "", "sign_in_failed", "user:" + std::to_string(user_id), "second factor",
            origin);
    });
    return Error::invalid(
        "code", "Deze code klopt niet of werd al gebruikt. Gebruik de nieuwste code uit je app.");
  }
  limiter_.clear(bucket);
  return stored->user;
}

Status AccountService::request_sign_in_link(const std::string& raw_email, const Origin& origin) {
  const std::string email = normalise_email(raw_email);
  FieldErrors errors;
  check_email(errors, "email", email);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto limited = rate_limited_mail(email, origin); !limited) return limited;
  auto stored = store_.find_by_email(email);
  if (!stored || stored->user.status != "active") return ok_status();  // same answer either way
  db_.transact([&](soci::session& sql) {
    const std::string token = UserStore::create_token(sql, stored->user.id, "sign_in_link", "",
                                                      clock_.now(), sign_in_link_ttl);
    send(sql, email, "mail_sign_in_link",
         {{"name", stored->user.display_name},
          {"link", "/aanmelden/link/gebruiken?token=" + token},
          {"minutes", 15}});
  });
  return ok_status();
}

Result<SignInStep> AccountService::use_sign_in_link(const std::string& token,
                                                    const Origin& origin) {
  auto user_id = db_.transact([&](soci::session& sql) -> std::optional<std::int64_t> {
    auto use = UserStore::consume_token(sql, token, "sign_in_link", clock_.now());
    if (!use) return std::nullopt;
    audit(sql, use->user_id, "", "sign_in_link_used", "user:" + std::to_string(use->user_id), "",
          origin);
    return use->user_id;
  });
  if (!user_id)
    return Error::invalid("token",
                          "Deze aanmeldlink is ongeldig, al gebruikt of verlopen (na 15 minuten). "
                          "Vraag een nieuwe aan.");
  auto user = store_.find_by_id(*user_id);
  if (!user) return Error::invalid("token", "Dit account bestaat niet meer.");
  return SignInStep{*user, user->totp_enabled};
}

Status AccountService::request_reset(const std::string& raw_email, const Origin& origin) {
  const std::string email = normalise_email(raw_email);
  FieldErrors errors;
  check_email(errors, "email", email);
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto limited = rate_limited_mail(email, origin); !limited) return limited;
  auto stored = store_.find_by_email(email);
  if (!stored) return ok_status();
  db_.transact([&](soci::session& sql) {
    const std::string token =
        UserStore::create_token(sql, stored->user.id, "reset", "", clock_.now(), reset_ttl);
    send(sql, email, "mail_reset",
         {{"name", stored->user.display_name},
          {"link", "/wachtwoord-herstellen?token=" + token},
          {"minutes", 30}});
  });
  return ok_status();
}

Result<User> AccountService::reset_password(const std::string& token, const std::string& password,
                                            const Origin& origin) {
  auto peeked = peek(token, "reset");
  if (!peeked)
    return Error::invalid("token",
                          "Deze herstellink is ongeldig, al gebruikt of verlopen (na 30 minuten). "
                          "Vraag een nieuwe aan.");
  if (auto policy = check_password_policy(password, peeked->email); !policy) return policy.error();
  const std::string hash = hash_password(password);
  auto user_id = db_.transact([&](soci::session& sql) -> std::optional<std::int64_t> {
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
    auto use = UserStore::consume_token(sql, token, "reset", clock_.now());
    if (!use) return std::nullopt;
    UserStore::set_password_hash(sql, use->user_id, hash);
    UserStore::set_status(sql, use->user_id, "active");  // the link proves the address
    web::SessionStore::end_all_for_user(sql, use->user_id);
    audit(sql, use->user_id, "", "password_reset", "user:" + std::to_string(use->user_id),
          "all sessions ended", origin);
    return use->user_id;
  });
  if (!user_id)
    return Error::invalid(
        "token", "Deze herstellink is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.");
  return *store_.find_by_id(*user_id);
}

}  // namespace schakel::accounts
