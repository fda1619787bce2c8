#pragma once
// Accounts: who can sign in, with which role, and what they told us about themselves.
#include <cstdint>
#include <string>
#include <vector>

#include "core/choice.hpp"
#include "core/role.hpp"

namespace schakel::accounts {

struct User {
  std::int64_t id = 0;
  std::string email;  // lower-case
  std::string display_name;
  Role role = Role::professional;
  std::string nis_code;  // home municipality (e.g. the lead's); "" when none
  bool is_demo = false;
  std::int64_t created_at = 0;
  std::string organisation;
  std::string sector;             // one of sectors() or ""
  std::string sector_detail;      // free text
  std::string track;              // "prevention", "care", "enforcement" or ""
  std::string status = "active";  // "pending" until the address is confirmed
  bool totp_enabled = false;
  std::vector<std::string> spoc_of;  // NIS codes this SPOC speaks for
};

struct NewUser {
  std::string email;
  std::string display_name;
  std::string password;
  Role role = Role::professional;
  std::string nis_code;
  bool is_demo = false;
  // The fields below are optional: each has an initialiser, so that callers may
  // leave them out of a brace initialiser without a -Wmissing-field-initializers.
  std::string organisation = {};
  std::string sector = {};
  std::string sector_detail = {};
  std::string track = {};
  std::string status = "active";
};

// The sectors professionals choose from (plus free text).
const std::vector<Choice>& sectors();
// The three tracks: nabijheid, zorg, grenzen.
const std::vector<Choice>& tracks();
bool is_known_sector(const std::string& value);
bool is_known_track(const std::string& value);

}  // namespace schakel::accounts
