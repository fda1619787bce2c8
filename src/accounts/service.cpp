#include "accounts/service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "accounts/password.hpp"
#include "accounts/totp.hpp"
#include "audit/audit.hpp"
#include "core/client_key.hpp"
#include "core/email.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "core/wait.hpp"
#include "web/form.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

namespace {

const char* const generic_sign_in_error = "Het e-mailadres of het wachtwoord klopt niet.";

// Checks a free-text field: required or not, at most `max` bytes, valid UTF-8, no control
// characters.
void check_text(FieldErrors& errors, const std::string& field, const std::string& value,
                std::size_t max, bool required, const std::string& label) {
  if (required && value.empty()) {
    errors.push_back({field, "Vul " + label + " in."});
    return;
  }
  if (value.size() > max) {
    errors.push_back(
        {field, "Gebruik voor " + label + " hoogstens " + std::to_string(max) + " tekens."});
    return;
  }
  bool control = false;
  for (unsigned char c : value) control = control || c < 0x20 || c == 0x7F;
  if (!web::valid_utf8(value) || control)
    errors.push_back({field, "Er staan ongeldige tekens in " + label + "."});
}

void check_email(FieldErrors& errors, const std::string& field, const std::string& email) {
  if (email.empty())
    errors.push_back({field, "Vul een e-mailadres in."});
  else if (!plausible_email(email))
    errors.push_back({field, "Dit e-mailadres is niet geldig. Een voorbeeld: naam@gemeente.be"});
}

std::vector<std::string> new_recovery_codes() {
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) {
    std::string hex = random_hex(5);  // 10 hex digits, shown as xxxxx-xxxxx
    codes.push_back(hex.substr(0, 5) + "-" + hex.substr(5));
  }
  return codes;
}

}  // namespace

std::string normalise_email(const std::string& email) {
  std::string out = trim(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool plausible_email(const std::string& email) { return valid_email_address(email); }

std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.size() > 1000) return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (unsigned char c : next)
    if (c < 0x20 || c == 0x7F) return "/";
  return next;
}

void AccountService::send(soci::session& sql, const std::string& to, const std::string& name,
                          const nlohmann::json& model) {
  if (!composer_) return;  // command line and tests without mail
  mail::enqueue(sql, composer_(to, name, model), clock_.now());
}

void AccountService::audit(soci::session& sql, std::optional<std::int64_t> actor,
                           const std::string& label, const std::string& action,
                           const std::string& object, const std::string& detail,
                           const Origin& origin) {
  audit::record(sql,
                audit::Entry{0, clock_.now(), actor, label, action, object, detail, origin.ip});
}

Result<User> AccountService::create_user(NewUser user) {
  FieldErrors errors;
  user.email = normalise_email(user.email);
  check_email(errors, "email", user.email);
  check_text(errors, "display_name", user.display_name, 200, true, "een naam");
  if (auto policy = check_password_policy(user.password, user.email); !policy)
    errors.push_back(policy.error().fields.front());
  if (user.role == Role::spoc && user.nis_code.empty())
    errors.push_back({"nis_code", "Een SPOC hoort bij een gemeente."});
  if (!errors.empty()) return Error{Failure::invalid, errors};

  const std::string hash = hash_password(user.password);
  try {
    const std::int64_t now = clock_.now();
    const std::int64_t id =
        db_.transact([&](soci::session& sql) { return UserStore::insert(sql, user, hash, now); });
    auto created = store_.find_by_id(id);
    return *created;
  } catch (const store::StoreError& e) {
    if (e.kind() == store::ErrorKind::conflict)
      return Error::invalid(
          "email", "Er bestaat al een account met dit e-mailadres, of de gemeente is onbekend.");
    throw;
  }
}

