#pragma once
// One option of a fixed list a form offers (kinds, sectors, modules, ...): the stored value and
// its Dutch label.
#include <string>
#include <vector>

namespace schakel {

struct Choice {
  std::string value;
  std::string label;  // Dutch
};

// The label of `value` in `list`, or `value` itself when the list does not hold it.
std::string label_of(const std::vector<Choice>& list, const std::string& value);

// True when `list` holds `value`.
bool is_choice(const std::vector<Choice>& list, const std::string& value);

}  // namespace schakel
