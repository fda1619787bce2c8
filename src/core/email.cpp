#include "core/email.hpp"

#include <cstring>

namespace schakel {

namespace {

// Well-formed UTF-8 (no overlong forms of two bytes, no stray continuation bytes).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    if (c < 0x80)
      extra = 0;
    else if (c >= 0xC2 && c <= 0xDF)
      extra = 1;
    else if (c >= 0xE0 && c <= 0xEF)
      extra = 2;
    else if (c >= 0xF0 && c <= 0xF4)
      extra = 3;
    else
      return false;
    if (i + extra >= s.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

bool ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool local_char(unsigned char c) {
  return ascii_alnum(c) || c >= 0x80 || (c != 0 && std::strchr("!#$%&'*+/=?^_`{|}~-", c));
}

}  // namespace

bool valid_email_address(std::string_view email) {
  if (email.size() < 3 || email.size() > 254 || !valid_utf8(email)) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = email.substr(0, at), domain = email.substr(at + 1);
  // Local part: a dot-atom.
  if (local.front() == '.' || local.back() == '.') return false;
  for (std::size_t i = 0; i < local.size(); ++i) {
    const auto c = static_cast<unsigned char>(local[i]);
    if (c == '.') {
      if (local[i + 1] == '.') return false;
    } else if (!local_char(c)) {
      return false;
    }
  }
  // Domain: labels of letters, digits and inner hyphens, at least two of them.
  int labels = 0;
  std::size_t start = 0;
  while (start <= domain.size()) {
    std::size_t end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (unsigned char c : label)
      if (!ascii_alnum(c) && c != '-' && c < 0x80) return false;
    ++labels;
    start = end + 1;
  }
  return labels >= 2;
}

}  // namespace schakel
