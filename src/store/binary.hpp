#pragma once
// Binary columns (@BLOB@ in migrations) on both backends. SOCI 4.0 maps
// soci::blob to large objects on PostgreSQL, not to BYTEA, so bytes travel as
// text: raw on SQLite (cast to BLOB in SQL), hex on PostgreSQL (decode/encode).
#include <string>
#include <string_view>

#include <soci/soci.h>

namespace schakel::store {

// The SQL expression for a binary parameter `:name`, e.g. "CAST(:data AS BLOB)".
std::string binary_placeholder(soci::session& sql, const std::string& name);
// The value to bind to that placeholder for `bytes`.
std::string binary_param(soci::session& sql, std::string_view bytes);
// The SQL expression that selects binary `column` as text for binary_value().
std::string binary_column(soci::session& sql, const std::string& column);
// The bytes of a value selected with binary_column().
std::string binary_value(soci::session& sql, std::string text);

}  // namespace schakel::store
