#include "files/names.hpp"

#include <cctype>
#include <cstdint>

#include "core/text.hpp"
#include "web/form.hpp"

namespace schakel::files {

namespace {

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

}  // namespace schakel::files
