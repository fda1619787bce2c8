#pragma once
// Cookie header parsing and Set-Cookie building (RFC 6265).
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace schakel::web {

// Name/value pairs of a Cookie header. Malformed pairs are skipped (browsers
// send what other sites on the same host set; that is no reason to fail).
// For a repeated name the first one wins, as browsers send the most specific first.
std::map<std::string, std::string> parse_cookies(std::string_view header);

struct CookieOptions {
  bool http_only = true;
  bool secure = true;
  std::string same_site = "Lax";  // "Strict", "Lax" or "None"
  std::string path = "/";
  long max_age = -1;  // seconds; -1: a session cookie; 0: delete now
};

// A Set-Cookie value. Requires: name and value hold only cookie-octets
// (the caller passes tokens, never user text).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

// One use of a cookie the site sets, as the privacy statement lists it (Dutch).
struct SiteCookie {
  std::string name;
  std::string where;     // on which pages or actions it is set
  std::string why;       // what it is for
  std::string lifetime;  // how long it lasts
};

// Every cookie the site can set, each use once. The privacy statement renders
// this list, and a test checks each Set-Cookie the server sends against it: a new
// cookie must be added here (and so to the statement) before it can pass.
// `signed_in_hours`: the absolute session lifetime, as configured.
std::vector<SiteCookie> site_cookies(long signed_in_hours);

}  // namespace schakel::web
