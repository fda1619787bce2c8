#pragma once
// Parser for multipart/form-data bodies (RFC 7578). The body has already been
// bounded by the server's upload limit; this parser adds limits on parts and
// part headers and rejects anything malformed. Parts are views into the body,
// not copies: uploads of many megabytes are spooled by the server to an unlinked
// file and mapped (web::SpooledBody), and are never copied.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace schakel::web {

struct Request;

// One part of a multipart body. `data` is a view into the parsed body: valid
// only while that body lives unchanged. For a request that is the handler call
// (Request::spooled or Request::body); copy what must outlive it.
struct PartView {
  std::string name;          // the form field name (valid UTF-8)
  std::string filename;      // "" for a plain field; as sent, not sanitised
  std::string content_type;  // as declared by the client; never trusted for files
  std::string_view data;     // a view into the parsed body
  bool is_file() const { return !filename.empty(); }
};

struct MultipartLimits {
  std::size_t max_parts = 200;
  std::size_t max_part_header_bytes = 8 * 1024;
};

// The boundary parameter of a multipart/form-data Content-Type, or an error when
// the type is not multipart/form-data or the boundary is missing or malformed.
Result<std::string> multipart_boundary(std::string_view content_type);

// Splits `body` into parts that view it (it must outlive them). Errors (field "")
// for a missing closing delimiter, a part without a Content-Disposition name,
// invalid UTF-8 in names or plain fields, or limits.
Result<std::vector<PartView>> parse_multipart_views(std::string_view body,
                                                    std::string_view boundary,
                                                    const MultipartLimits& limits = {});

// The first file part (one with a filename) called `name` of `req`, viewing its
// body; nullopt when there is none. The app parses a multipart body once: it
// copies the plain fields into Request::form and keeps the file parts, uncopied,
// in Request::files, which this reads.
std::optional<PartView> file_part(const Request& req, std::string_view name);

}  // namespace schakel::web
