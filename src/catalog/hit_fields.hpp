#pragma once
// The fields of a search hit's stored data (the JSON object that the indexers
// of resources, training series and help pages write) that the results page
// shows, read without building a JSON document for every hit.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace schakel::catalog {

// The top-level members of a hit's data that the results page uses. A member
// that is absent is left empty (0 for the date); `has_href` and
// `has_kind_label` say whether those were present.
struct HitFields {
  std::string href;
  std::string slug;
  std::string title;
  std::string kind;
  std::string kind_label;
  std::int64_t published_at = 0;
  bool has_href = false;
  bool has_kind_label = false;
};

// Reads `data` when it is a well-formed JSON object whose members href, slug,
// title, kind and kind_label, where present, are strings and published_at a
// number (a float only within ±9.2e18, where converting it is defined); other members may hold
// anything and are skipped. A duplicated member counts with its last value, as in a parsed JSON
// document. nullopt for anything else (malformed JSON, another top-level value, a named member of
// another type): the caller then reads `data` the general way.
std::optional<HitFields> read_hit_fields(std::string_view data);

// read_hit_fields(data), remembered per thread by the data itself: a page of
// results mostly shows hits shown before, and finding `data` among those read
// (hashing and comparing its bytes) costs a fraction of reading its JSON. The
// memo holds at most `hit_fields_memo_size` entries a thread; it is emptied
// when full. Thread-safe (each thread has its own).
constexpr std::size_t hit_fields_memo_size = 2048;
std::optional<HitFields> remembered_hit_fields(const std::string& data);

}  // namespace schakel::catalog
