#pragma once
// Signed, expiring tokens for links: "<subject>.<expires>.<mac>", where the mac
// is an HMAC-SHA-256 over purpose, subject and expiry. A token for one purpose
// ("checkin", "manage", ...) is refused for any other.
#include <cstdint>
#include <optional>
#include <string>

namespace schakel {

// Requires: `subject` holds only [A-Za-z0-9_-] and is not empty; `key` not empty.
std::string sign_token(const std::string& key, const std::string& purpose,
                       const std::string& subject, std::int64_t expires_at);

// The subject of `token` when it was signed with `key` for `purpose` and has not
// expired at `now`; nullopt for anything else (tampered, expired, malformed).
std::optional<std::string> verify_token(const std::string& key, const std::string& purpose,
                                        const std::string& token, std::int64_t now);

}  // namespace schakel
