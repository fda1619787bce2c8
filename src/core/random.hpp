#pragma once
// Randomness and digests from libsodium. All functions are thread-safe; the
// library is initialised on first use.
#include <string>
#include <string_view>

namespace schakel {

// `bytes` random bytes, hex-encoded (2*bytes characters). Requires bytes > 0.
std::string random_hex(std::size_t bytes);
// `bytes` random bytes, base64url without padding: for tokens in URLs and cookies.
std::string random_token(std::size_t bytes = 32);
// SHA-256 of `data`, hex-encoded: how tokens are stored (never the token itself).
std::string sha256_hex(std::string_view data);
// HMAC-SHA-256 of `message` under `key`, hex-encoded (64 characters).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// Constant-time equality for secrets of any length.
bool equal_secret(std::string_view a, std::string_view b);
// A short id for an incident or a request, e.g. "K7Q2-9XMA": readable over the phone.
std::string incident_id();

}  // namespace schakel
