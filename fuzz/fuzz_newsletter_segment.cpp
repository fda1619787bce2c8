// libFuzzer harness for the newsletter's segment parsers (digest/newsletter_types.hpp):
// any bytes as a stored key or as the send form's fields; a parsed segment
// always writes a key that parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "digest/newsletter_types.hpp"
#include "fuzz_support.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // form fields are bounded well below this
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto segment = digest::parse_newsletter_segment(text)) {
    const std::string key = segment->key();
    FUZZ_CHECK(key == text);
    FUZZ_CHECK(digest::parse_newsletter_segment(key).has_value());
  }
  // The same bytes split into the form's three fields at the first two NULs.
  const auto first = text.find('\0');
  const auto second = first == std::string_view::npos ? first : text.find('\0', first + 1);
  const std::string choice(text.substr(0, first));
  const std::string municipality = first == std::string_view::npos
                                       ? ""
                                       : std::string(text.substr(first + 1, second - first - 1));
  const std::string theme =
      second == std::string_view::npos ? "" : std::string(text.substr(second + 1));
  if (const auto segment = digest::segment_of_choice(choice, municipality, theme)) {
    const auto again = digest::parse_newsletter_segment(segment->key());
    if (again) FUZZ_CHECK(again->key() == segment->key());
  }
  return 0;
}
