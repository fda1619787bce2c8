#include "web/http.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace schakel::web {

SpooledBody::SpooledBody(int fd) : fd_(fd) {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw std::runtime_error("spooled body: cannot stat the temporary file");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  if (size_ == 0) return;
  map_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    ::close(fd_);
    throw std::runtime_error("spooled body: cannot map the temporary file");
  }
}

SpooledBody::~SpooledBody() {
  if (map_) ::munmap(map_, size_);
  if (fd_ >= 0) ::close(fd_);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Headers::get(std::string_view name) const {
  for (const auto& [k, v] : fields_)
    if (iequals(k, name)) return v;
  return {};
}

bool Headers::has(std::string_view name) const {
  return std::any_of(fields_.begin(), fields_.end(),
                     [&](const auto& f) { return iequals(f.first, name); });
}

void Headers::set(std::string name, std::string value) {
  fields_.erase(std::remove_if(fields_.begin(), fields_.end(),
                               [&](const auto& f) { return iequals(f.first, name); }),
                fields_.end());
  fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

std::string Request::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::int64_t id_param(const Request& req, const std::string& name) {
  return parse_id(req.param(name)).value_or(0);
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "text/html; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Response Response::text(std::string body, int status) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "text/plain; charset=utf-8");
  r.body = std::move(body);
  return r;
}

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.headers.set("Location", std::move(location));
  return r;
}

std::string_view status_title_nl(int status) {
  switch (status) {
    case 400:
      return "Ongeldige aanvraag";
    case 401:
      return "Aanmelden nodig";
    case 403:
      return "Geen toegang";
    case 404:
      return "Pagina niet gevonden";
    case 405:
      return "Methode niet toegestaan";
    case 408:
      return "Aanvraag duurde te lang";
    case 409:
      return "Conflict";
    case 413:
      return "Aanvraag te groot";
    case 415:
      return "Bestandstype niet ondersteund";
    case 422:
      return "Gegevens niet in orde";
    case 429:
      return "Te veel pogingen";
    case 431:
      return "Aanvraagkoppen te groot";
    case 500:
      return "Er ging iets mis";
    case 503:
      return "Tijdelijk niet beschikbaar";
    default:
      return "Fout";
  }
}

}  // namespace schakel::web
