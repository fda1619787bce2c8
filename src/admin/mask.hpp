#pragma once
// What an admin may read of a queued mail: the text without the live secrets in
// its links (sign-in, reset, confirmation and guest tokens, signatures), so that
// reading the outbox does not let an admin become another account.
#include <string>

namespace schakel::admin {

// `text` with every "token=" value and every run of 20 or more URL-safe
// characters that holds a digit or a capital letter (a random token, a hex
// signature) replaced by "[verborgen]". Ordinary words and lower-case slugs stay.
std::string mask_secrets(const std::string& text);

}  // namespace schakel::admin
