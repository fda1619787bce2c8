// libFuzzer harness for web::parse_urlencoded and web::percent_decode.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "web/form.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // percent_decode: a decoded value is UTF-8, never longer than its input, and
  // survives an encode/decode round trip.
  for (bool plus_is_space : {false, true}) {
    auto decoded = web::percent_decode(input, plus_is_space);
    if (decoded) {
      FUZZ_CHECK(web::valid_utf8(*decoded));
      FUZZ_CHECK(decoded->size() <= input.size());
      auto again = web::percent_decode(web::percent_encode(*decoded), plus_is_space);
      FUZZ_CHECK(again && *again == *decoded);
    }
  }
  // Any bytes can be encoded; decoding them back succeeds exactly when they are UTF-8.
  {
    const std::string encoded = web::percent_encode(input);
    auto back = web::percent_decode(encoded, false);
    FUZZ_CHECK(back.has_value() == web::valid_utf8(input));
    if (back) FUZZ_CHECK(*back == input);
  }

  // parse_urlencoded: every name and value is UTF-8, the field limit holds, and
  // re-encoding the form gives the same fields back.
  auto form = web::parse_urlencoded(input);
  if (!form) {
    FUZZ_CHECK(!form.error().fields.empty());
    FUZZ_CHECK(form.error().fields.front().field.empty());
    return 0;
  }
  const auto& fields = form.value().fields();
  FUZZ_CHECK(fields.size() <= web::Form::max_fields);
  std::string reencoded;
  for (const auto& [name, value] : fields) {
    FUZZ_CHECK(web::valid_utf8(name));
    FUZZ_CHECK(web::valid_utf8(value));
    if (!reencoded.empty()) reencoded += '&';
    reencoded += web::percent_encode(name);
    reencoded += '=';
    reencoded += web::percent_encode(value);
  }
  auto again = web::parse_urlencoded(reencoded);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again.value().fields() == fields);
  if (!fields.empty()) {
    FUZZ_CHECK(form.value().has(fields.front().first));
    FUZZ_CHECK(form.value().get(fields.front().first) == fields.front().second);
  }
  return 0;
}