Status AccountService::sign_up(const SignUp& form, const Origin& origin) {
  FieldErrors errors;
  const std::string email = normalise_email(form.email);
  check_email(errors, "email", email);
  check_text(errors, "display_name", trim(form.display_name), 200, true, "je naam");
  check_text(errors, "organisation", trim(form.organisation), 200, true, "je organisatie");
  if (!is_known_sector(form.sector)) errors.push_back({"sector", "Kies een sector."});
  check_text(errors, "sector_detail", trim(form.sector_detail), 200, form.sector == "other",
             "je sector");
  if (!is_known_track(form.track)) errors.push_back({"track", "Kies een spoor."});
  if (auto policy = check_password_policy(form.password, email); !policy)
    errors.push_back(policy.error().fields.front());
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto slot = limiter_.reserve("signup:ip:" + client_key(origin.ip), sign_ups_per_ip);
      slot.wait > 0)
    return Error::of(Failure::busy, wait_message(slot.wait));

  const std::string hash = hash_password(form.password);
  const std::int64_t now = clock_.now();
  auto existing = store_.find_by_email(email);
  db_.transact([&](soci::session& sql) {
    if (existing && existing->user.status == "pending") {
      // Never confirmed (perhaps the link expired): a fresh link to the same address.
      const std::string token =
          UserStore::create_token(sql, existing->user.id, "confirm", "", now, confirm_ttl);
      send(sql, email, "mail_confirm",
           {{"name", existing->user.display_name}, {"link", "/bevestigen?token=" + token}});
      return;
    }
    if (existing) {
      // The owner of the address learns someone tried; the visitor learns nothing.
      send(sql, email, "mail_already_registered",
           {{"name", existing->user.display_name}, {"link", "/aanmelden"}});
      return;
    }
    NewUser user{
        email,    trim(form.display_name), form.password, Role::professional,       "",
        false,    trim(form.organisation), form.sector,   trim(form.sector_detail), form.track,
        "pending"};
    const std::int64_t id = UserStore::insert(sql, user, hash, now);
    const std::string token = UserStore::create_token(sql, id, "confirm", "", now, confirm_ttl);
    send(sql, email, "mail_confirm",
         {{"name", user.display_name}, {"link", "/bevestigen?token=" + token}});
    audit(sql, id, email, "sign_up", "user:" + std::to_string(id), "", origin);
  });
  return ok_status();
}

std::optional<User> AccountService::peek(const std::string& token, const std::string& purpose) {
  auto use = store_.peek_token(token, purpose, clock_.now());
  if (!use) return std::nullopt;
  return store_.find_by_id(use->user_id);
}

Result<User> AccountService::confirm(const std::string& token, const Origin& origin) {
  auto user_id = db_.transact([&](soci::session& sql) -> std::optional<std::int64_t> {
    auto use = UserStore::consume_token(sql, token, "confirm", clock_.now());
    if (!use) return std::nullopt;
    UserStore::set_status(sql, use->user_id, "active");
    audit(sql, use->user_id, "", "email_confirmed", "user:" + std::to_string(use->user_id), "",
          origin);
    return use->user_id;
  });
  if (!user_id)
    return Error::invalid("token",
                          "Deze bevestigingslink is ongeldig, al gebruikt of verlopen. Vraag een "
                          "nieuwe aan door opnieuw te registreren of aan te melden.");
  return *store_.find_by_id(*user_id);
}

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

Result<AccountService::PasswordAttempt> AccountService::reserve_password_attempt(
    const std::string& email, const Origin& origin) {
  const std::string account = sha256_hex(email);
  PasswordAttempt attempt{"signin:account-ip:" + account + ":" + client_key(origin.ip), {}, {}};
  struct Bucket {
    std::string name;
    store::RateRule rule;
    bool cleared;  // the per-pair events are cleared on success; the others released
    const char* hint;
  };
  const Bucket buckets[] = {
      {attempt.pair_bucket, failed_sign_ins_per_account, true, ""},
      {"signin:account:" + account, failed_sign_ins_per_account_total, false,
       " Je kan intussen aanmelden met een link per mail."},
      {"signin:ip:" + client_key(origin.ip), failed_sign_ins_per_ip, false, ""},
  };
  // An address this account signed in from during the last day is the owner's:
  // the account-wide brake does not apply to it.
  attempt.known_bucket = "signin:known:" + account + ":" + client_key(origin.ip);
  const bool known = limiter_.wait_seconds(attempt.known_bucket, store::RateRule{1, 86400}) > 0;
  std::vector<std::int64_t> taken;
  for (const auto& b : buckets) {
    if (known && &b == &buckets[1]) continue;
    const auto slot = limiter_.reserve(b.name, b.rule);
    if (slot.wait > 0) {
      for (auto id : taken) limiter_.release(id);
      return Error::of(Failure::busy, wait_message(slot.wait) + b.hint);
    }
    taken.push_back(slot.id);
    if (!b.cleared) attempt.reserved.push_back(slot.id);
  }
  return attempt;
}

void AccountService::password_accepted(const PasswordAttempt& attempt) {
  for (auto id : attempt.reserved) limiter_.release(id);
  limiter_.clear(attempt.pair_bucket);
  limiter_.clear(attempt.known_bucket);
  limiter_.hit(attempt.known_bucket);
}

