// libFuzzer harness for the names of backup files (archive::backup_time), read
// from the backup folder to list and prune backups: an accepted name is exactly
// the name backup_name() writes for its time, so retention never deletes a
// file that Schakel did not write.
#include <cstddef>
#include <cstdint>
#include <string>

#include "archive/retention.hpp"
#include "fuzz_support.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto at = archive::backup_time(input);
  if (at) FUZZ_CHECK(archive::backup_name(*at) == input);
  return 0;
}
