#pragma once
// The rules of session materials: the organiser adds and removes files of a
// session (checked like kennisbank attachments: by content, size and name);
// the organiser and the participants holding a place download them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "files/upload.hpp"
#include "store/database.hpp"
#include "trainings/materials_store.hpp"
#include "trainings/types.hpp"
#include "web/http.hpp"

namespace schakel::trainings {

// At most this many materials per session.
inline constexpr std::size_t max_materials_per_session = 30;

// Does `r` give its holder access to the materials of `session`: a place
// (state registered) for the session itself or for its whole series.
bool gives_access(const Registration& r, const Session& session);

// Who asks for a material: the signed-in user (may be empty), whether that
// user organises the series, and the registration of a guest's manage token.
struct Reader {
  std::optional<web::Principal> user;
  bool organiser = false;
  std::optional<std::int64_t> token_registration;
};

class MaterialService {
 public:
  // Requires: `db` and `clock` outlive the service.
  MaterialService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The session `session_id` when it belongs to `series`; else nullopt.
  std::optional<Session> session_of(const Series& series, std::int64_t session_id);
  // Materials of a session, in the order they were added.
  std::vector<Material> of_session(std::int64_t session_id);

  // Adds `upload` to the session (the caller checked that the actor organises
  // `series`). Field errors "file"/"title" in Dutch (missing, empty, larger than
  // `max_bytes`, a type sniff() does not accept, too many files); not_found when
  // the session is not one of the series. Nothing is stored on an error.
  Result<Material> add(const Series& series, std::int64_t session_id, const files::Upload& upload,
                       std::size_t max_bytes);
  // Removes a material of the session; not_found when it is not one of its.
  Status remove(const Series& series, std::int64_t session_id, std::int64_t material_id);

  // May `reader` open the materials of `session` (of `series`)?
  bool may_read(const Series& series, const Session& session, const Reader& reader);

  // The material `material_id` of `series` with its bytes, when `reader` may
  // download it; nullopt otherwise (unknown, another series, no place).
  struct File {
    Material material;
    std::string data;
  };
  std::optional<File> download(const Series& series, std::int64_t material_id,
                               const Reader& reader);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::trainings