Status AccountService::recheck_password(const StoredUser& stored, const std::string& password,
                                        const std::string& field, const std::string& action,
                                        const Origin& origin) {
  auto attempt = reserve_password_attempt(stored.user.email, origin);
  if (!attempt) {
    db_.transact([&](soci::session& sql) {
      audit(sql, stored.user.id, stored.user.email, "password_recheck_refused",
            "user:" + std::to_string(stored.user.id), action, origin);
    });
    return attempt.error();
  }
  if (!verify_password(stored.password_hash, password)) {  // the reserved events stay
    db_.transact([&](soci::session& sql) {
      audit(sql, stored.user.id, stored.user.email, "password_recheck_failed",
            "user:" + std::to_string(stored.user.id), action, origin);
    });
    return Error::invalid(field, "Je wachtwoord klopt niet.");
  }
  password_accepted(attempt.value());
  return ok_status();
}

Status AccountService::rate_limited_mail(const std::string& email, const Origin& origin) {
  // Reserved (counted) first, so parallel requests cannot all pass.
  const auto ip_slot = limiter_.reserve("mail:ip:" + client_key(origin.ip), mails_per_ip);
  if (ip_slot.wait > 0) return Error::of(Failure::busy, wait_message(ip_slot.wait));
  const auto address_slot = limiter_.reserve("mail:to:" + sha256_hex(email), mails_per_address);
  if (address_slot.wait > 0) {
    limiter_.release(ip_slot.id);
    return Error::of(Failure::busy, wait_message(address_slot.wait));
  }
  return ok_status();
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

Result<User> AccountService::update_profile(std::int64_t user_id, const ProfileChange& change) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  FieldErrors errors;
  User u = stored->user;
  u.display_name = trim(change.display_name);
  u.organisation = trim(change.organisation);
  u.sector = change.sector;
  u.sector_detail = trim(change.sector_detail);
  u.track = change.track;
  u.notify_digest = change.notify_digest;
  u.notify_trainings = change.notify_trainings;
  check_text(errors, "display_name", u.display_name, 200, true, "je naam");
  check_text(errors, "organisation", u.organisation, 200, false, "je organisatie");
  if (!u.sector.empty() && !is_known_sector(u.sector))
    errors.push_back({"sector", "Kies een sector."});
  check_text(errors, "sector_detail", u.sector_detail, 200, false, "je sector");
  if (!u.track.empty() && !is_known_track(u.track)) errors.push_back({"track", "Kies een spoor."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  db_.transact([&](soci::session& sql) { UserStore::update_profile(sql, u); });
  return u;
}

Status AccountService::change_password(std::int64_t user_id, const std::string& current,
                                       const std::string& next,
                                       const std::string& keep_session_hash, const Origin& origin) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  if (auto policy = check_password_policy(next, stored->user.email); !policy) return policy.error();
  if (auto checked =
          recheck_password(*stored, current, "current_password", "change_password", origin);
      !checked) {
    if (checked.error().failure == Failure::invalid)
      return Error::invalid("current_password", "Je huidige wachtwoord klopt niet.");
    return checked;
  }
  const std::string hash = hash_password(next);
  db_.transact([&](soci::session& sql) {
    UserStore::set_password_hash(sql, user_id, hash);
    web::SessionStore::end_others_for_user(sql, user_id, keep_session_hash);
    audit(sql, user_id, stored->user.email, "password_changed", "user:" + std::to_string(user_id),
          "", origin);
  });
  return ok_status();
}

Status AccountService::request_email_change(std::int64_t user_id, const std::string& raw_email,
                                            const std::string& password, const Origin& origin) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  const std::string email = normalise_email(raw_email);
  FieldErrors errors;
  check_email(errors, "new_email", email);
  if (errors.empty() && email == stored->user.email)
    errors.push_back({"new_email", "Dit is al je e-mailadres."});
  if (!errors.empty()) return Error{Failure::invalid, errors};
  if (auto checked =
          recheck_password(*stored, password, "email_password", "request_email_change", origin);
      !checked)
    return checked;
  if (auto limited = rate_limited_mail(email, origin); !limited) return limited;
  db_.transact([&](soci::session& sql) {
    const std::string token = UserStore::create_token(sql, user_id, "email_change", email,
                                                      clock_.now(), email_change_ttl);
    send(sql, email, "mail_email_change",
         {{"name", stored->user.display_name},
          {"link", "/profiel/e-mail/bevestigen?token=" + token}});
  });
  return ok_status();
}

