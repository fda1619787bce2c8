#include "accounts/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "web/form.hpp"

namespace schakel::accounts {

namespace {

void ensure_oath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

std::string decode(const std::string& base32_secret) {
  ensure_oath();
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(base32_secret.data(), base32_secret.size(), &out, &len) != OATH_OK || !out)
    throw std::invalid_argument("TOTP secret is not base32");
  std::string raw(out, len);
  std::free(out);
  return raw;
}

}  // namespace

std::string new_totp_secret() {
  ensure_oath();
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &out, &len) != OATH_OK)
    throw std::runtime_error("base32 encoding failed");
  std::string secret(out, len);
  std::free(out);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string totp_code(const std::string& base32_secret, std::int64_t unix_time, unsigned digits) {
  const std::string raw = decode(base32_secret);
  char otp[16] = {0};
  if (oath_totp_generate(raw.data(), raw.size(), static_cast<time_t>(unix_time), 30, 0, digits,
                         otp) != OATH_OK)
    throw std::invalid_argument("TOTP generation failed");
  return otp;
}

std::optional<std::int64_t> totp_step(const std::string& base32_secret, const std::string& code,
                                      std::int64_t unix_time) {
  if (code.size() != 6) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  std::string raw;
  try {
    raw = decode(base32_secret);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  int position = 0;
  const int rc = oath_totp_validate2(raw.data(), raw.size(), static_cast<time_t>(unix_time), 30, 0,
                                     1, &position, code.c_str());
  if (rc < 0) return std::nullopt;
  return unix_time / 30 + position;
}

std::string otpauth_uri(const std::string& issuer, const std::string& account,
                        const std::string& base32_secret) {
  return "otpauth://totp/" + web::percent_encode(issuer) + ":" + web::percent_encode(account) +
         "?secret=" + base32_secret + "&issuer=" + web::percent_encode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace schakel::accounts
