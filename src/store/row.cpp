#include "store/row.hpp"

#include "store/database.hpp"

namespace schakel::store {

std::optional<std::int64_t> optional_int64_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<std::int64_t>(r.get<double>(i));
    case soci::dt_string: {
      const std::string text = r.get<std::string>(i);
      try {
        std::size_t used = 0;
        long long v = std::stoll(text, &used);
        if (used == text.size()) return v;
      } catch (const std::exception&) {
      }
      throw StoreError(ErrorKind::other, "column " + std::to_string(i) + " is not an integer");
    }
    default:
      throw StoreError(ErrorKind::other, "column " + std::to_string(i) + " is not an integer");
  }
}

std::int64_t int64_at(const soci::row& r, std::size_t i) {
  auto v = optional_int64_at(r, i);
  if (!v) throw StoreError(ErrorKind::other, "column " + std::to_string(i) + " is NULL");
  return *v;
}

std::string string_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  if (r.get_properties(i).get_data_type() == soci::dt_string) return r.get<std::string>(i);
  return std::to_string(int64_at(r, i));
}

double double_at(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_string:
      return std::stod(r.get<std::string>(i));
    default:
      return static_cast<double>(int64_at(r, i));
  }
}

std::optional<double> optional_double_at(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return double_at(r, i);
}

}  // namespace schakel::store
