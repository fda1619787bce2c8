// libFuzzer harness for the year of the coordinator's dashboard and yearly
// report (/coordinatie?jaar=, /coordinatie/jaarverslag/{year}.pdf): an accepted
// year is exactly four digits naming a year in the allowed range, and reads
// back as the same text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dashboard/service.hpp"
#include "fuzz_support.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto year = dashboard::parse_year(input);
  if (year) {
    FUZZ_CHECK(year.value() >= dashboard::first_year && year.value() <= dashboard::last_year);
    FUZZ_CHECK(std::to_string(year.value()) == input);
  } else {
    FUZZ_CHECK(!year.error().message_for("jaar").empty());
  }
  return 0;
}
