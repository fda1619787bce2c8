#pragma once
// SQL of accounts.
#include <optional>
#include <string>

#include "accounts/types.hpp"
#include "store/database.hpp"

namespace schakel::accounts {

struct StoredUser {
  User user;
  std::string password_hash;
};

class UserStore {
 public:
  explicit UserStore(store::Database& db) : db_(db) {}

  std::optional<StoredUser> find_by_email(const std::string& email);
  std::optional<User> find_by_id(std::int64_t id);
  // Inserts and returns the new id. Throws StoreError(conflict) for a taken e-mail.
  static std::int64_t insert(soci::session& sql, const NewUser& user,
                             const std::string& password_hash, std::int64_t now);

 private:
  store::Database& db_;
};

}  // namespace schakel::accounts
