// libFuzzer harness for the full-export archive reader (archive::parse_archive:
// the ustar container, the manifest and the tables' JSON lines). Whatever it
// accepts must write back to an archive that reads back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "archive/format.hpp"
#include "archive/tar.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  auto entries = schakel::archive::read_tar(input, 64);
  if (entries)
    for (const auto& e : entries.value()) FUZZ_CHECK(schakel::archive::is_plain_entry_name(e.name));
  auto parsed = schakel::archive::parse_archive(input);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().fields.empty() && !parsed.error().fields.front().message.empty());
    return 0;
  }
  std::string again;
  try {
    again = schakel::archive::write_archive(parsed.value());
  } catch (const std::runtime_error&) {
    return 0;  // text that is not UTF-8 is refused when written
  }
  auto reread = schakel::archive::parse_archive(again);
  FUZZ_CHECK(reread.ok());
  FUZZ_CHECK(schakel::archive::write_archive(reread.value()) == again);
  return 0;
}
