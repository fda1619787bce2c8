#pragma once
// Parser for multipart/form-data bodies (RFC 7578). The body has already been
// bounded by the server's upload limit; this parser adds limits on parts and
// part headers and rejects anything malformed.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace schakel::web {

struct Part {
  std::string name;          // the form field name (valid UTF-8)
  std::string filename;      // "" for a plain field; as sent, not sanitised
  std::string content_type;  // as declared by the client; never trusted for files
  std::string data;
  bool is_file() const { return !filename.empty(); }
};

struct MultipartLimits {
  std::size_t max_parts = 200;
  std::size_t max_part_header_bytes = 8 * 1024;
};

// The boundary parameter of a multipart/form-data Content-Type, or an error when
// the type is not multipart/form-data or the boundary is missing or malformed.
Result<std::string> multipart_boundary(std::string_view content_type);

// Splits `body` into parts. Errors (field "") for a missing closing delimiter,
// a part without a Content-Disposition name, invalid UTF-8 in names, or limits.
Result<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary,
                                          const MultipartLimits& limits = {});

}  // namespace schakel::web
