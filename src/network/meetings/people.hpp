#pragma once
// The people of meetings as accounts knows them (through accounts/roles.hpp):
// names and addresses of the invited and the SPOCs of invited municipalities.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/role.hpp"

namespace schakel::meetings {

struct Person {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  Role role = Role::professional;
  std::string nis_code;  // home municipality
  std::vector<std::string> spoc_of;
};

// The account `id` with its role on `now`, or nullopt.
std::optional<Person> person(soci::session& sql, std::int64_t id, std::int64_t now);
// The account with `email` (any case), or nullopt.
std::optional<Person> person_by_email(soci::session& sql, const std::string& email,
                                      std::int64_t now);
// The SPOCs of `nis_code` on `now` (assigned to it while it is a member).
std::vector<std::int64_t> spocs_of(soci::session& sql, const std::string& nis_code,
                                   std::int64_t now);

}  // namespace schakel::meetings