Result<User> AccountService::confirm_email_change(const std::string& token, const Origin& origin) {
  try {
    auto user_id = db_.transact([&](soci::session& sql) -> std::optional<std::int64_t> {
      auto use = UserStore::consume_token(sql, token, "email_change", clock_.now());
      if (!use) return std::nullopt;
      UserStore::set_email(sql, use->user_id, use->payload);
      audit(sql, use->user_id, "", "email_changed", "user:" + std::to_string(use->user_id), "",
            origin);
      return use->user_id;
    });
    if (!user_id)
      return Error::invalid("token", "Deze bevestigingslink is ongeldig, al gebruikt of verlopen.");
    return *store_.find_by_id(*user_id);
  } catch (const store::StoreError& e) {
    if (e.kind() == store::ErrorKind::conflict)
      return Error::invalid("token",
                            "Dit e-mailadres is intussen in gebruik door een ander account.");
    throw;
  }
}

Status AccountService::delete_account(std::int64_t user_id, const std::string& password,
                                      const Origin& origin) {
  auto stored = store_.find_stored(user_id);
  if (!stored) return Error::of(Failure::not_found);
  if (stored->user.role == Role::coordinator)
    return Error::invalid("",
                          "Draag eerst de rol van coördinator over aan iemand anders; daarna kan "
                          "je je account verwijderen.");
  if (auto checked = recheck_password(*stored, password, "password", "delete_account", origin);
      !checked)
    return checked;
  db_.transact([&](soci::session& sql) {
    UserStore::remove(sql, user_id);
    audit(sql, std::nullopt, "", "account_deleted", "user:" + std::to_string(user_id), "", origin);
  });
  return ok_status();
}

std::string AccountService::pending_totp_secret(std::int64_t user_id) {
  // The pending secret is the payload of the newest unused enrolment token.
  std::string secret;
  db_.run([&](soci::session& sql) {
    long long id = user_id, now = clock_.now();
    soci::indicator ind = soci::i_null;
    sql << "SELECT payload FROM account_tokens WHERE user_id = :u AND purpose = 'totp_enrol' AND "
           "used_at IS NULL AND expires_at > :n ORDER BY created_at DESC LIMIT 1",
        soci::use(id), soci::use(now), soci::into(secret, ind);
    if (ind != soci::i_ok) secret.clear();
  });
  return secret;
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
    long long id = user_id;
    // Keep an enabled factor working until the new one is confirmed.
    if (!stored->user.totp_enabled) UserStore::set_totp(sql, user_id, secret, false);
    sql << "DELETE FROM account_tokens WHERE user_id = :u AND purpose = 'totp_enrol'",
        soci::use(id);
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
    long long id = user_id;
    UserStore::set_totp(sql, user_id, secret, true);
    UserStore::use_totp_step(sql, user_id, *step);
    UserStore::replace_recovery_codes(sql, user_id, codes);
    sql << "UPDATE account_tokens SET used_at = 0 WHERE user_id = :u AND purpose = 'totp_enrol'",
        soci::use(id);
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
    UserStore::set_totp(sql, user_id, "", false);
    UserStore::replace_recovery_codes(sql, user_id, {});
    audit(sql, user_id, stored->user.email, "totp_disabled", "user:" + std::to_string(user_id), "",
          origin);
  });
  return ok_status();
}

Status AccountService::change_role(std::int64_t actor_id, std::int64_t user_id,
                                   const std::string& role_text, const Origin& origin) {
  const auto parsed = parse_role(role_text);
  if (!parsed) return Error::invalid("role", "Kies een bestaande rol.");
  const Role role = *parsed;
  auto target = store_.find_stored(user_id);
  if (!target) return Error::of(Failure::not_found);
  if (role == Role::coordinator)
    return Error::invalid(
        "role", "De rol van coördinator wordt overgedragen via de netwerkpagina, niet hier.");
  if (target->user.role == Role::coordinator)
    return Error::invalid("role", "Draag de rol van coördinator eerst over via de netwerkpagina.");
  if (actor_id == user_id && role != Role::admin)
    return Error::invalid("role", "Je kan je eigen beheerdersrol niet afnemen.");
  auto actor = store_.find_by_id(actor_id);
  db_.transact([&](soci::session& sql) {
    UserStore::set_role(sql, user_id, role);
    audit(
        sql, actor_id, actor ? actor->email : "", "role_changed", "user:" + std::to_string(user_id),
        std::string(role_name(target->user.role)) + " -> " + std::string(role_name(role)), origin);
  });
  return ok_status();
}

}  // namespace schakel::accounts
