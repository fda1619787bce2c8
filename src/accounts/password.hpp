#pragma once
// Password hashing with Argon2id (libsodium) and the password policy.
#include <string>

#include "core/result.hpp"

namespace schakel::accounts {

// Argon2id parameters: at least 19 MiB of memory and 2 passes (OWASP).
inline constexpr unsigned long long argon2_ops = 2;
inline constexpr std::size_t argon2_memory_bytes = 19 * 1024 * 1024;

// An encoded "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string with a fresh salt.
// Throws std::runtime_error when memory for hashing cannot be had.
std::string hash_password(const std::string& password);
// True when `password` matches `encoded`. False for a malformed `encoded`.
bool verify_password(const std::string& encoded, const std::string& password);

// Requires 12 to 128 characters (code points) and refuses passwords from the list
// of common passwords (src/accounts/common_passwords.txt), also when only a few
// digits or signs were added to a common word, and passwords that contain the
// account's e-mail name. No composition rules (NIST 800-63B). Errors name the
// field "password".
Status check_password_policy(const std::string& password, const std::string& email = {});

// True when `password` is on the common list or a common word with at most six
// added digits or signs.
bool is_common_password(const std::string& password);
// How many passwords the shipped list holds.
std::size_t common_password_count();

}  // namespace schakel::accounts
