#include "files/upload.hpp"

#include <cstdio>

#include "web/form.hpp"
#include "web/multipart.hpp"

namespace schakel::files {

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

Upload upload_of(const web::Request& req) {
  Upload upload;
  if (auto part = web::file_part(req, "file")) {
    upload.file_name = std::move(part->filename);
    upload.data = part->data;
  }
  upload.title = req.form.get("title");
  return upload;
}

}  // namespace schakel::files
