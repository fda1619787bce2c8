#include "web/security_headers.hpp"

namespace schakel::web {

void add_security_headers(Response& res, bool secure) {
  res.headers.set("Content-Security-Policy", content_security_policy);
  res.headers.set("Referrer-Policy", "no-referrer");
  res.headers.set("X-Content-Type-Options", "nosniff");
  res.headers.set("X-Frame-Options", "DENY");
  res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
  res.headers.set("Cross-Origin-Resource-Policy", "same-origin");
  res.headers.set(
      "Permissions-Policy",
      "accelerometer=(), ambient-light-sensor=(), autoplay=(), battery=(), camera=(), "
      "display-capture=(), document-domain=(), encrypted-media=(), fullscreen=(), "
      "geolocation=(), gyroscope=(), interest-cohort=(), magnetometer=(), microphone=(), "
      "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), "
      "screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=()");
  if (secure) res.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace schakel::web
