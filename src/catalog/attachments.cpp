#include "catalog/attachments.hpp"

#include <cstdio>

#include "catalog/service.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "store/binary.hpp"
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

// The length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

std::uint32_t code_point(std::string_view seq) {
  const auto b = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(seq[i]));
  };
  switch (seq.size()) {
    case 1:
      return b(0);
    case 2:
      return (b(0) & 0x1F) << 6 | (b(1) & 0x3F);
    case 3:
      return (b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F);
    default:
      return (b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F);
  }
}

// Characters a file name must not carry: controls, and the bidirectional
// overrides that make "gpj.exe" look like "exe.jpg".
bool unwanted(std::uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

}  // namespace

std::string safe_file_name(std::string_view name, const std::string& extension) {
  if (auto cut = name.find_last_of("/\\"); cut != std::string_view::npos)
    name = name.substr(cut + 1);
  std::string clean;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(name[i]));
    const std::string_view seq = name.substr(i, length);
    if (!web::valid_utf8(seq)) {  // a stray byte goes, and only that byte
      ++i;
      continue;
    }
    i += seq.size();
    const std::uint32_t cp = code_point(seq);
    if (unwanted(cp)) continue;
    if (seq.size() == 1 && std::string_view("<>:\"|?*").find(seq[0]) != std::string_view::npos)
      clean.push_back('_');
    else
      clean.append(seq);
  }
  clean = trim(clean, " .");
  // The extension it claimed goes: the sniffed one replaces it.
  if (auto dot = clean.rfind('.'); dot != std::string::npos && dot > 0) {
    const std::string claimed = clean.substr(dot + 1);
    if (!claimed.empty() && claimed.size() <= 5 &&
        claimed.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos)
      clean.resize(dot);
  }
  clean = trim(clean, " .");
  const std::size_t max_stem = 100 - 1 - extension.size();
  if (clean.size() > max_stem) {
    std::size_t cut = max_stem;
    while (cut > 0 && (static_cast<unsigned char>(clean[cut]) & 0xC0) == 0x80) --cut;
    clean.resize(cut);
    clean = trim(clean, " .");
  }
  if (clean.empty()) clean = "bijlage";
  return clean + "." + extension;
}

std::string content_disposition(const std::string& file_name) {
  std::string ascii, encoded;
  for (std::size_t i = 0; i < file_name.size();) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(file_name[i]));
    const unsigned char c = static_cast<unsigned char>(file_name[i]);
    ascii.push_back(length == 1 && c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%'
                        ? static_cast<char>(c)
                        : '_');
    i += length;
  }
  static const char hex[] = "0123456789ABCDEF";
  for (unsigned char c : file_name) {
    if (std::isalnum(c) && c < 0x80) {
      encoded.push_back(static_cast<char>(c));
    } else if (std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) !=
               std::string_view::npos) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(hex[c >> 4]);
      encoded.push_back(hex[c & 15]);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string size_label_nl(std::int64_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  if (bytes < 1'000'000) return std::to_string((bytes + 500) / 1000) + " kB";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  std::string out = text;
  if (auto dot = out.find(".0 "); dot != std::string::npos) out.erase(dot, 2);  // "20 MB"
  if (auto dot = out.find('.'); dot != std::string::npos) out[dot] = ',';
  return out;
}

Result<SniffedType> check_upload(const Upload& upload, std::size_t max_bytes) {
  if (upload.file_name.empty() && upload.data.empty())
    return Error::invalid("file", "Kies een bestand om toe te voegen.");
  if (upload.data.empty())
    return Error::invalid("file", "Het gekozen bestand is leeg. Kies een ander bestand.");
  if (upload.data.size() > max_bytes)
    return Error::invalid("file", "Het bestand is te groot. Een bijlage mag hoogstens " +
                                      size_label_nl(static_cast<std::int64_t>(max_bytes)) +
                                      " zijn.");
  const auto type = sniff(upload.data);
  if (!type)
    return Error::invalid(
        "file",
        "Dit soort bestand kan je niet toevoegen. Een bijlage is een PDF, een afbeelding (PNG, "
        "JPEG, GIF of WebP), een Office- of OpenDocument-bestand of audio (MP3, M4A of Ogg). We "
        "kijken naar de inhoud van het bestand, niet naar de naam.");
  std::size_t characters = 0;
  for (unsigned char c : upload.title) characters += (c & 0xC0) != 0x80;
  if (!web::valid_utf8(upload.title) || characters > 200)
    return Error::invalid("title", "Gebruik voor de titel hoogstens 200 tekens.");
  return *type;
}

Upload upload_of(web::Request& req) {
  Upload upload;
  for (auto& part : req.files)
    if (part.name == "file") {
      upload.file_name = part.filename;
      upload.data = std::move(part.data);
      break;
    }
  upload.title = req.form.get("title");
  return upload;
}

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

std::string attachment_path(const std::string& slug, const Attachment& a) {
  return "/kennisbank/" + slug + "/bijlagen/" + std::to_string(a.id) + "/" +
         web::percent_encode(a.file_name);
}

std::int64_t AttachmentStore::add(soci::session& sql, std::int64_t resource_id,
                                  std::string_view bytes, const SniffedType& type,
                                  const std::string& file_name, const std::string& title,
                                  std::optional<std::int64_t> created_by, std::int64_t now) {
  const std::string sha = put_blob(sql, bytes, type, now);
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

std::string AttachmentStore::put_blob(soci::session& sql, std::string_view bytes,
                                      const SniffedType& type, std::int64_t now) {
  const std::string sha = sha256_hex(bytes);
  long long size = static_cast<long long>(bytes.size()), at = now;
  const std::string data = store::binary_param(sql, bytes);
  // Insert-if-absent works on both backends and under concurrent uploads of the same bytes.
  sql << "INSERT INTO blobs (sha256, size, content_type, data, created_at) VALUES (:s, :n, :t, " +
             store::binary_placeholder(sql, "d") + ", :c) ON CONFLICT (sha256) DO NOTHING",
      soci::use(sha), soci::use(size), soci::use(type.mime), soci::use(data), soci::use(at);
  return sha;
}

void AttachmentStore::release_blob(soci::session& sql, const std::string& sha256) {
  int others = 0;
  sql << "SELECT (SELECT COUNT(*) FROM resource_attachments WHERE blob_sha256 = :s) + "
         "(SELECT COUNT(*) FROM training_materials WHERE blob_sha256 = :m)",
      soci::use(sha256), soci::use(sha256), soci::into(others);
  if (others == 0) sql << "DELETE FROM blobs WHERE sha256 = :s", soci::use(sha256);
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

std::optional<std::string> AttachmentStore::data(soci::session& sql, const std::string& sha256) {
  std::string text;
  sql << "SELECT " + store::binary_column(sql, "data") + " FROM blobs WHERE sha256 = :s",
      soci::use(sha256), soci::into(text);
  if (!sql.got_data()) return std::nullopt;
  return store::binary_value(sql, std::move(text));
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
  release_blob(sql, found->sha256);
  return true;
}

std::int64_t AttachmentStore::blob_count(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM blobs", soci::into(n);
  return n;
}

// --- The rules (CatalogService) ----------------------------------------------

Result<Attachment> CatalogService::attach(const web::Principal& actor, std::int64_t resource_id,
                                          const Upload& upload, std::size_t max_bytes) {
  auto checked = check_upload(upload, max_bytes);
  if (!checked) return checked.error();
  const SniffedType type = checked.value();
  const std::string name = safe_file_name(upload.file_name, type.extension);
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
