#pragma once
// SQL of the materials of training sessions (training_materials). The bytes
// live in the shared `blobs` table, once per SHA-256 (catalog::AttachmentStore).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "files/sniff.hpp"
#include "store/database.hpp"

namespace schakel::trainings {

// A file the organiser attached to a session for its participants.
struct Material {
  std::int64_t id = 0;
  std::int64_t session_id = 0;
  std::string sha256;        // hex, the key in `blobs`
  std::string file_name;     // safe display name with the sniffed extension
  std::string title;         // "" when none was given
  std::string content_type;  // sniffed at upload
  std::int64_t size = 0;
  std::int64_t created_at = 0;
};

// Tells the files layer how to count the training materials' references to
// stored bytes (files::register_referrer, as "training_materials"), so that no
// blob a material refers to is deleted. trainings::install calls it; a program
// that releases blobs without installing trainings calls it first.
void register_blob_referrer();

class MaterialStore {
 public:
  // Stores `bytes` (once per SHA-256) and adds a material to the session.
  // Returns the new material's id.
  static std::int64_t add(soci::session& sql, std::int64_t session_id, std::string_view bytes,
                          const files::SniffedType& type, const std::string& file_name,
                          const std::string& title, std::int64_t now);
  // The materials of a session in the order they were added.
  static std::vector<Material> of_session(soci::session& sql, std::int64_t session_id);
  static std::optional<Material> find(soci::session& sql, std::int64_t id);
  // Removes a material, and its bytes when nothing else refers to them. False
  // when there was no such material.
  static bool remove(soci::session& sql, std::int64_t id);
};

}  // namespace schakel::trainings
