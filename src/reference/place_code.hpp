#pragma once
// Place codes: a short, neutral path segment that stands for a municipality, so that
// a URL a citizen may want to hide (local help, the postcards' QR codes) names no
// place in words or in its well-known NIS code. The code is a fixed function of the
// NIS code, the same on every installation and forever, because printed postcards
// carry it. It hides the place from a glance at the browser history; it is not a
// secret (anyone with this file can decode it).
#include <optional>
#include <string>

namespace schakel::reference {

// The place code of a 5-digit NIS code: four characters of [a-z2-9] (no 0, 1, o, l),
// e.g. place_code("44021"). Requires `nis_code` to be 5 digits not starting with 0;
// returns "" otherwise.
std::string place_code(const std::string& nis_code);

// The NIS code a place code stands for, or nullopt when `code` is not one (wrong
// length or characters, or it decodes to no 5-digit code). Accepts upper case.
// Whether that NIS code names a municipality is for is_municipality() to say.
std::optional<std::string> nis_for_place_code(const std::string& code);

}  // namespace schakel::reference
