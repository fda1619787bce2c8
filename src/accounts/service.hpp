#pragma once
// Rules of accounts: creating users and signing in.
#include <string>

#include "accounts/store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace schakel::accounts {

class AccountService {
 public:
  AccountService(store::Database& db, const Clock& clock) : db_(db), store_(db), clock_(clock) {}

  // Creates an account. Field errors: "email" (missing, malformed, too long,
  // taken), "display_name", "password" (policy), "role", "nis_code".
  Result<User> create_user(NewUser user);

  // Checks e-mail and password. The one error (field "") never says whether the
  // address has an account. Demo accounts sign in only with `allow_demo`.
  Result<User> sign_in(const std::string& email, const std::string& password, bool allow_demo);

 private:
  store::Database& db_;
  UserStore store_;
  const Clock& clock_;
};

// Lower-cases and trims an e-mail address.
std::string normalise_email(const std::string& email);
// A plausible address: one '@', a dot in the domain, no spaces, at most 254 bytes.
bool plausible_email(const std::string& email);
// A local redirect target: "/..." but not "//..." or "/\...", else "/".
std::string safe_next(const std::string& next);

}  // namespace schakel::accounts
