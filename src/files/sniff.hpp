#pragma once
// Recognises the file types the platform accepts as uploads (kennisbank
// attachments, training materials) from their content alone; the name and the declared type of an
// upload are never trusted.
#include <optional>
#include <string>
#include <string_view>

namespace schakel::files {

enum class FileFamily { document, image, audio };

struct SniffedType {
  std::string mime;       // "application/pdf"
  std::string extension;  // canonical, without the dot: "pdf"
  FileFamily family = FileFamily::document;
};

// The type of `bytes`, or nullopt when it is none of the accepted types (PDF;
// PNG, JPEG, GIF, WebP; docx/xlsx/pptx, odt/ods/odp, doc/xls/ppt; MP3, M4A,
// OGG) or too short to tell. Total: never throws, reads only inside `bytes`.
std::optional<SniffedType> sniff(std::string_view bytes) noexcept;

// A short Dutch description of a MIME type for lists ("PDF-document").
std::string type_label_nl(const std::string& mime);

}  // namespace schakel::files
