// What the account services share: address rules, the field checks, mail and
// audit records, the password and mail rate limits, and the accounts an
// administrator makes or changes (create_user, change_role). The flows live
// beside it: registration_service.cpp (sign-up and confirmation),
// sign_in_service.cpp (password, link, second step, reset), profile_service.cpp
// (profile, password and address changes, deletion) and
// second_factor_service.cpp (TOTP enrolment). Contracts: service.hpp.
#include "accounts/service.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "accounts/checks.hpp"
#include "accounts/password.hpp"
#include "audit/audit.hpp"
#include "core/client_key.hpp"
#include "core/email.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "core/wait.hpp"
#include "web/form.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

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
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
    UserStore::set_role(sql, user_id, role);
    audit(
        sql, actor_id, actor ? actor->email : "", "role_changed", "user:" + std::to_string(user_id),
        std::string(role_name(target->user.role)) + " -> " + std::string(role_name(role)), origin);
  });
  return ok_status();
}

}  // namespace schakel::accounts
