#include "trainings/materials_service.hpp"

#include "files/blobs.hpp"
#include "files/names.hpp"

#include <algorithm>

#include "trainings/store.hpp"

namespace schakel::trainings {

bool gives_access(const Registration& r, const Session& session) {
  return r.state == "registered" && r.unit.series_id == session.series_id &&
         (!r.unit.session_id || *r.unit.session_id == session.id);
}

std::optional<Session> MaterialService::session_of(const Series& series, std::int64_t session_id) {
  auto session =
      db_.run([&](soci::session& sql) { return TrainingStore::find_session(sql, session_id); });
  if (!session || session->series_id != series.id) return std::nullopt;
  return session;
}

std::vector<Material> MaterialService::of_session(std::int64_t session_id) {
  return db_.run([&](soci::session& sql) { return MaterialStore::of_session(sql, session_id); });
}

Result<Material> MaterialService::add(const Series& series, std::int64_t session_id,
                                      const files::Upload& upload, std::size_t max_bytes) {
  auto checked = files::check_upload(upload, max_bytes);
  if (!checked) return checked.error();
  const files::SniffedType type = checked.value();
  const std::string name = files::safe_file_name(upload.file_name, type.extension);
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Material> {
    auto session = TrainingStore::find_session(sql, session_id);
    if (!session || session->series_id != series.id)
      return Error::of(Failure::not_found, "Deze sessie bestaat niet (meer).");
    if (MaterialStore::of_session(sql, session_id).size() >= max_materials_per_session)
      return Error::invalid("file", "Een sessie kan hoogstens " +
                                        std::to_string(max_materials_per_session) +
                                        " bestanden hebben. Verwijder er eerst een.");
    const auto id = MaterialStore::add(sql, session_id, upload.data, type, name, upload.title, now);
    return *MaterialStore::find(sql, id);
  });
}

Status MaterialService::remove(const Series& series, std::int64_t session_id,
                               std::int64_t material_id) {
  return db_.transact([&](soci::session& sql) -> Status {
    auto session = TrainingStore::find_session(sql, session_id);
    auto material = MaterialStore::find(sql, material_id);
    if (!session || session->series_id != series.id || !material ||
        material->session_id != session_id)
      return Error::of(Failure::not_found, "Dit bestand bestaat niet (meer).");
    MaterialStore::remove(sql, material_id);
    return ok_status();
  });
}

bool MaterialService::may_read(const Series& series, const Session& session, const Reader& reader) {
  if (session.series_id != series.id) return false;
  if (reader.organiser) return true;
  return db_.run([&](soci::session& sql) {
    if (reader.token_registration) {
      auto r = TrainingStore::find_registration(sql, *reader.token_registration);
      if (r && gives_access(*r, session)) return true;
    }
    if (!reader.user) return false;
    const auto mine = TrainingStore::of_person(sql, reader.user->id, reader.user->email);
    return std::any_of(mine.begin(), mine.end(),
                       [&](const Registration& r) { return gives_access(r, session); });
  });
}

std::optional<MaterialService::File> MaterialService::download(const Series& series,
                                                               std::int64_t material_id,
                                                               const Reader& reader) {
  auto material =
      db_.run([&](soci::session& sql) { return MaterialStore::find(sql, material_id); });
  if (!material) return std::nullopt;
  auto session = session_of(series, material->session_id);
  if (!session || !may_read(series, *session, reader)) return std::nullopt;
  auto data =
      db_.run([&](soci::session& sql) { return files::BlobStore::data(sql, material->sha256); });
  if (!data) return std::nullopt;
  return File{std::move(*material), std::move(*data)};
}

}  // namespace schakel::trainings
