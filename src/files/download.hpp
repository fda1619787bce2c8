#pragma once
// Downloads of stored files, with the headers that make them safe to open.
#include <string>

#include "web/http.hpp"

namespace schakel::files {

// The answer to a download of stored bytes: the sniffed `content_type`,
// Content-Disposition for `file_name`, nosniff, and the SHA-256 as ETag (304
// when the browser already has it). Never cached by shared caches.
web::Response file_download(const web::Request& req, const std::string& sha256,
                            const std::string& content_type, const std::string& file_name,
                            std::string data);

}  // namespace schakel::files
