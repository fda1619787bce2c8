// libFuzzer harness for web::parse_cookies (and web::set_cookie on what it returns).
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "web/cookies.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto cookies = web::parse_cookies(input);
  for (const auto& [name, value] : cookies) {
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(input.find(name) != std::string_view::npos);
    FUZZ_CHECK(input.find(value) != std::string_view::npos);
    // What the parser accepts is a valid cookie: set_cookie does not throw on
    // it, and parsing the Set-Cookie value gives the same pair back.
    std::string header;
    try {
      header = web::set_cookie(name, value, web::CookieOptions{});
    } catch (const std::invalid_argument&) {
      FUZZ_CHECK(!"set_cookie rejected a parsed cookie");
    }
    const auto again = web::parse_cookies(header);
    auto it = again.find(name);
    FUZZ_CHECK(it != again.end() && it->second == value);
  }
  return 0;
}
