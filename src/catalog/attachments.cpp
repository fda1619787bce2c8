#include "catalog/attachments.hpp"

#include "catalog/service.hpp"
#include "store/changes.hpp"
#include "store/row.hpp"
#include "web/form.hpp"

namespace schakel::catalog {

namespace {

const char* const attachment_columns =
    "a.id, a.resource_id, a.blob_sha256, a.file_name, a.title, b.content_type, b.size, "
    "a.position, a.created_at, a.created_by";

Attachment attachment_from(const soci::row& row) {
  using namespace store;
  Attachment a;
  a.id = int64_at(row, 0);
  a.resource_id = int64_at(row, 1);
  a.sha256 = string_at(row, 2);
  a.file_name = string_at(row, 3);
  a.title = string_at(row, 4);
  a.content_type = string_at(row, 5);
  a.size = int64_at(row, 6);
  a.position = static_cast<int>(int64_at(row, 7));
  a.created_at = int64_at(row, 8);
  a.created_by = optional_int64_at(row, 9);
  return a;
}

}  // namespace

std::string attachment_path(const std::string& slug, const Attachment& a) {
  return "/kennisbank/" + slug + "/bijlagen/" + std::to_string(a.id) + "/" +
         web::percent_encode(a.file_name);
}

std::int64_t AttachmentStore::add(soci::session& sql, std::int64_t resource_id,
                                  std::string_view bytes, const files::SniffedType& type,
                                  const std::string& file_name, const std::string& title,
                                  std::optional<std::int64_t> created_by, std::int64_t now) {
  const std::string sha = files::BlobStore::put(sql, bytes, type, now);
  long long at = now, resource = resource_id;
  int position = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(position) FROM resource_attachments WHERE resource_id = :r",
      soci::use(resource), soci::into(position, ind);
  position = ind == soci::i_ok ? position + 1 : 0;
  long long by = created_by.value_or(0), id = 0;
  soci::indicator by_ind = created_by ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO resource_attachments (resource_id, blob_sha256, file_name, title, position, "
         "created_at, created_by) VALUES (:r, :s, :f, :t, :p, :c, :b) RETURNING id",
      soci::use(resource), soci::use(sha), soci::use(file_name), soci::use(title),
      soci::use(position), soci::use(at), soci::use(by, by_ind), soci::into(id);
  return id;
}

namespace {

// The kennisbank's references to stored bytes (see files::register_referrer).
std::int64_t attachment_references(soci::session& sql, const std::string& sha256) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM resource_attachments WHERE blob_sha256 = :s", soci::use(sha256),
      soci::into(n);
  return n;
}

}  // namespace

void register_blob_referrer() {
  files::register_referrer("resource_attachments", &attachment_references);
}

std::vector<Attachment> AttachmentStore::of_resource(soci::session& sql, std::int64_t resource_id) {
  std::vector<Attachment> out;
  long long key = resource_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + attachment_columns +
                          " FROM resource_attachments a JOIN blobs b ON b.sha256 = a.blob_sha256 "
                          "WHERE a.resource_id = :r ORDER BY a.position, a.id",
       soci::use(key));
  for (const auto& row : rows) out.push_back(attachment_from(row));
  return out;
}

std::optional<Attachment> AttachmentStore::find(soci::session& sql, std::int64_t id) {
  std::optional<Attachment> out;
  long long key = id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + attachment_columns +
                          " FROM resource_attachments a JOIN blobs b ON b.sha256 = a.blob_sha256 "
                          "WHERE a.id = :id",
       soci::use(key));
  for (const auto& row : rows) out = attachment_from(row);
  return out;
}

bool AttachmentStore::remove(soci::session& sql, std::int64_t id) {
  auto found = find(sql, id);
  if (!found) return false;
  long long key = id;
  sql << "UPDATE resources SET image_attachment_id = NULL WHERE image_attachment_id = :id",
      soci::use(key);
  sql << "UPDATE resources SET audio_attachment_id = NULL WHERE audio_attachment_id = :id",
      soci::use(key);
  sql << "DELETE FROM resource_attachments WHERE id = :id", soci::use(key);
  files::BlobStore::release(sql, found->sha256);
  return true;
}

// --- The rules (CatalogService) ----------------------------------------------

Result<Attachment> CatalogService::attach(const web::Principal& actor, std::int64_t resource_id,
                                          const files::Upload& upload, std::size_t max_bytes) {
  auto checked = files::check_upload(upload, max_bytes);
  if (!checked) return checked.error();
  const files::SniffedType type = checked.value();
  const std::string name = files::safe_file_name(upload.file_name, type.extension);
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Result<Attachment> {
    auto resource = CatalogStore::find(sql, resource_id);
    if (!resource) return Error::of(Failure::not_found);
    if (!may(actor, Action::edit, &*resource)) return Error::of(Failure::forbidden);
    if (AttachmentStore::of_resource(sql, resource_id).size() >= 50)
      return Error::invalid("file", "Een fiche kan hoogstens 50 bijlagen hebben.");
    const auto id = AttachmentStore::add(sql, resource_id, upload.data, type, name, upload.title,
                                         actor.id, now);
    long long key = resource_id, at = now;
    sql << "UPDATE resources SET updated_at = :t WHERE id = :id", soci::use(at), soci::use(key);
    store::record_change(sql, "resource", std::to_string(resource_id), "updated", now);
    return *AttachmentStore::find(sql, id);
  });
}

Status CatalogService::detach(const web::Principal& actor, std::int64_t resource_id,
                              std::int64_t attachment_id) {
  const std::int64_t now = clock_.now();
  return db_.transact([&](soci::session& sql) -> Status {
    auto resource = CatalogStore::find(sql, resource_id);
    if (!resource) return Error::of(Failure::not_found);
    if (!may(actor, Action::edit, &*resource)) return Error::of(Failure::forbidden);
    auto attachment = AttachmentStore::find(sql, attachment_id);
    if (!attachment || attachment->resource_id != resource_id)
      return Error::of(Failure::not_found, "Deze bijlage bestaat niet (meer).");
    AttachmentStore::remove(sql, attachment_id);
    long long key = resource_id, at = now;
    sql << "UPDATE resources SET updated_at = :t WHERE id = :id", soci::use(at), soci::use(key);
    store::record_change(sql, "resource", std::to_string(resource_id), "updated", now);
    return ok_status();
  });
}

}  // namespace schakel::catalog
