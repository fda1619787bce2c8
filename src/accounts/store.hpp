#pragma once
// SQL of accounts: users, one-time tokens, recovery codes, SPOC assignments.
#include <optional>
#include <string>
#include <vector>

#include "accounts/types.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::accounts {

struct StoredUser {
  User user;
  std::string password_hash;
  std::string totp_secret;
  std::int64_t totp_last_step = 0;
};

struct TokenUse {
  std::int64_t user_id = 0;
  std::string payload;
};

class UserStore {
 public:
  // `clock` says when "now" is for a SPOC's municipalities (see spoc_municipalities).
  UserStore(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  std::optional<StoredUser> find_by_email(const std::string& email);
  std::optional<StoredUser> find_stored(std::int64_t id);
  std::optional<User> find_by_id(std::int64_t id);
  // Every user, by name (for the admin page).
  std::vector<User> all();

  // Inserts and returns the new id; a SPOC's nis_code is also its first SPOC
  // assignment. Throws StoreError(conflict) for a taken e-mail.
  static std::int64_t insert(soci::session& sql, const NewUser& user,
                             const std::string& password_hash, std::int64_t now);
  static std::optional<StoredUser> find_stored(soci::session& sql, std::int64_t id,
                                               std::int64_t now);
  // The account with e-mail `email` (as stored: lower-case), its role derived on
  // `now` as in find_stored; nullopt when there is none. For other features,
  // inside their own transaction (network: assigning a SPOC, handing over the lead).
  static std::optional<StoredUser> find_by_email(soci::session& sql, const std::string& email,
                                                 std::int64_t now);
  static void update_profile(soci::session& sql, const User& user);
  static void set_password_hash(soci::session& sql, std::int64_t user_id, const std::string& hash);
  static void set_status(soci::session& sql, std::int64_t user_id, const std::string& status);
  static void set_email(soci::session& sql, std::int64_t user_id, const std::string& email);
  static void set_role(soci::session& sql, std::int64_t user_id, Role role);
  // Sets the role to `to` only when the stored role is `from`; true when it changed.
  static bool change_role(soci::session& sql, std::int64_t user_id, Role from, Role to);
  // The municipality the account belongs to (the coordinator's lead municipality).
  static void set_municipality(soci::session& sql, std::int64_t user_id,
                               const std::string& nis_code);
  static void set_totp(soci::session& sql, std::int64_t user_id, const std::string& secret,
                       bool enabled);
  // Records the TOTP step used; false when it was not newer than the last one (a replay).
  static bool use_totp_step(soci::session& sql, std::int64_t user_id, std::int64_t step);
  // Deletes the account and ends its sessions.
  static void remove(soci::session& sql, std::int64_t user_id);
  // Deletes the demo accounts and ends their sessions (demo --force).
  static void delete_demo(soci::session& sql);

  static void add_spoc_municipality(soci::session& sql, std::int64_t user_id,
                                    const std::string& nis_code);
  // True when the removal found the assignment.
  static bool remove_spoc_municipality(soci::session& sql, std::int64_t user_id,
                                       const std::string& nis_code);
  static void remove_all_spoc_municipalities(soci::session& sql, std::int64_t user_id);
  // True when `user_id` is assigned to any municipality, member or not.
  bool has_any_spoc_municipality(std::int64_t user_id);
  // How long a principal of `user_id` read at `at` stays what it is without a
  // write: nullopt in `until` when it never changes by date alone; for an
  // account assigned to municipalities, the next instant a membership of one of
  // them starts or ends (through the network's MembershipChangeFinder of
  // accounts/roles.hpp). `known` is false when it cannot be told (assigned, but
  // no finder was provided): then the principal must not be cached.
  struct DateBound {
    bool known = true;
    std::optional<std::int64_t> until;
  };
  DateBound spoc_date_bound(std::int64_t user_id, std::int64_t at);
  // True when `user_id` is assigned to `nis_code`, member or not.
  static bool has_spoc_municipality(soci::session& sql, std::int64_t user_id,
                                    const std::string& nis_code);
  // The accounts assigned to `nis_code`, member or not.
  static std::vector<std::int64_t> spocs_of(soci::session& sql, const std::string& nis_code);
  // The municipalities a SPOC speaks for on `at`: assigned and a member then (the
  // network's definition, through the MemberFilter of accounts/roles.hpp). The
  // users read here carry a derived role: a "spoc" with none of these is a
  // professional.
  static std::vector<std::string> spoc_municipalities(soci::session& sql, std::int64_t user_id,
                                                      std::int64_t at);

  // The payload of the newest unused, unexpired token of `purpose` for `user_id`
  // (a pending second-factor secret), or "" when there is none.
  static std::string pending_payload(soci::session& sql, std::int64_t user_id,
                                     const std::string& purpose, std::int64_t now);
  // Deletes every token of `purpose` for `user_id` (a new enrolment replaces the old).
  static void delete_tokens(soci::session& sql, std::int64_t user_id, const std::string& purpose);
  // Marks every token of `purpose` for `user_id` used (the enrolment is confirmed).
  static void use_tokens(soci::session& sql, std::int64_t user_id, const std::string& purpose);
  // Deletes one-time tokens that expired before `before` (retention).
  static void purge_expired_tokens(soci::session& sql, std::int64_t before);
  // One-time tokens: only the SHA-256 of the token is stored.
  static std::string create_token(soci::session& sql, std::int64_t user_id,
                                  const std::string& purpose, const std::string& payload,
                                  std::int64_t now, std::int64_t ttl_seconds);
  // Marks the token used and returns its owner, or nullopt when unknown, used,
  // expired or of another purpose.
  static std::optional<TokenUse> consume_token(soci::session& sql, const std::string& token,
                                               const std::string& purpose, std::int64_t now);
  // The owner of a valid token without using it (to show the confirmation page).
  std::optional<TokenUse> peek_token(const std::string& token, const std::string& purpose,
                                     std::int64_t now);

  static void replace_recovery_codes(soci::session& sql, std::int64_t user_id,
                                     const std::vector<std::string>& codes);
  // Uses a recovery code; false when it is unknown or used.
  static bool use_recovery_code(soci::session& sql, std::int64_t user_id, const std::string& code,
                                std::int64_t now);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::accounts
