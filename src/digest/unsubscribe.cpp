#include "digest/unsubscribe.hpp"

#include <charconv>

#include "core/signed_token.hpp"

namespace schakel::digest {

namespace {
constexpr const char* purpose = "unsubscribe";
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
  const auto kind = parse_kind(std::string_view(*subject).substr(dash + 1));
  if (!kind) return std::nullopt;
  return UnsubscribeTarget{user_id, *kind};
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
