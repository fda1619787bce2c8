// libFuzzer harness for what the training forms and links parse: signed tokens
// (links in mails, QR check-in), Brussels dates and times (session forms) and
// the confidence answers of the registration and evaluation forms.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/signed_token.hpp"
#include "fuzz_support.hpp"
#include "trainings/evaluation_service.hpp"
#include "web/form.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string key = "fuzz-key-0123456789abcdef";

  // A token is accepted only as exactly what sign_token makes of its parts.
  if (auto subject = verify_token(key, "manage", input, 0)) {
    const auto first = input.find('.');
    const auto second = input.find('.', first + 1);
    const std::int64_t expires = std::stoll(input.substr(first + 1, second - first - 1));
    FUZZ_CHECK(sign_token(key, "manage", *subject, expires) == input);
  }

  // "date|time": an accepted wall-clock time reads back as the same date, and as
  // the same time unless it fell in the hour skipped in spring.
  if (const auto bar = input.find('|'); bar != std::string::npos) {
    const std::string date = input.substr(0, bar), time = input.substr(bar + 1);
    if (auto at = brussels_to_utc(date, time)) {
      FUZZ_CHECK(format_date_input(*at) == date);
      const std::string back = format_time_nl(*at);
      FUZZ_CHECK(back == time || back.substr(0, 2) == "03");
    }
  }

  // The confidence answers: each accepted one is 0 (not answered) or 1..10.
  if (auto form = web::parse_urlencoded(input)) {
    if (auto values = trainings::parse_confidence(form.value()))
      for (int v : values.value()) FUZZ_CHECK(v >= 0 && v <= 10);
  }
  return 0;
}
