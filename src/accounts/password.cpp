#include "accounts/password.hpp"

#include <sodium.h>

#include <stdexcept>

#include "web/form.hpp"

namespace schakel::accounts {

std::string hash_password(const std::string& password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), argon2_ops, argon2_memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& encoded, const std::string& password) {
  if (sodium_init() < 0) return false;
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

Status check_password_policy(const std::string& password) {
  if (!web::valid_utf8(password))
    return Error::invalid("password", "Het wachtwoord bevat ongeldige tekens.");
  std::size_t code_points = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++code_points;
  if (code_points < 12)
    return Error::invalid("password", "Kies een wachtwoord van minstens 12 tekens.");
  if (code_points > 128)
    return Error::invalid("password", "Kies een wachtwoord van hoogstens 128 tekens.");
  return ok_status();
}

}  // namespace schakel::accounts
