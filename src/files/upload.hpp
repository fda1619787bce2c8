#pragma once
// Uploaded files, for every feature that takes them: the file as it came in
// with a form, and the checks before anything of it is stored.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "files/sniff.hpp"
#include "web/http.hpp"

namespace schakel::files {

// A file as it came in with a form. `data` is a view into the request's body
// (see web::PartView): valid while the request lives, never copied to here.
struct Upload {
  std::string file_name;  // as sent by the browser
  std::string_view data;
  std::string title;
};

// The type of `upload` when it may be stored as a file: not missing, not empty,
// at most `max_bytes`, of a type sniff() accepts, with a title of at most 200
// characters. Otherwise a field error ("file" or "title") in Dutch.
Result<SniffedType> check_upload(const Upload& upload, std::size_t max_bytes);

// The upload of a multipart request: its part "file" (a view of its bytes in
// the body of `req`, which must outlive the Upload) and its field "title".
// Empty fields when they were not sent.
Upload upload_of(const web::Request& req);

// "840 bytes", "12 kB", "1,4 MB".
std::string size_label_nl(std::int64_t bytes);

}  // namespace schakel::files
