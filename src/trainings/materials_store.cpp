#include "trainings/materials_store.hpp"

#include "files/blobs.hpp"
#include "store/row.hpp"

namespace schakel::trainings {

namespace {

const char* const material_columns =
    "id, session_id, blob_sha256, file_name, title, content_type, size, created_at";

Material material_from(const soci::row& row) {
  using namespace store;
  Material m;
  m.id = int64_at(row, 0);
  m.session_id = int64_at(row, 1);
  m.sha256 = string_at(row, 2);
  m.file_name = string_at(row, 3);
  m.title = string_at(row, 4);
  m.content_type = string_at(row, 5);
  m.size = int64_at(row, 6);
  m.created_at = int64_at(row, 7);
  return m;
}

// The training materials' references to stored bytes (see files::register_referrer).
std::int64_t material_references(soci::session& sql, const std::string& sha256) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM training_materials WHERE blob_sha256 = :s", soci::use(sha256),
      soci::into(n);
  return n;
}

}  // namespace

void register_blob_referrer() {
  files::register_referrer("training_materials", &material_references);
}

std::int64_t MaterialStore::add(soci::session& sql, std::int64_t session_id, std::string_view bytes,
                                const files::SniffedType& type, const std::string& file_name,
                                const std::string& title, std::int64_t now) {
  const std::string sha = files::BlobStore::put(sql, bytes, type, now);
  long long session = session_id, size = static_cast<long long>(bytes.size()), at = now, id = 0;
  sql << "INSERT INTO training_materials (session_id, blob_sha256, file_name, title, "
         "content_type, size, created_at) VALUES (:s, :b, :f, :t, :c, :n, :a) RETURNING id",
      soci::use(session), soci::use(sha), soci::use(file_name), soci::use(title),
      soci::use(type.mime), soci::use(size), soci::use(at), soci::into(id);
  return id;
}

std::vector<Material> MaterialStore::of_session(soci::session& sql, std::int64_t session_id) {
  std::vector<Material> out;
  long long key = session_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + material_columns +
                          " FROM training_materials WHERE session_id = :s ORDER BY id",
       soci::use(key));
  for (const auto& row : rows) out.push_back(material_from(row));
  return out;
}

std::optional<Material> MaterialStore::find(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + material_columns +
                                                     " FROM training_materials WHERE id = :id",
                                  soci::use(key));
  for (const auto& row : rows) return material_from(row);
  return std::nullopt;
}

bool MaterialStore::remove(soci::session& sql, std::int64_t id) {
  auto found = find(sql, id);
  if (!found) return false;
  long long key = id;
  sql << "DELETE FROM training_materials WHERE id = :id", soci::use(key);
  files::BlobStore::release(sql, found->sha256);
  return true;
}

}  // namespace schakel::trainings
