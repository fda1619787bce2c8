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

// Requires 12 to 128 characters (code points), nothing else (NIST 800-63B).
// Errors name the field "password".
Status check_password_policy(const std::string& password);

}  // namespace schakel::accounts
