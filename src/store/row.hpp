#pragma once
// Typed reads from a soci::row that hide how each backend reports column types
// (SQLite reports declared types loosely; PostgreSQL distinguishes int4/int8).
#include <cstdint>
#include <optional>
#include <string>

#include <soci/soci.h>

namespace schakel::store {

// The integer in column `i`. Throws StoreError(other) when it is NULL or not a number.
std::int64_t int64_at(const soci::row& r, std::size_t i);
// The integer in column `i`, or nullopt when NULL.
std::optional<std::int64_t> optional_int64_at(const soci::row& r, std::size_t i);
// The text in column `i`; "" when NULL.
std::string string_at(const soci::row& r, std::size_t i);
// Column `i` as a boolean stored as an integer (0/1).
inline bool bool_at(const soci::row& r, std::size_t i) { return int64_at(r, i) != 0; }
// The real number in column `i`, as either backend reports it (a double, text or
// an integer). Throws StoreError(other) when it is NULL or not a number.
double double_at(const soci::row& r, std::size_t i);
// The real number in column `i`, or nullopt when NULL.
std::optional<double> optional_double_at(const soci::row& r, std::size_t i);

}  // namespace schakel::store
