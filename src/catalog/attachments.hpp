#pragma once
// Files attached to kennisbank resources. The bytes live in the shared file
// layer (files::BlobStore); an attachment is a resource's named reference to them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "files/blobs.hpp"
#include "files/download.hpp"
#include "files/names.hpp"
#include "files/upload.hpp"
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

// Tells the files layer how to count the kennisbank's references to stored bytes
// (files::register_referrer, as "resource_attachments"), so that no blob an
// attachment refers to is deleted. catalog::install calls it; a program that
// releases blobs without installing the kennisbank calls it first.
void register_blob_referrer();

class AttachmentStore {
 public:
  // Stores `bytes` (once per SHA-256) and appends an attachment to the resource.
  // Returns the new attachment's id.
  static std::int64_t add(soci::session& sql, std::int64_t resource_id, std::string_view bytes,
                          const files::SniffedType& type, const std::string& file_name,
                          const std::string& title, std::optional<std::int64_t> created_by,
                          std::int64_t now);
  // The attachments of a resource in their order.
  static std::vector<Attachment> of_resource(soci::session& sql, std::int64_t resource_id);
  static std::optional<Attachment> find(soci::session& sql, std::int64_t id);
  // Removes an attachment, and its bytes when nothing else refers to them.
  // False when there was no such attachment.
  static bool remove(soci::session& sql, std::int64_t id);
};

// The download path of an attachment of resource `slug`.
std::string attachment_path(const std::string& slug, const Attachment& a);

}  // namespace schakel::catalog
