#pragma once
// Parsers for query strings and application/x-www-form-urlencoded bodies.
// Both reject (rather than repair) malformed input: a bad percent escape,
// invalid UTF-8 or too many fields is an error the handler answers with 400.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace schakel::web {

// Decoded name/value pairs in the order received. Names may repeat.
class Form {
 public:
  static constexpr std::size_t max_fields = 1000;

  // The first value of `name`, or "" when absent.
  std::string get(std::string_view name) const;
  // The first value of `name`, or nullopt when absent.
  std::optional<std::string> find(std::string_view name) const;
  // Every value of `name`, in order.
  std::vector<std::string> get_all(std::string_view name) const;
  bool has(std::string_view name) const { return find(name).has_value(); }
  void add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool valid_utf8(std::string_view s);

// Percent-decodes `s`; with `plus_is_space`, '+' becomes ' ' (form encoding).
// nullopt when an escape is malformed ("%G1", "%4") or the result is not UTF-8.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string percent_encode(std::string_view s);

// Parses "a=1&b=2" (query strings and urlencoded bodies). Empty pairs ("a=1&&b")
// are skipped; a pair without '=' has an empty value. Errors name field "".
Result<Form> parse_urlencoded(std::string_view input);

}  // namespace schakel::web
