#pragma once
// Time-based one-time passwords (RFC 6238) with liboath: 6 digits, 30-second
// steps, HMAC-SHA1 (what authenticator apps expect).
#include <cstdint>
#include <optional>
#include <string>

namespace schakel::accounts {

// A new random secret (160 bits), base32 without padding, for authenticator apps.
std::string new_totp_secret();
// The code for `base32_secret` at `unix_time`. `digits` 6 or 8. Throws
// std::invalid_argument for a secret that is not base32.
std::string totp_code(const std::string& base32_secret, std::int64_t unix_time,
                      unsigned digits = 6);
// The time step (unix_time / 30) at which `code` is valid, allowing one step of
// clock drift either way; nullopt when it is not valid.
std::optional<std::int64_t> totp_step(const std::string& base32_secret, const std::string& code,
                                      std::int64_t unix_time);
// The otpauth:// URI that authenticator apps read (also as a QR code).
std::string otpauth_uri(const std::string& issuer, const std::string& account,
                        const std::string& base32_secret);

}  // namespace schakel::accounts
