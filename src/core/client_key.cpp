#include "core/client_key.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>

namespace schakel {

std::string client_key(std::string_view address) {
  const auto zone = address.find('%');
  const bool has_zone = zone != std::string_view::npos;
  if (has_zone && zone + 1 == address.size()) return "unknown";  // "%" without a zone
  const std::string text(address.substr(0, zone));               // without an IPv6 zone
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN || text.find('\0') != std::string::npos)
    return "unknown";
  char out[INET6_ADDRSTRLEN] = {};
  std::array<unsigned char, 4> v4{};
  if (!has_zone && ::inet_pton(AF_INET, text.c_str(), v4.data()) == 1)
    return ::inet_ntop(AF_INET, v4.data(), out, sizeof out) ? std::string(out) : "unknown";
  std::array<unsigned char, 16> v6{};
  if (::inet_pton(AF_INET6, text.c_str(), v6.data()) != 1) return "unknown";
  static constexpr std::array<unsigned char, 12> mapped = {0, 0, 0, 0, 0,    0,
                                                           0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(mapped.begin(), mapped.end(), v6.begin())) {
    if (has_zone) return "unknown";  // only link-local addresses have a zone
    return ::inet_ntop(AF_INET, v6.data() + 12, out, sizeof out) ? std::string(out) : "unknown";
  }
  std::fill(v6.begin() + 8, v6.end(), 0);
  return ::inet_ntop(AF_INET6, v6.data(), out, sizeof out) ? std::string(out) + "/64" : "unknown";
}

}  // namespace schakel
