#include "reference/place_code.hpp"

#include <cctype>
#include <cstdint>

namespace schakel::reference {

namespace {

// 32 symbols that cannot be misread on paper or typed wrongly from a card.
constexpr char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
constexpr std::int64_t symbols = 32;
constexpr int length = 4;                 // 32^4 = 1,048,576 > modulus
constexpr std::int64_t modulus = 100003;  // a prime above every 5-digit number
constexpr std::int64_t multiplier = 40503;
constexpr std::int64_t offset = 7919;

// The inverse of `multiplier` modulo `modulus` (extended Euclid), for decoding.
std::int64_t inverse_multiplier() {
  std::int64_t t = 0, new_t = 1, r = modulus, new_r = multiplier;
  while (new_r != 0) {
    const std::int64_t q = r / new_r;
    const std::int64_t next_t = t - q * new_t;
    t = new_t;
    new_t = next_t;
    const std::int64_t next_r = r - q * new_r;
    r = new_r;
    new_r = next_r;
  }
  return t < 0 ? t + modulus : t;
}

int symbol_value(char c) {
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < symbols; ++i)
    if (alphabet[i] == lower) return i;
  return -1;
}

}  // namespace

std::string place_code(const std::string& nis_code) {
  if (nis_code.size() != 5 || nis_code[0] == '0') return "";
  std::int64_t n = 0;
  for (char c : nis_code) {
    if (c < '0' || c > '9') return "";
    n = n * 10 + (c - '0');
  }
  std::int64_t value = (n * multiplier + offset) % modulus;
  std::string out(length, alphabet[0]);
  for (int i = length - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = alphabet[value % symbols];
    value /= symbols;
  }
  return out;
}

std::optional<std::string> nis_for_place_code(const std::string& code) {
  if (code.size() != length) return std::nullopt;
  std::int64_t value = 0;
  for (char c : code) {
    const int v = symbol_value(c);
    if (v < 0) return std::nullopt;
    value = value * symbols + v;
  }
  if (value >= modulus) return std::nullopt;
  static const std::int64_t inverse = inverse_multiplier();
  const std::int64_t n = ((value - offset) % modulus + modulus) % modulus * inverse % modulus;
  if (n < 10000 || n > 99999) return std::nullopt;
  return std::to_string(n);
}

}  // namespace schakel::reference
