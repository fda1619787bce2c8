// A signed-in user's own account: profile, password, e-mail address and
// deletion (contracts in service.hpp).
#include "accounts/service.hpp"

#include <nlohmann/json.hpp>

#include "accounts/checks.hpp"
#include "accounts/password.hpp"
#include "core/text.hpp"
#include "web/sessions.hpp"

namespace schakel::accounts {

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
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
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
      web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
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
    web::SessionStore::note_account_change(sql);  // first: the lock order (web/sessions.hpp)
    UserStore::remove(sql, user_id);
    audit(sql, std::nullopt, "", "account_deleted", "user:" + std::to_string(user_id), "", origin);
  });
  return ok_status();
}

}  // namespace schakel::accounts
