#pragma once
// Multipart parts as views into the body instead of copies, for bodies too
// large to copy: uploads, which the server spools to an unlinked file and maps
// (web::SpooledBody). Same parser, checks and errors as parse_multipart.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "web/http.hpp"
#include "web/multipart.hpp"

namespace schakel::web {

// One part of a multipart body. `data` is a view into the parsed body: valid
// only while that body lives. For a request that is the handler call
// (Request::spooled or Request::body, which must not change meanwhile); copy
// what must outlive it.
struct PartView {
  std::string name;          // the form field name (valid UTF-8)
  std::string filename;      // "" for a plain field; as sent, not sanitised
  std::string content_type;  // as declared by the client; never trusted for files
  std::string_view data;     // a view into the parsed body
  bool is_file() const { return !filename.empty(); }
};

// Splits `body` into parts that view it (it must outlive them). Errors as
// parse_multipart.
Result<std::vector<PartView>> parse_multipart_views(std::string_view body,
                                                    std::string_view boundary,
                                                    const MultipartLimits& limits = {});

// The first file part (one with a filename) called `name` in the multipart body
// of `req`, viewing the body; nullopt when the body is not multipart/form-data,
// is malformed, or has no such part. The app copies only plain fields into
// Request::form: handlers of upload routes read file parts here, uncopied.
std::optional<PartView> file_part(const Request& req, std::string_view name);

}  // namespace schakel::web
