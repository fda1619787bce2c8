#pragma once
// The Dutch word list the decompounder splits compounds with: Debian's wdutch,
// folded (search/text.hpp) and sorted at build time, linked into the binary.
#include <span>
#include <string_view>

namespace schakel::search {

class Dictionary {
 public:
  // The word list built into the binary. Thread-safe; the first call indexes
  // the list (a few milliseconds).
  static const Dictionary& dutch();
  // A dictionary of `words`, which must be sorted, folded and outlive it (tests).
  explicit Dictionary(std::span<const std::string_view> words) : words_(words) {}

  // True when `word` (folded) is in the list.
  bool contains(std::string_view word) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::span<const std::string_view> words_;
};

}  // namespace schakel::search
