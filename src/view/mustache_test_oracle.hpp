#pragma once
// Test-only: the renderer the platform used before view/mustache.hpp (kainjow's
// mustache, fed a copy of the JSON view model), kept as the oracle that the
// differential test and fuzz/fuzz_mustache.cpp compare our renderer with.
// Production code never includes this header.
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace schakel::view::oracle {

// The model as kainjow data, as the old renderer converted it: an empty string,
// null and false are false, numbers are their JSON text.
inline kainjow::mustache::data to_data(const nlohmann::json& j) {
  namespace mustache = kainjow::mustache;
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), to_data(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& item : j) d.push_back(to_data(item));
      return d;
    }
    case nlohmann::json::value_t::string:
      if (j.get_ref<const std::string&>().empty())
        return mustache::data{mustache::data::type::bool_false};
      return mustache::data{j.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean:
      return j.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                           : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{j.dump()};
  }
}

// Whether kainjow parses `text` (without rendering it); its error message in
// `error` when it does not.
inline bool accepts(const std::string& text, std::string* error = nullptr) {
  kainjow::mustache::mustache m{text};
  if (!m.is_valid() && error) *error = m.error_message();
  return m.is_valid();
}

// What kainjow does with `text` and `model`: the output, or its error message in
// `error` (and nullopt) when it refuses the text.
inline std::optional<std::string> render(const std::string& text, const nlohmann::json& model,
                                         std::string* error = nullptr) {
  kainjow::mustache::mustache m{text};
  if (!m.is_valid()) {
    if (error) *error = m.error_message();
    return std::nullopt;
  }
  return m.render(to_data(model));
}

}  // namespace schakel::view::oracle
