#include "files/download.hpp"

#include "files/names.hpp"

namespace schakel::files {

web::Response file_download(const web::Request& req, const std::string& sha256,
                            const std::string& content_type, const std::string& file_name,
                            std::string data) {
  web::Response out;
  const std::string etag = "\"" + sha256 + "\"";
  out.headers.set("ETag", etag);
  out.headers.set("Cache-Control", "private, no-cache");
  out.headers.set("X-Content-Type-Options", "nosniff");
  if (req.headers.get("If-None-Match") == etag) {
    out.status = 304;
    return out;
  }
  out.headers.set("Content-Type", content_type);
  out.headers.set("Content-Disposition", content_disposition(file_name));
  out.body = std::move(data);
  return out;
}

}  // namespace schakel::files
