#include "core/choice.hpp"

#include <algorithm>

namespace schakel {

std::string label_of(const std::vector<Choice>& list, const std::string& value) {
  for (const auto& c : list)
    if (c.value == value) return c.label;
  return value;
}

bool is_choice(const std::vector<Choice>& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(), [&](const Choice& c) { return c.value == value; });
}

}  // namespace schakel
