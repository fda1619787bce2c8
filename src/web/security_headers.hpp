#pragma once
// Security headers every response carries (DESIGN.md section 6).
#include "web/http.hpp"

namespace schakel::web {

// The Content-Security-Policy of every page: same-origin only, no inline script.
inline constexpr const char* content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'";

// Adds the security headers to `res`. With `secure` (TLS, directly or per a
// trusted proxy) also Strict-Transport-Security. Never adds a Server header.
void add_security_headers(Response& res, bool secure);

}  // namespace schakel::web
