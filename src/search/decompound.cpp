#include "search/decompound.hpp"

namespace schakel::search {

namespace {

constexpr std::size_t min_part = 4;
constexpr std::size_t max_word = 60;
constexpr std::string_view linkers[] = {"en", "er", "s", "e"};

bool split(std::string_view word, const Dictionary& dictionary, int depth,
           std::vector<std::string>& parts);

// `head` is a word, or a word with a linking letter, or a compound itself.
bool head_parts(std::string_view head, const Dictionary& dictionary, int depth,
                std::vector<std::string>& parts) {
  if (head.size() >= min_part && dictionary.contains(head)) {
    parts.emplace_back(head);
    return true;
  }
  for (auto linker : linkers) {
    if (head.size() < min_part + linker.size() || !head.ends_with(linker)) continue;
    auto stem = head.substr(0, head.size() - linker.size());
    if (dictionary.contains(stem)) {
      parts.emplace_back(stem);
      return true;
    }
  }
  return split(head, dictionary, depth + 1, parts);
}

bool split(std::string_view word, const Dictionary& dictionary, int depth,
           std::vector<std::string>& parts) {
  if (depth > 3 || word.size() < 2 * min_part) return false;
  // Longest last part first: "kindermishandeling" is kind+er+mishandeling, not
  // kindermis+handeling.
  for (std::size_t head_size = min_part; head_size + min_part <= word.size(); ++head_size) {
    auto tail = word.substr(head_size);
    if (!dictionary.contains(tail)) continue;
    std::vector<std::string> head;
    if (head_parts(word.substr(0, head_size), dictionary, depth, head)) {
      parts.insert(parts.end(), head.begin(), head.end());
      parts.emplace_back(tail);
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> compound_parts(std::string_view word, const Dictionary& dictionary) {
  std::vector<std::string> parts;
  if (word.size() > max_word) return parts;
  for (char c : word)
    if (c < 'a' || c > 'z') return parts;  // compounds are plain letters after folding
  if (!split(word, dictionary, 0, parts)) parts.clear();
  return parts;
}

}  // namespace schakel::search
