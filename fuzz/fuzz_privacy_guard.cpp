// libFuzzer harness for the privacy guard (core/privacy_guard.hpp): any bytes,
// findings in order, inside the text, not overlapping; the message never
// repeats what was found.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/privacy_guard.hpp"
#include "fuzz_support.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 20000) return 0;  // callers bound texts to a few thousand characters
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto findings = find_identifiers(text);
  std::size_t covered = 0;
  for (const IdentifierFinding& f : findings) {
    FUZZ_CHECK(f.length > 0);
    FUZZ_CHECK(f.offset >= covered);
    FUZZ_CHECK(f.offset + f.length <= text.size());
    FUZZ_CHECK(!identifier_label(f.kind).empty());
    covered = f.offset + f.length;
  }
  if (findings.empty()) return 0;
  const std::string message = privacy_message(text, findings);
  FUZZ_CHECK(!message.empty());
  for (const IdentifierFinding& f : findings) {
    // Shorter findings (a 7-character plate) may happen to read as a word of the message.
    if (f.length >= 9)
      FUZZ_CHECK(message.find(text.substr(f.offset, f.length)) == std::string::npos);
  }
  return 0;
}
