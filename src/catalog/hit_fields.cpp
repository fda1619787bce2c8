#include "catalog/hit_fields.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>

namespace schakel::catalog {

namespace {

using Json = nlohmann::json;

// A SAX handler for nlohmann::json::sax_parse: keeps the named members of the
// top-level object and skips every other value (nested ones included), so
// that no JSON document is built. A named member of another type is noted
// (a later duplicate of the right type wins, as in a document). Returning
// false stops the parse: only for a top level that is not an object.
class HitFieldsReader {
 public:
  explicit HitFieldsReader(HitFields& out) : out_(out) {}

  // True when every named member present had the type this reader takes.
  bool all_taken() const { return wrong_ == 0; }

  bool null() { return other(); }
  bool boolean(bool) { return other(); }
  bool number_integer(Json::number_integer_t v) { return number(static_cast<std::int64_t>(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return number(static_cast<std::int64_t>(v)); }
  bool number_float(Json::number_float_t v, const Json::string_t&) {
    // Outside the range of a date the general way decides (no conversion here).
    if (!(v > -9.2e18 && v < 9.2e18)) return other();
    return number(static_cast<std::int64_t>(v));
  }
  bool string(Json::string_t& v) {
    if (depth_ == 0) return false;
    if (depth_ > 1 || member_ == Member::none) return true;
    // The string members in the order of Member, after none.
    static constexpr std::string HitFields::*strings[] = {&HitFields::href, &HitFields::slug,
                                                          &HitFields::title, &HitFields::kind,
                                                          &HitFields::kind_label};
    if (member_ == Member::published_at) return other();  // a date as a string
    std::string* target = &(out_.*strings[static_cast<int>(member_) - 1]);
    if (member_ == Member::href) out_.has_href = true;
    if (member_ == Member::kind_label) out_.has_kind_label = true;
    *target = std::move(v);
    taken();
    return true;
  }
  bool binary(Json::binary_t&) { return false; }  // not in JSON text
  bool start_object(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(false); }
  bool end_array() { return close(); }
  bool key(Json::string_t& k) {
    if (depth_ != 1) return true;
    member_ = k == "href"           ? Member::href
              : k == "slug"         ? Member::slug
              : k == "title"        ? Member::title
              : k == "kind"         ? Member::kind
              : k == "kind_label"   ? Member::kind_label
              : k == "published_at" ? Member::published_at
                                    : Member::none;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

 private:
  enum class Member { none, href, slug, title, kind, kind_label, published_at };

  static unsigned bit(Member m) { return 1u << static_cast<unsigned>(m); }
  // The value of the current named member had the type read (the last one counts).
  void taken() {
    wrong_ &= ~bit(member_);
    member_ = Member::none;
  }
  // A value this reader does not take: fine for a member not named.
  bool other() {
    if (depth_ == 0) return false;
    if (depth_ == 1 && member_ != Member::none) {
      wrong_ |= bit(member_);
      member_ = Member::none;
    }
    return true;
  }
  bool number(std::int64_t v) {
    if (depth_ != 1 || member_ != Member::published_at) return other();
    out_.published_at = v;
    taken();
    return true;
  }
  // The top-level object, or an object or array inside it (skipped).
  bool open(bool object) {
    if (depth_ == 0 && !object) return false;
    if (depth_ > 0) other();
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  HitFields& out_;
  int depth_ = 0;
  Member member_ = Member::none;
  unsigned wrong_ = 0;  // bits of the named members last seen with another type
};

}  // namespace

std::optional<HitFields> read_hit_fields(std::string_view data) {
  HitFields fields;
  HitFieldsReader reader(fields);
  if (!Json::sax_parse(data, &reader) || !reader.all_taken()) return std::nullopt;
  return fields;
}

std::optional<HitFields> remembered_hit_fields(const std::string& data) {
  thread_local std::unordered_map<std::string, std::optional<HitFields>> memo;
  if (auto it = memo.find(data); it != memo.end()) return it->second;
  if (memo.size() >= hit_fields_memo_size) memo.clear();
  return memo.emplace(data, read_hit_fields(data)).first->second;
}

}  // namespace schakel::catalog
