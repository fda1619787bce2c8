#include "core/signed_token.hpp"

#include <charconv>
#include <stdexcept>

#include "core/random.hpp"

namespace schakel {

namespace {

bool valid_subject(const std::string& s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-'))
      return false;
  return true;
}

std::string mac_of(const std::string& key, const std::string& purpose, const std::string& subject,
                   std::int64_t expires_at) {
  return hmac_sha256_hex(key, purpose + '\n' + subject + '\n' + std::to_string(expires_at));
}

}  // namespace

std::string sign_token(const std::string& key, const std::string& purpose,
                       const std::string& subject, std::int64_t expires_at) {
  if (key.empty() || !valid_subject(subject))
    throw std::invalid_argument("sign_token: empty key or bad subject");
  return subject + '.' + std::to_string(expires_at) + '.' +
         mac_of(key, purpose, subject, expires_at);
}

std::optional<std::string> verify_token(const std::string& key, const std::string& purpose,
                                        const std::string& token, std::int64_t now) {
  if (key.empty() || token.size() > 300) return std::nullopt;
  const auto first = token.find('.');
  if (first == std::string::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string::npos) return std::nullopt;
  const std::string subject = token.substr(0, first);
  const std::string expires_text = token.substr(first + 1, second - first - 1);
  const std::string mac = token.substr(second + 1);
  if (!valid_subject(subject) || expires_text.empty() || expires_text.size() > 18)
    return std::nullopt;
  std::int64_t expires_at = 0;
  const auto [end, ec] =
      std::from_chars(expires_text.data(), expires_text.data() + expires_text.size(), expires_at);
  if (ec != std::errc{} || end != expires_text.data() + expires_text.size()) return std::nullopt;
  if (!equal_secret(mac, mac_of(key, purpose, subject, expires_at))) return std::nullopt;
  if (now >= expires_at) return std::nullopt;
  return subject;
}

}  // namespace schakel
