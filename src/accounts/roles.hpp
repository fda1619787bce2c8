#pragma once
// What features above accounts may change in accounts' tables: a user's role and
// SPOC assignments, inside the caller's transaction. The network decides who is
// a SPOC or the coordinator; accounts owns the rows (users, spoc_municipalities)
// and writes them. Other features include this header, never accounts/store.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/store.hpp"

namespace schakel::accounts {

// Which of `nis_codes` are member municipalities of the network at `at`, in the
// given order. Memberships are the network feature's data, and network sits above
// accounts: it changes roles and SPOC assignments through Roles, so accounts may
// not include network. Network provides the answer through this seam instead, from
// its install() (network::install provides NetworkStore::members_among); loading a
// SPOC throws std::logic_error when nothing was provided.
using MemberFilter = std::vector<std::string> (*)(soci::session& sql,
                                                  const std::vector<std::string>& nis_codes,
                                                  std::int64_t at);
void provide_member_filter(MemberFilter filter);

// The earliest instant after `after` at which a membership of one of
// `nis_codes` starts or ends (its member_since or member_until), or none. A
// SPOC's principal reads the same until then unless something is written, so
// it may be cached until then (web::Principal::cached_until). Provided by the
// network beside the MemberFilter; a SPOC's principal is not cached without it.
using MembershipChangeFinder = std::optional<std::int64_t> (*)(
    soci::session& sql, const std::vector<std::string>& nis_codes, std::int64_t after);
void provide_membership_change_finder(MembershipChangeFinder finder);

// The role and SPOC-assignment writes of UserStore that other features may use,
// and the reads of one account those decisions need (contracts in
// accounts/store.hpp). Never constructed: static functions only.
class Roles : UserStore {
 public:
  Roles() = delete;
  using UserStore::add_spoc_municipality;
  using UserStore::change_role;
  using UserStore::find_by_email;
  using UserStore::find_stored;
  using UserStore::has_spoc_municipality;
  using UserStore::remove_all_spoc_municipalities;
  using UserStore::remove_spoc_municipality;
  using UserStore::set_municipality;
  using UserStore::set_role;
  using UserStore::spoc_municipalities;
  using UserStore::spocs_of;
};

}  // namespace schakel::accounts
