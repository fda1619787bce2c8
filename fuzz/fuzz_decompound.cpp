// libFuzzer harness for search::compound_parts over the built-in Dutch word list.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "search/decompound.hpp"
#include "search/text.hpp"

using namespace schakel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& dictionary = search::Dictionary::dutch();
  for (const std::string& word : {std::string(input), search::fold(input)}) {
    const auto parts = search::compound_parts(word, dictionary);
    if (parts.empty()) continue;
    FUZZ_CHECK(parts.size() >= 2);
    // The last part ends the word and every part is a dictionary word.
    FUZZ_CHECK(word.size() >= parts.back().size() &&
               word.compare(word.size() - parts.back().size(), parts.back().size(), parts.back()) ==
                   0);
    std::size_t letters = 0;
    for (const auto& part : parts) {
      FUZZ_CHECK(part.size() >= 4);
      FUZZ_CHECK(dictionary.contains(part));
      FUZZ_CHECK(word.find(part) != std::string::npos);
      letters += part.size();
    }
    FUZZ_CHECK(letters <= word.size());
  }
  return 0;
}
