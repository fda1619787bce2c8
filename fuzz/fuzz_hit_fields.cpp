// libFuzzer harness for catalog::read_hit_fields, the quick reader of a search
// hit's stored data: whatever it accepts, a parsed JSON document reads the
// same, and it accepts every object whose named members have the types it reads.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "catalog/hit_fields.hpp"
#include "fuzz_support.hpp"

using namespace schakel;

namespace {

// True when `doc` is an object whose named members, where present, have the
// types the quick reader takes (a float only within the range of a date).
bool takes(const nlohmann::json& doc) {
  if (!doc.is_object()) return false;
  for (const char* name : {"href", "slug", "title", "kind", "kind_label"})
    if (doc.contains(name) && !doc[name].is_string()) return false;
  if (doc.contains("published_at")) {
    const auto& v = doc["published_at"];
    if (!v.is_number()) return false;
    if (v.is_number_float() && !(v.get<double>() > -9.2e18 && v.get<double>() < 9.2e18))
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto fields = catalog::read_hit_fields(input);
  const auto doc = nlohmann::json::parse(input, nullptr, false);
  FUZZ_CHECK(fields.has_value() == (!doc.is_discarded() && takes(doc)));
  if (!fields) return 0;
  FUZZ_CHECK(fields->has_href == doc.contains("href"));
  FUZZ_CHECK(fields->has_kind_label == doc.contains("kind_label"));
  FUZZ_CHECK(fields->href == doc.value("href", ""));
  FUZZ_CHECK(fields->slug == doc.value("slug", ""));
  FUZZ_CHECK(fields->title == doc.value("title", ""));
  FUZZ_CHECK(fields->kind == doc.value("kind", ""));
  FUZZ_CHECK(fields->kind_label == doc.value("kind_label", ""));
  FUZZ_CHECK(fields->published_at == doc.value("published_at", std::int64_t{0}));
  return 0;
}
