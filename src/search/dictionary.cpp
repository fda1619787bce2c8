#include "search/dictionary.hpp"

#include <algorithm>
#include <vector>

// The folded word list (tools/wordlist.py), one word per line, between these two
// symbols. SCHAKEL_WORDS_PATH is set by CMakeLists.txt for this file only.
__asm__(
    ".section .rodata\n"
    ".global schakel_dutch_words_begin\n"
    "schakel_dutch_words_begin:\n"
    ".incbin \"" SCHAKEL_WORDS_PATH
    "\"\n"
    ".global schakel_dutch_words_end\n"
    "schakel_dutch_words_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char schakel_dutch_words_begin[];
extern "C" const char schakel_dutch_words_end[];

namespace schakel::search {

const Dictionary& Dictionary::dutch() {
  static const std::vector<std::string_view> words = [] {
    std::vector<std::string_view> out;
    out.reserve(360'000);
    std::string_view all(
        schakel_dutch_words_begin,
        static_cast<std::size_t>(schakel_dutch_words_end - schakel_dutch_words_begin));
    std::size_t start = 0;
    while (start < all.size()) {
      auto end = all.find('\n', start);
      if (end == std::string_view::npos) end = all.size();
      if (end > start) out.push_back(all.substr(start, end - start));
      start = end + 1;
    }
    // The build sorts with Python's code-point order, which equals byte order
    // for ASCII; sort anyway so a hand-edited list cannot break the search.
    if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
    return out;
  }();
  static const Dictionary dictionary{std::span<const std::string_view>(words)};
  return dictionary;
}

bool Dictionary::contains(std::string_view word) const {
  return std::binary_search(words_.begin(), words_.end(), word);
}

}  // namespace schakel::search
