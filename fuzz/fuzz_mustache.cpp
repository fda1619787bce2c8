// libFuzzer harness for view::CompiledTemplate: our renderer and the one it replaced
// (kainjow with the old JSON conversion, view/mustache_test_oracle.hpp) must agree
// on every template kainjow accepts: the same bytes, or for a template kainjow
// refuses, a syntax error worded the same.
//
// Input: template text, then optionally a NUL byte and a JSON model. Without a
// model, or with one that does not parse, a fixed model with names the fuzzer's
// dictionary (fuzz/mustache.dict) uses is taken.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "view/mustache.hpp"
#include "view/mustache_test_oracle.hpp"

using namespace schakel;
using nlohmann::json;

namespace {

const json& fixed_model() {
  static const json model = json::parse(R"({
    "a": "<b>&\"'</b>", "b": [{"a": 1}, {"c": true}, {"a": ""}], "c": {"d": "e", "t": true},
    "t": true, "f": false, "e": "", "n": null, "z": 0, "x": 1.5,
    "l": [1, "two", [3, null], {}], "s": " \t", "nl": "line\nnext", "o": {}, "u": "é😀"})");
  return model;
}

// The longest array anywhere in `j`.
std::size_t longest_array(const json& j) {
  std::size_t longest = j.is_array() ? j.size() : 0;
  if (j.is_structured())
    for (const auto& item : j) longest = std::max(longest, longest_array(item));
  return longest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string text(input.substr(0, nul));
  json model = fixed_model();
  if (nul != std::string_view::npos) {
    json parsed = json::parse(input.substr(nul + 1), nullptr, false);
    if (!parsed.is_discarded()) model = std::move(parsed);
  }
  // Nested sections over arrays multiply, and each pass copies the text: keep the
  // work of one input (and the output it makes) bounded.
  const std::size_t sections = std::count(text.begin(), text.end(), '#');
  const std::size_t items = std::max<std::size_t>(longest_array(model), 1);
  const double limit = 4e6 / static_cast<double>(std::max<std::size_t>(text.size(), 64));
  double work = 1;
  for (std::size_t i = 0; i < sections && work <= limit; ++i) work *= static_cast<double>(items);
  if (work > limit) return 0;

  // Ours first: a text with a partial tag left in it is refused by us, and kainjow
  // would render a model string as that partial (without a depth limit), so for
  // such a text only kainjow's parse is compared.
  std::optional<view::CompiledTemplate> ours;
  try {
    ours.emplace(text);
  } catch (const view::TemplateError& e) {
    std::string kainjow_error;
    const bool kainjow_accepts = view::oracle::accepts(text, &kainjow_error);
    if (e.kind() == view::TemplateError::Kind::partial) {
      FUZZ_CHECK(kainjow_accepts);  // kainjow accepts partial tags; we refuse them
    } else {
      FUZZ_CHECK(!kainjow_accepts);
      FUZZ_CHECK(kainjow_error == e.what());
    }
    return 0;
  }
  std::string kainjow_error;
  const auto expected = view::oracle::render(text, model, &kainjow_error);
  FUZZ_CHECK(expected.has_value());  // we accept only what kainjow accepts
  FUZZ_CHECK(ours->render(model) == *expected);
  return 0;
}
