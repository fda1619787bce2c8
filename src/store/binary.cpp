#include "store/binary.hpp"

#include "store/database.hpp"

namespace schakel::store {

namespace {

bool is_postgres(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string binary_placeholder(soci::session& sql, const std::string& name) {
  return is_postgres(sql) ? "decode(:" + name + ", 'hex')" : "CAST(:" + name + " AS BLOB)";
}

std::string binary_param(soci::session& sql, std::string_view bytes) {
  if (!is_postgres(sql)) return std::string(bytes);
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string binary_column(soci::session& sql, const std::string& column) {
  return is_postgres(sql) ? "encode(" + column + ", 'hex')" : column;
}

std::string binary_value(soci::session& sql, std::string text) {
  if (!is_postgres(sql)) return text;
  if (text.size() % 2 != 0) throw StoreError(ErrorKind::other, "odd length of hex binary value");
  std::string out(text.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) throw StoreError(ErrorKind::other, "bad hex in binary value");
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace schakel::store
