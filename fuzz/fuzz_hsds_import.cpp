// libFuzzer harness for the directory's import parsers (citizens::parse_hsds_json and
// parse_hsds_csv), against a small fixed set of municipalities and postcodes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "citizens/hsds.hpp"
#include "fuzz_support.hpp"

using namespace schakel::citizens;

namespace {

HsdsReference small_world() {
  return HsdsReference{[](const std::string& nis) { return nis == "44021" || nis == "41002"; },
                       [](const std::string& postcode) {
                         if (postcode == "9000") return std::vector<std::string>{"44021"};
                         if (postcode == "9300") return std::vector<std::string>{"41002"};
                         return std::vector<std::string>{};
                       }};
}

std::string name_of(const std::string& nis) { return nis; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto ref = small_world();
  // Either every service is kept and none refused, or nothing is kept; what is kept
  // writes out and reads back to the same file.
  const auto json = parse_hsds_json(input, ref);
  FUZZ_CHECK(json.errors.empty() || json.services.empty());
  if (json.errors.empty()) {
    const std::string out = hsds_json(json.services, name_of).dump();
    const auto again = parse_hsds_json(out, ref);
    FUZZ_CHECK(again.errors.empty());
    FUZZ_CHECK(hsds_json(again.services, name_of).dump() == out);
  }
  const auto csv = parse_hsds_csv(input, ref);
  FUZZ_CHECK(csv.errors.empty() || csv.services.empty());
  FUZZ_CHECK(!csv.errors.empty() || !csv.services.empty());
  if (csv.errors.empty()) {
    const std::string out = hsds_csv(csv.services);
    const auto again = parse_hsds_csv(out, ref);
    FUZZ_CHECK(again.errors.empty());
    FUZZ_CHECK(hsds_csv(again.services) == out);
  }
  return 0;
}
