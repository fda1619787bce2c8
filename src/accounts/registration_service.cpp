// Sign-up and confirmation by e-mail (contracts in service.hpp).
#include "accounts/service.hpp"

#include <nlohmann/json.hpp>

#include "accounts/checks.hpp"
#include "accounts/password.hpp"
#include "core/client_key.hpp"
#include "core/text.hpp"
#include "core/wait.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

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
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
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

}  // namespace schakel::accounts
