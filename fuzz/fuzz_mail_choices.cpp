// libFuzzer harness for what a person sends about their mail (digest/): the
// choices form of /profiel/meldingen (digest::parse_settings) and the token of
// an unsubscribe link. Accepted choices name only kinds offered to the role and
// known themes, once each, and differ from the defaults; a refusal names a
// message; a token that was not signed with the key is never accepted.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "digest/settings_service.hpp"
#include "digest/unsubscribe.hpp"
#include "fuzz_support.hpp"
#include "web/form.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Role roles[] = {Role::professional, Role::spoc, Role::coordinator, Role::admin};
  const Role role = roles[data[0] % 4];
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);

  const std::vector<catalog::Term> themes = {
      {1, "theme", "child_abuse", "Kindermishandeling"},
      {2, "theme", "elder_abuse", "Ouderenmis(be)handeling"}};
  if (auto form = web::parse_urlencoded(input)) {
    const auto choices = digest::parse_settings(form.value(), role, themes);
    if (choices) {
      std::set<std::pair<digest::Kind, std::string>> seen;
      for (const auto& p : choices.value()) {
        FUZZ_CHECK(digest::kind_offered(p.kind, role));
        FUZZ_CHECK(p.theme.empty() || p.theme == "child_abuse" || p.theme == "elder_abuse");
        const bool first_time = seen.insert(std::make_pair(p.kind, p.theme)).second;
        FUZZ_CHECK(first_time);
        if (p.theme.empty()) FUZZ_CHECK(p.frequency != digest::default_frequency(p.kind, role));
      }
    } else {
      FUZZ_CHECK(!choices.error().fields.empty());
      FUZZ_CHECK(!choices.error().fields.front().message.empty());
    }
  }

  const std::string key = "sleutel-van-de-fuzzer";
  const std::int64_t now = 1'800'000'000;
  FUZZ_CHECK(!digest::read_unsubscribe_token(key, input, now).has_value() ||
             input == digest::unsubscribe_token(key, 1, digest::Kind::resources, now));
  return 0;
}
