#include "accounts/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "core/embedded.hpp"

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

namespace {

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> list = [] {
    std::unordered_set<std::string> out;
    const auto* file = embedded::find("src/accounts/common_passwords.txt");
    if (!file) throw std::logic_error("common password list not embedded");
    std::string_view data = file->data;
    std::size_t i = 0;
    while (i < data.size()) {
      std::size_t end = data.find('\n', i);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(i, end - i);
      i = end + 1;
      if (!line.empty() && line[0] != '#') out.emplace(line);
    }
    return out;
  }();
  return list;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::size_t common_password_count() { return common_passwords().size(); }

bool is_common_password(const std::string& password) {
  const auto& list = common_passwords();
  const std::string low = lower(password);
  if (list.count(low)) return true;
  // Strip digits and signs from both ends: "Welkom2024!!" -> "welkom".
  std::size_t first = 0, last = low.size();
  while (first < last && !std::isalpha(static_cast<unsigned char>(low[first]))) ++first;
  while (last > first && !std::isalpha(static_cast<unsigned char>(low[last - 1]))) --last;
  const std::string core = low.substr(first, last - first);
  if (core.size() >= 4 && low.size() - core.size() <= 6 && list.count(core)) return true;
  // A common word typed twice: "qwertyqwerty".
  if (low.size() % 2 == 0 && low.substr(0, low.size() / 2) == low.substr(low.size() / 2) &&
      list.count(low.substr(0, low.size() / 2)))
    return true;
  return false;
}

Status check_password_policy(const std::string& password, const std::string& email) {
  if (!web::valid_utf8(password))
    return Error::invalid("password", "Het wachtwoord bevat ongeldige tekens.");
  std::size_t code_points = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++code_points;
  if (code_points < 12)
    return Error::invalid("password", "Kies een wachtwoord van minstens 12 tekens.");
  if (code_points > 128)
    return Error::invalid("password", "Kies een wachtwoord van hoogstens 128 tekens.");
  if (is_common_password(password))
    return Error::invalid(
        "password",
        "Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander, "
        "bijvoorbeeld een zin van enkele woorden.");
  const std::string name = lower(email.substr(0, email.find('@')));
  if (name.size() >= 4 && lower(password).find(name) != std::string::npos)
    return Error::invalid("password", "Gebruik je e-mailadres niet in je wachtwoord.");
  return ok_status();
}

}  // namespace schakel::accounts
