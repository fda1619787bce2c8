#pragma once
// Files attached to kennisbank resources. The bytes live in `blobs`, once per
// SHA-256; an attachment is a resource's named reference to them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/sniff.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::catalog {

struct Attachment {
  std::int64_t id = 0;
  std::int64_t resource_id = 0;
  std::string sha256;        // hex
  std::string file_name;     // safe display name with the sniffed extension
  std::string title;         // "" when none was given
  std::string content_type;  // sniffed at upload
  std::int64_t size = 0;
  int position = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> created_by;

  bool is_image() const { return content_type.rfind("image/", 0) == 0; }
  bool is_audio() const { return content_type.rfind("audio/", 0) == 0; }
};

// A file as it came in with a form. `data` is a view into the request's body
// (see web::PartView): valid while the request lives, never copied to here.
struct Upload {
  std::string file_name;  // as sent by the browser
  std::string_view data;
  std::string title;
};

class AttachmentStore {
 public:
  // Stores `bytes` (once per SHA-256) and appends an attachment to the resource.
  // Returns the new attachment's id.
  static std::int64_t add(soci::session& sql, std::int64_t resource_id, std::string_view bytes,
                          const SniffedType& type, const std::string& file_name,
                          const std::string& title, std::optional<std::int64_t> created_by,
                          std::int64_t now);
  // The attachments of a resource in their order.
  static std::vector<Attachment> of_resource(soci::session& sql, std::int64_t resource_id);
  static std::optional<Attachment> find(soci::session& sql, std::int64_t id);
  // The stored bytes with this SHA-256, or nullopt.
  static std::optional<std::string> data(soci::session& sql, const std::string& sha256);
  // Removes an attachment, and its bytes when no other attachment refers to them.
  // False when there was no such attachment.
  static bool remove(soci::session& sql, std::int64_t id);
  // Stores `bytes` in `blobs` once per SHA-256 (also under concurrent uploads
  // of the same bytes). Returns the SHA-256 (hex) to refer to them.
  static std::string put_blob(soci::session& sql, std::string_view bytes, const SniffedType& type,
                              std::int64_t now);
  // Deletes the bytes with this SHA-256 when nothing refers to them any more:
  // no kennisbank attachment and no training material.
  static void release_blob(soci::session& sql, const std::string& sha256);
  // How many blobs are stored (for tests and the admin dashboard).
  static std::int64_t blob_count(soci::session& sql);
};

// The type of `upload` when it may be stored as a file: not missing, not empty,
// at most `max_bytes`, of a type sniff() accepts, with a title of at most 200
// characters. Otherwise a field error ("file" or "title") in Dutch.
Result<SniffedType> check_upload(const Upload& upload, std::size_t max_bytes);

// The upload of a multipart request: its part "file" (a view of its bytes in
// the body of `req`, which must outlive the Upload) and its field "title".
// Empty fields when they were not sent.
Upload upload_of(const web::Request& req);

// The answer to a download of stored bytes: the sniffed `content_type`,
// Content-Disposition for `file_name`, nosniff, and the SHA-256 as ETag (304
// when the browser already has it). Never cached by shared caches.
web::Response file_download(const web::Request& req, const std::string& sha256,
                            const std::string& content_type, const std::string& file_name,
                            std::string data);

// A display name for an uploaded file: the last path component, without
// control characters, cut to at most 100 bytes on a UTF-8 boundary, with
// `extension` (from the sniffed type) instead of the one it claimed. Never empty.
std::string safe_file_name(std::string_view name, const std::string& extension);

// Content-Disposition for downloading `file_name`: an ASCII fallback and the
// UTF-8 name (RFC 6266, RFC 8187).
std::string content_disposition(const std::string& file_name);

// "840 bytes", "12 kB", "1,4 MB".
std::string size_label_nl(std::int64_t bytes);

// The download path of an attachment of resource `slug`.
std::string attachment_path(const std::string& slug, const Attachment& a);

}  // namespace schakel::catalog
