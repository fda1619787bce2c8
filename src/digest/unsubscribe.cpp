#include "digest/unsubscribe.hpp"

#include <charconv>

#include "core/signed_token.hpp"

namespace schakel::digest {

namespace {
constexpr const char* purpose = "unsubscribe";
// The subject's suffix of a token for every digest (no kind is named so).
constexpr std::string_view all_digests_suffix = "digests";
}  // namespace

const std::vector<Kind>& digest_kinds() {
  static const std::vector<Kind> kinds = {Kind::resources, Kind::trainings, Kind::initiatives,
                                          Kind::meetings};
  return kinds;
}

std::string digests_unsubscribe_token(const std::string& key, std::int64_t user_id,
                                      std::int64_t now) {
  return sign_token(key, purpose, std::to_string(user_id) + "-" + std::string(all_digests_suffix),
                    now + unsubscribe_link_seconds);
}

std::string unsubscribe_token(const std::string& key, std::int64_t user_id, Kind kind,
                              std::int64_t now) {
  const std::string subject = std::to_string(user_id) + "-" + std::string(kind_name(kind));
  return sign_token(key, purpose, subject, now + unsubscribe_link_seconds);
}

std::optional<UnsubscribeTarget> read_unsubscribe_token(const std::string& key,
                                                        const std::string& token,
                                                        std::int64_t now) {
  const auto subject = verify_token(key, purpose, token, now);
  if (!subject) return std::nullopt;
  const auto dash = subject->find('-');
  if (dash == std::string::npos || dash == 0) return std::nullopt;
  std::int64_t user_id = 0;
  const char* first = subject->data();
  const auto [end, error] = std::from_chars(first, first + dash, user_id);
  if (error != std::errc() || end != first + dash || user_id <= 0) return std::nullopt;
  const auto rest = std::string_view(*subject).substr(dash + 1);
  if (rest == all_digests_suffix) return UnsubscribeTarget{user_id, Kind::resources, true};
  const auto kind = parse_kind(rest);
  if (!kind) return std::nullopt;
  return UnsubscribeTarget{user_id, *kind, false};
}

std::string unsubscribe_url(const std::string& base_url, const std::string& token) {
  // The token holds [A-Za-z0-9_.-] only: nothing to escape in a query.
  return base_url + unsubscribe_route + "?token=" + token;
}

std::vector<std::pair<std::string, std::string>> unsubscribe_headers(const std::string& url) {
  return {{"List-Unsubscribe", "<" + url + ">"},
          {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
}

}  // namespace schakel::digest
