#pragma once
// Stored file bytes, shared by every feature: `blobs` holds each content once
// per SHA-256 with its sniffed type and size. A feature keeps the SHA-256 in its
// own table (a kennisbank attachment, a training material) and registers how to
// count its references (register_referrer), so that release() decides whether
// bytes may go without naming any feature's table.
//
// Reference contract: a feature writes its reference row in the transaction
// that put() the bytes, and calls release() after deleting a reference row, in
// the same transaction. Its counter must count every row that refers to a
// SHA-256, and be registered before any blob is released: from the feature's
// install(App&) (not from a static initialiser, which the linker may drop from
// a static library), and by a program that releases blobs without an App.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "files/sniff.hpp"

namespace schakel::files {

// How many rows of one feature refer to the bytes with `sha256` (hex).
using ReferenceCounter = std::int64_t (*)(soci::session& sql, const std::string& sha256);

// Registers `count` under `name` (a feature's table, for tests and logs).
// Registering a name again replaces its counter. Returns true (so that it can
// initialise a constant). Thread-safe.
bool register_referrer(const std::string& name, ReferenceCounter count);
// The names of the registered referrers, sorted.
std::vector<std::string> referrer_names();

class BlobStore {
 public:
  // Stores `bytes` in `blobs` once per SHA-256 (also under concurrent uploads
  // of the same bytes). Returns the SHA-256 (hex) to refer to them.
  static std::string put(soci::session& sql, std::string_view bytes, const SniffedType& type,
                         std::int64_t now);
  // The stored bytes with this SHA-256, or nullopt.
  static std::optional<std::string> data(soci::session& sql, const std::string& sha256);
  // Deletes the bytes with this SHA-256 when no registered referrer counts a
  // reference to them any more. True when they were deleted.
  static bool release(soci::session& sql, const std::string& sha256);
  // How many blobs are stored (for tests and the admin dashboard).
  static std::int64_t count(soci::session& sql);
};

}  // namespace schakel::files
