#pragma once
// Names of uploaded files: what is stored and shown, and what a download sends.
#include <string>
#include <string_view>

namespace schakel::files {

// A display name for an uploaded file: the last path component, without
// control characters, cut to at most 100 bytes on a UTF-8 boundary, with
// `extension` (from the sniffed type) instead of the one it claimed. Never empty.
std::string safe_file_name(std::string_view name, const std::string& extension);

// Content-Disposition for downloading `file_name`: an ASCII fallback and the
// UTF-8 name (RFC 6266, RFC 8187).
std::string content_disposition(const std::string& file_name);

}  // namespace schakel::files
