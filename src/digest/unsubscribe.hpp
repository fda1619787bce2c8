#pragma once
// One-click unsubscribe from any digest or newsletter mail (issue 14): a signed
// link that needs no sign-in, and the List-Unsubscribe header fields of RFC 2369
// and RFC 8058 that let a mail client do the same with one POST.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "digest/types.hpp"

namespace schakel::digest {

// The page that takes the token (GET shows a button, POST unsubscribes).
inline constexpr const char* unsubscribe_route = "/meldingen/uitschrijven";

// How long an unsubscribe link in a mail keeps working.
inline constexpr std::int64_t unsubscribe_link_seconds = 2LL * 365 * 24 * 3600;

struct UnsubscribeTarget {
  std::int64_t user_id = 0;
  Kind kind = Kind::resources;  // meaningless when all_digests
  // True for the link of a digest mail, which covers several kinds: it turns
  // off every kind of digest_kinds() (not the newsletter).
  bool all_digests = false;
};

// The kinds a daily or weekly digest is made of: every kind but the newsletter.
const std::vector<Kind>& digest_kinds();

// A token that turns off mails of `kind` for `user_id`, signed with `key` (the
// server's signing key), valid for unsubscribe_link_seconds from `now`.
std::string unsubscribe_token(const std::string& key, std::int64_t user_id, Kind kind,
                              std::int64_t now);
// A token that turns off every digest of `user_id` (the link of a digest mail),
// signed and valid as unsubscribe_token's.
std::string digests_unsubscribe_token(const std::string& key, std::int64_t user_id,
                                      std::int64_t now);
// Who and what `token` unsubscribes; nullopt when it was not signed with `key`
// for this purpose, is expired at `now` or is malformed (tampering).
std::optional<UnsubscribeTarget> read_unsubscribe_token(const std::string& key,
                                                        const std::string& token, std::int64_t now);
// The absolute link of the unsubscribe page for `token` below `base_url` (no
// trailing slash).
std::string unsubscribe_url(const std::string& base_url, const std::string& token);
// The header fields that go with a mail whose unsubscribe link is `url`:
// List-Unsubscribe: <url> and List-Unsubscribe-Post: List-Unsubscribe=One-Click.
std::vector<std::pair<std::string, std::string>> unsubscribe_headers(const std::string& url);

}  // namespace schakel::digest
