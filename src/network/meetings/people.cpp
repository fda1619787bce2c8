#include "network/meetings/people.hpp"

#include <algorithm>

#include "accounts/roles.hpp"
#include "core/text.hpp"

namespace schakel::meetings {

namespace {

Person person_of(soci::session& sql, const accounts::StoredUser& stored, std::int64_t now) {
  const auto& u = stored.user;
  Person p{u.id, u.display_name, u.email, u.role, u.nis_code, {}};
  if (u.role == Role::spoc) p.spoc_of = accounts::Roles::spoc_municipalities(sql, u.id, now);
  return p;
}

}  // namespace

std::optional<Person> person(soci::session& sql, std::int64_t id, std::int64_t now) {
  auto stored = accounts::Roles::find_stored(sql, id, now);
  if (!stored) return std::nullopt;
  return person_of(sql, *stored, now);
}

std::optional<Person> person_by_email(soci::session& sql, const std::string& email,
                                      std::int64_t now) {
  std::string lower = trim(email);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto stored = accounts::Roles::find_by_email(sql, lower, now);
  if (!stored) return std::nullopt;
  return person_of(sql, *stored, now);
}

std::vector<std::int64_t> spocs_of(soci::session& sql, const std::string& nis_code,
                                   std::int64_t now) {
  std::vector<std::int64_t> out;
  for (const auto id : accounts::Roles::spocs_of(sql, nis_code)) {
    const auto towns = accounts::Roles::spoc_municipalities(sql, id, now);
    if (std::find(towns.begin(), towns.end(), nis_code) != towns.end()) out.push_back(id);
  }
  return out;
}

}  // namespace schakel::meetings
