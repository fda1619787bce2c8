#include "accounts/service.hpp"

#include <algorithm>

#include "accounts/password.hpp"
#include "web/form.hpp"

namespace schakel::accounts {

bool is_known_role(const std::string& role) {
  return role == "professional" || role == "spoc" || role == "coordinator" || role == "admin";
}

std::string normalise_email(const std::string& email) {
  auto first = email.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  auto last = email.find_last_not_of(" \t\r\n");
  std::string out = email.substr(first, last - first + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool plausible_email(const std::string& email) {
  if (email.size() > 254 || email.size() < 3) return false;
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos)
    return false;
  auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == email.size()) return false;
  for (unsigned char c : email)
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == 0x7F)
      return false;
  return web::valid_utf8(email);
}

std::string safe_next(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.size() > 1000) return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (unsigned char c : next)
    if (c < 0x20 || c == 0x7F) return "/";
  return next;
}

Result<User> AccountService::create_user(NewUser user) {
  FieldErrors errors;
  user.email = normalise_email(user.email);
  if (user.email.empty())
    errors.push_back({"email", "Vul een e-mailadres in."});
  else if (!plausible_email(user.email))
    errors.push_back({"email", "Dit e-mailadres is niet geldig."});
  if (user.display_name.empty() || user.display_name.size() > 200 ||
      !web::valid_utf8(user.display_name))
    errors.push_back({"display_name", "Vul een naam in van hoogstens 200 tekens."});
  if (auto policy = check_password_policy(user.password); !policy)
    errors.push_back(policy.error().fields.front());
  if (!is_known_role(user.role)) errors.push_back({"role", "Kies een bestaande rol."});
  if (user.role == "spoc" && user.nis_code.empty())
    errors.push_back({"nis_code", "Een SPOC hoort bij een gemeente."});
  if (!errors.empty()) return Error{Failure::invalid, errors};

  const std::string hash = hash_password(user.password);
  try {
    const std::int64_t now = clock_.now();
    const std::int64_t id =
        db_.transact([&](soci::session& sql) { return UserStore::insert(sql, user, hash, now); });
    return User{id, user.email, user.display_name, user.role, user.nis_code, user.is_demo, now};
  } catch (const store::StoreError& e) {
    if (e.kind() == store::ErrorKind::conflict)
      return Error::invalid(
          "email", "Er bestaat al een account met dit e-mailadres, of de gemeente is onbekend.");
    throw;
  }
}

Result<User> AccountService::sign_in(const std::string& email, const std::string& password,
                                     bool allow_demo) {
  static const std::string generic = "Het e-mailadres of het wachtwoord klopt niet.";
  // A hash to verify against when there is no account, so both cases cost the same time.
  static const std::string dummy = hash_password("geen-account-voor-dit-adres");
  const std::string key = normalise_email(email);
  if (key.empty() || password.empty() || password.size() > 4096) return Error::invalid("", generic);
  auto stored = store_.find_by_email(key);
  const bool matches = verify_password(stored ? stored->password_hash : dummy, password);
  if (!stored || !matches) return Error::invalid("", generic);
  if (stored->user.is_demo && !allow_demo)
    return Error::invalid("", "Demo-accounts kunnen alleen aanmelden op een demo-installatie.");
  return stored->user;
}

}  // namespace schakel::accounts
