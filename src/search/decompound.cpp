#include "search/decompound.hpp"

#include <algorithm>

namespace schakel::search {

namespace {

constexpr std::size_t min_part = 4;
constexpr std::size_t min_known_tail = 5;  // last part that splits off an unknown first part
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

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// A known last part after a first part the dictionary does not know
// ("sibling" + "geweld"), longest last part first.
bool split_unknown_head(std::string_view word, const Dictionary& dictionary,
                        std::vector<std::string>& parts) {
  for (std::size_t head_size = min_part; head_size + min_known_tail <= word.size(); ++head_size) {
    auto tail = word.substr(head_size);
    if (!dictionary.contains(tail)) continue;
    auto head = word.substr(0, head_size);
    if (std::none_of(head.begin(), head.end(), is_vowel)) continue;
    parts.emplace_back(head);
    parts.emplace_back(tail);
    return true;
  }
  return false;
}

bool known(std::string_view word, const Dictionary& dictionary) {
  if (dictionary.contains(word)) return true;
  std::vector<std::string> parts;
  return split(word, dictionary, 0, parts);
}

}  // namespace

std::vector<std::string> compound_parts(std::string_view word, const Dictionary& dictionary) {
  std::vector<std::string> parts;
  if (word.size() > max_word) return parts;
  for (char c : word)
    if (c < 'a' || c > 'z') return parts;  // compounds are plain letters after folding
  if (split(word, dictionary, 0, parts)) return parts;
  parts.clear();
  if (!dictionary.contains(word) && split_unknown_head(word, dictionary, parts)) return parts;
  parts.clear();
  return parts;
}

std::vector<std::string> diminutive_bases(std::string_view word, const Dictionary& dictionary) {
  if (word.size() > max_word || word.size() < 5) return {};
  for (char c : word)
    if (c < 'a' || c > 'z') return {};
  std::string w(word);
  if (w.ends_with("jes")) w.pop_back();  // the plural: "kaartjes" → "kaartje"
  if (!w.ends_with("je")) return {};
  std::vector<std::string> candidates;
  if (w.ends_with("etje")) {
    // "ringetje" → "ring"; a doubled consonant is undone: "mannetje" → "man".
    std::string base = w.substr(0, w.size() - 4);
    if (base.size() >= 3 && base.back() == base[base.size() - 2] && !is_vowel(base.back()))
      candidates.push_back(base.substr(0, base.size() - 1));
    candidates.push_back(base);
  }
  if (w.ends_with("mpje")) candidates.push_back(w.substr(0, w.size() - 3));  // "boompje"
  if (w.ends_with("nkje"))
    candidates.push_back(w.substr(0, w.size() - 3) + "g");  // "koninkje" → "koning"
  candidates.push_back(w.substr(0, w.size() - 2));          // "kaartje" → "kaart"
  if (w.ends_with("tje")) candidates.push_back(w.substr(0, w.size() - 3));  // "stoeltje"
  // The list has no words under 4 letters ("man", "zus"): when no candidate is
  // known, the most specific rule's one is taken.
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [](const std::string& c) { return c.size() < 3; }),
                   candidates.end());
  // Words of the list first; compounds only when no candidate is a word
  // ("postkaartje" is "postkaart", not the compound "post" + "kaar").
  std::vector<std::string> out;
  for (const auto& c : candidates)
    if (out.size() < 2 && dictionary.contains(c) &&
        std::find(out.begin(), out.end(), c) == out.end())
      out.push_back(c);
  for (const auto& c : candidates)
    if (out.empty() && known(c, dictionary)) out.push_back(c);
  if (out.empty() && !candidates.empty()) out.push_back(candidates.front());
  return out;
}

}  // namespace schakel::search
