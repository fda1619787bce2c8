#pragma once
// Accounts: who can sign in, and with which role.
#include <cstdint>
#include <string>

namespace schakel::accounts {

struct User {
  std::int64_t id = 0;
  std::string email;  // lower-case
  std::string display_name;
  std::string role;      // "professional", "spoc", "coordinator", "admin"
  std::string nis_code;  // the municipality of a SPOC; "" otherwise
  bool is_demo = false;
  std::int64_t created_at = 0;
};

struct NewUser {
  std::string email;
  std::string display_name;
  std::string password;
  std::string role = "professional";
  std::string nis_code;
  bool is_demo = false;
};

// True for one of the four roles.
bool is_known_role(const std::string& role);

}  // namespace schakel::accounts
