#include "web/multipart.hpp"

#include <cctype>

#include "core/text.hpp"
#include "web/form.hpp"
#include "web/http.hpp"

namespace schakel::web {

namespace {

// Reads the parameter `key` of a header value like `form-data; name="x"; filename="y"`.
// Returns false when the value is syntactically broken.
bool header_param(std::string_view value, std::string_view key, std::string* out, bool* found) {
  *found = false;
  std::size_t i = value.find(';');
  while (i != std::string_view::npos && i < value.size()) {
    ++i;
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    std::size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) return trim_view(value.substr(i), " \t").empty();
    std::string_view k = trim_view(value.substr(i, eq - i), " \t");
    std::size_t j = eq + 1;
    std::string v;
    if (j < value.size() && value[j] == '"') {
      ++j;
      bool closed = false;
      while (j < value.size()) {
        char c = value[j];
        if (c == '\\' && j + 1 < value.size()) {
          v.push_back(value[j + 1]);
          j += 2;
          continue;
        }
        if (c == '"') {
          closed = true;
          ++j;
          break;
        }
        v.push_back(c);
        ++j;
      }
      if (!closed) return false;
      while (j < value.size() && value[j] != ';') {
        if (value[j] != ' ' && value[j] != '\t') return false;
        ++j;
      }
    } else {
      std::size_t end = value.find(';', j);
      if (end == std::string_view::npos) end = value.size();
      v = std::string(trim_view(value.substr(j, end - j), " \t"));
      j = end;
    }
    if (iequals(k, key)) {
      *out = v;
      *found = true;
    }
    i = j < value.size() ? j : std::string_view::npos;
  }
  return true;
}

Error bad(std::string message) { return Error::invalid("", std::move(message)); }

// Reads the headers of one part (without the blank line that ends them) into
// `part`: its name and file name from Content-Disposition, its Content-Type.
// Refuses a part without a name, a second disposition and control characters.
Status read_part_headers(std::string_view headers, PartView* part) {
  bool has_disposition = false;
  std::size_t line_start = 0;
  while (line_start <= headers.size()) {
    std::size_t line_end = headers.find("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = headers.size();
    std::string_view line = headers.substr(line_start, line_end - line_start);
    line_start = line_end + 2;
    if (line.empty()) {
      if (line_end >= headers.size()) break;
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return bad("Een deel van het formulier is ongeldig.");
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim_view(line.substr(colon + 1), " \t");
    if (iequals(name, "Content-Disposition")) {
      if (has_disposition) return bad("Een deel van het formulier is ongeldig.");
      std::string_view kind = trim_view(value.substr(0, value.find(';')), " \t");
      if (!iequals(kind, "form-data")) return bad("Een deel van het formulier is ongeldig.");
      bool found_name = false, found_file = false;
      if (!header_param(value, "name", &part->name, &found_name) ||
          !header_param(value, "filename", &part->filename, &found_file))
        return bad("Een deel van het formulier is ongeldig.");
      if (!found_name || part->name.empty())
        return bad("Een deel van het formulier heeft geen naam.");
      has_disposition = true;
    } else if (iequals(name, "Content-Type")) {
      part->content_type = std::string(value);
    }
    if (line_end >= headers.size()) break;
  }
  if (!has_disposition) return bad("Een deel van het formulier heeft geen naam.");
  if (!valid_utf8(part->name) || !valid_utf8(part->filename))
    return bad("Het formulier bevat ongeldige tekens.");
  for (unsigned char c : part->name + part->filename + part->content_type)
    if (c < 0x20 || c == 0x7F) return bad("Het formulier bevat ongeldige tekens.");
  return ok_status();
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  if (!iequals(trim_view(type, " \t"), "multipart/form-data"))
    return bad("Verwacht een formulier met bestanden (multipart/form-data).");
  std::string boundary;
  bool found = false;
  if (!header_param(content_type, "boundary", &boundary, &found) || !found)
    return bad("Het formulier mist een geldige scheidingslijn (boundary).");
  if (boundary.empty() || boundary.size() > 70) return bad("De scheidingslijn is ongeldig.");
  for (char c : boundary) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E)
      return bad("De scheidingslijn is ongeldig.");
  }
  return boundary;
}

Result<std::vector<PartView>> parse_multipart_views(std::string_view body,
                                                    std::string_view boundary,
                                                    const MultipartLimits& limits) {
  if (boundary.empty()) return bad("De scheidingslijn is ongeldig.");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next = "\r\n" + delimiter;
  std::vector<PartView> parts;

  // The body starts with the first delimiter (a preamble is allowed but unusual).
  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    pos = body.find(next);
    if (pos == std::string_view::npos) return bad("Het formulier is onvolledig.");
    pos += 2;
  }
  pos += delimiter.size();

  while (true) {
    // After a delimiter: "--" closes the body, CRLF starts a part.
    if (body.substr(pos, 2) == "--") return parts;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return bad("Het formulier is onvolledig.");
    pos += 2;
    if (parts.size() >= limits.max_parts) return bad("Het formulier bevat te veel delen.");

    // A part starts with its headers; an empty line here means it has none (and
    // so no name), which must not let the next lines pass for its headers.
    if (body.substr(pos, 2) == "\r\n") return bad("Een deel van het formulier heeft geen naam.");
    std::size_t header_end = body.find("\r\n\r\n", pos);
    std::size_t header_len =
        header_end == std::string_view::npos ? body.size() - pos : header_end - pos;
    if (header_len > limits.max_part_header_bytes)
      return bad("Een deel van het formulier is te groot.");
    if (header_end == std::string_view::npos) return bad("Het formulier is onvolledig.");

    PartView part;
    if (auto read = read_part_headers(body.substr(pos, header_end - pos), &part); !read)
      return read.error();

    std::size_t data_start = header_end + 4;
    std::size_t data_end = body.find(next, data_start);
    if (data_end == std::string_view::npos) return bad("Het formulier is onvolledig.");
    part.data = body.substr(data_start, data_end - data_start);
    if (!part.is_file() && !valid_utf8(part.data))
      return bad("Het formulier bevat ongeldige tekens.");
    parts.push_back(std::move(part));
    pos = data_end + next.size();
  }
}

std::optional<PartView> file_part(const Request& req, std::string_view name) {
  for (const auto& part : req.files)
    if (part.is_file() && part.name == name) return part;
  return std::nullopt;
}

}  // namespace schakel::web
