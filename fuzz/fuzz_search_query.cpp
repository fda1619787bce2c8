// libFuzzer harness for search::parse_query and search::tokenize: any bytes a
// visitor types into the search box.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "search/query.hpp"
#include "search/text.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto query = search::parse_query(input);
  FUZZ_CHECK(query.parts.size() <= search::max_query_parts);
  bool any_included = false;
  for (const auto& part : query.parts) {
    FUZZ_CHECK(!part.words.empty());
    FUZZ_CHECK(part.words.size() <= search::max_phrase_words);
    FUZZ_CHECK(!part.phrase || part.words.size() >= 2);
    for (const auto& w : part.words) FUZZ_CHECK(!w.empty() && w.size() <= 64);
    any_included = any_included || !part.excluded;
  }
  FUZZ_CHECK(query.empty() || any_included);
  // Written back and parsed again, a query means the same, as long as the text
  // fits the length limit (written back, a phrase next to a word gains a space).
  const auto text = search::to_text(query);
  if (text.size() <= search::max_query_bytes)
    FUZZ_CHECK(search::to_text(search::parse_query(text)) == text);
  for (const auto& token : search::tokenize(input)) {
    FUZZ_CHECK(token.begin < token.end && token.end <= input.size());
    FUZZ_CHECK(!token.word.empty());
  }
  return 0;
}
