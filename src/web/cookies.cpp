#include "web/cookies.hpp"

#include <stdexcept>

#include "core/text.hpp"
#include "web/sessions.hpp"

namespace schakel::web {

namespace {

bool is_token_char(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;
  switch (c) {
    case '(':
    case ')':
    case '<':
    case '>':
    case '@':
    case ',':
    case ';':
    case ':':
    case '\\':
    case '"':
    case '/':
    case '[':
    case ']':
    case '?':
    case '=':
    case '{':
    case '}':
      return false;
    default:
      return true;
  }
}

bool is_cookie_octet(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x2B) || (u >= 0x2D && u <= 0x3A) ||
         (u >= 0x3C && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

}  // namespace

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < header.size()) {
    std::size_t end = header.find(';', i);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = trim_view(header.substr(i, end - i), " \t");
    i = end + 1;
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view name = pair.substr(0, eq);
    std::string_view value = pair.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    bool ok = true;
    for (char c : name) ok = ok && is_token_char(c);
    for (char c : value) ok = ok && is_cookie_octet(c);
    if (!ok) continue;
    out.emplace(std::string(name), std::string(value));
  }
  return out;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& o) {
  for (char c : name)
    if (!is_token_char(c)) throw std::invalid_argument("cookie name with a forbidden character");
  for (char c : value)
    if (!is_cookie_octet(c)) throw std::invalid_argument("cookie value with a forbidden character");
  std::string out(name);
  out += '=';
  out += value;
  out += "; Path=" + o.path;
  if (o.max_age >= 0) out += "; Max-Age=" + std::to_string(o.max_age);
  if (o.secure) out += "; Secure";
  if (o.http_only) out += "; HttpOnly";
  if (!o.same_site.empty()) out += "; SameSite=" + o.same_site;
  return out;
}

std::vector<SiteCookie> site_cookies(long signed_in_hours) {
  const std::string name = SessionStore::cookie_name;
  return {
      {name,
       "Op een pagina met een formulier dat je kunt gebruiken zonder aan te melden: aanmelden, "
       "registreren, een wachtwoord herstellen, je als gast inschrijven voor een vorming.",
       "Het bevat alleen een willekeurige code. Daarmee herkent de server dat een verstuurd "
       "formulier van deze website komt en niet van een andere (bescherming tegen misbruik). Na "
       "het versturen onthoudt het eventueel een melding voor de volgende pagina.",
       "Tot je je browser sluit."},
      {name, "Als je je aanmeldt.",
       "Het onthoudt dat je aangemeld bent, zodat je niet bij elke pagina opnieuw moet aanmelden. "
       "Het bevat alleen een willekeurige code, geen naam of e-mailadres.",
       "Tot je je afmeldt, na een tijd zonder activiteit, of ten laatste na " +
           std::to_string(signed_in_hours) + " uur."},
  };
}

}  // namespace schakel::web
