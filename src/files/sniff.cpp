#include "files/sniff.hpp"

#include <array>
#include <cstdint>

namespace schakel::files {

namespace {

// Bounds-checked little-endian reads: 0 when out of range.
std::uint32_t le(std::string_view b, std::size_t at, int width) {
  if (at > b.size() || b.size() - at < static_cast<std::size_t>(width)) return 0;
  std::uint32_t v = 0;
  for (int i = width - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
  return v;
}

bool has_at(std::string_view b, std::size_t at, std::string_view what) {
  return at <= b.size() && b.size() - at >= what.size() && b.substr(at, what.size()) == what;
}

std::uint8_t byte(std::string_view b, std::size_t at) {
  return at < b.size() ? static_cast<unsigned char>(b[at]) : 0;
}

SniffedType doc(const char* mime, const char* ext) { return {mime, ext, FileFamily::document}; }

// --- ZIP containers: OOXML and OpenDocument ---------------------------------

std::optional<SniffedType> sniff_zip(std::string_view b) {
  // The end of central directory record, searched from the end (it may carry a comment).
  const std::size_t min_eocd = 22;
  if (b.size() < 30 + min_eocd) return std::nullopt;
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = b.size() > min_eocd + 65535 ? b.size() - min_eocd - 65535 : 0;
  for (std::size_t at = b.size() - min_eocd + 1; at-- > lowest;)
    if (le(b, at, 4) == 0x06054b50) {
      eocd = at;
      break;
    }
  if (eocd == std::string_view::npos) return std::nullopt;  // truncated or not a ZIP

  // OpenDocument: the first entry is "mimetype", stored uncompressed.
  if (le(b, 8, 2) == 0 && le(b, 26, 2) == 8 && has_at(b, 30, "mimetype")) {
    const std::size_t start = 30 + 8 + le(b, 28, 2), length = le(b, 18, 4);
    if (start <= b.size() && length <= b.size() - start && length < 100) {
      const std::string_view type = b.substr(start, length);
      if (type == "application/vnd.oasis.opendocument.text")
        return doc("application/vnd.oasis.opendocument.text", "odt");
      if (type == "application/vnd.oasis.opendocument.spreadsheet")
        return doc("application/vnd.oasis.opendocument.spreadsheet", "ods");
      if (type == "application/vnd.oasis.opendocument.presentation")
        return doc("application/vnd.oasis.opendocument.presentation", "odp");
    }
    return std::nullopt;
  }

  // Office Open XML: [Content_Types].xml and a word/, xl/ or ppt/ part.
  std::size_t at = le(b, eocd + 16, 4);
  const std::uint32_t entries = le(b, eocd + 10, 2);
  bool content_types = false, word = false, excel = false, powerpoint = false;
  for (std::uint32_t i = 0; i < entries && i < 10000; ++i) {
    if (le(b, at, 4) != 0x02014b50) return std::nullopt;
    const std::size_t name_length = le(b, at + 28, 2);
    const std::size_t next = at + 46 + name_length + le(b, at + 30, 2) + le(b, at + 32, 2);
    if (at + 46 + name_length > b.size()) return std::nullopt;
    const std::string_view name = b.substr(at + 46, name_length);
    content_types |= name == "[Content_Types].xml";
    word |= name.substr(0, 5) == "word/";
    excel |= name.substr(0, 3) == "xl/";
    powerpoint |= name.substr(0, 4) == "ppt/";
    at = next;
  }
  if (!content_types || word + excel + powerpoint != 1) return std::nullopt;
  if (word)
    return doc("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
  if (excel)
    return doc("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
  return doc("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");
}

// --- OLE2 compound files: legacy Word, Excel, PowerPoint -------------------

std::optional<SniffedType> sniff_ole2(std::string_view b) {
  const std::uint32_t shift = le(b, 0x1E, 2);
  if ((shift != 9 && shift != 12) || b.size() < 512) return std::nullopt;
  const std::size_t sector = std::size_t{1} << shift;
  auto offset_of = [&](std::uint32_t n) { return (static_cast<std::size_t>(n) + 1) << shift; };
  // The next sector of a chain, from the FAT sectors the header lists (first 109).
  auto next_of = [&](std::uint32_t n) -> std::uint32_t {
    const std::size_t per = sector / 4, index = n / per;
    if (index >= 109) return 0xFFFFFFFE;
    const std::uint32_t fat = le(b, 0x4C + index * 4, 4);
    if (fat >= 0xFFFFFFFA) return 0xFFFFFFFE;
    const std::size_t at = offset_of(fat) + (n % per) * 4;
    return at + 4 <= b.size() ? le(b, at, 4) : 0xFFFFFFFE;
  };
  bool word = false, excel = false, powerpoint = false;
  std::uint32_t dir = le(b, 0x30, 4);
  for (int steps = 0; dir < 0xFFFFFFFA && steps < 4096; ++steps, dir = next_of(dir)) {
    const std::size_t start = offset_of(dir);
    if (start >= b.size() || b.size() - start < sector) return std::nullopt;
    for (std::size_t e = start; e + 128 <= start + sector; e += 128) {
      const std::size_t length = le(b, e + 0x40, 2);  // bytes, with the terminating zero
      std::string name;
      for (std::size_t i = 0; i + 2 < length && i < 64; i += 2)
        name.push_back(static_cast<char>(le(b, e + i, 2) < 0x80 ? le(b, e + i, 2) : '?'));
      word |= name == "WordDocument";
      excel |= name == "Workbook" || name == "Book";
      powerpoint |= name == "PowerPoint Document";
    }
  }
  if (word + excel + powerpoint != 1) return std::nullopt;
  if (word) return doc("application/msword", "doc");
  if (excel) return doc("application/vnd.ms-excel", "xls");
  return doc("application/vnd.ms-powerpoint", "ppt");
}

// --- Audio -----------------------------------------------------------------

// The length of the MPEG audio layer III frame whose header starts at `at`, or 0.
std::size_t mp3_frame_length(std::string_view b, std::size_t at) {
  if (at + 4 > b.size()) return 0;
  const std::uint8_t b1 = byte(b, at + 1), b2 = byte(b, at + 2);
  if (byte(b, at) != 0xFF || (b1 & 0xE0) != 0xE0) return 0;
  const int version = (b1 >> 3) & 3, layer = (b1 >> 1) & 3;  // version 1 is reserved
  const int rate_index = b2 >> 4, sample_index = (b2 >> 2) & 3, padding = (b2 >> 1) & 1;
  if (version == 1 || layer != 1 || rate_index == 0 || rate_index == 15 || sample_index == 3)
    return 0;
  static const std::array<int, 15> rates_v1 = {0,   32,  40,  48,  56,  64,  80, 96,
                                               112, 128, 160, 192, 224, 256, 320};
  static const std::array<int, 15> rates_v2 = {0,  8,  16, 24,  32,  40,  48, 56,
                                               64, 80, 96, 112, 128, 144, 160};
  static const std::array<int, 3> samples = {44100, 48000, 32000};
  const bool v1 = version == 3;
  const int kbps = v1 ? rates_v1[rate_index] : rates_v2[rate_index];
  const int sample_rate = samples[sample_index] >> (v1 ? 0 : version == 2 ? 1 : 2);
  return static_cast<std::size_t>((v1 ? 144000 : 72000) * kbps / sample_rate + padding);
}

// A frame at `at` followed by another frame or by the end of the data.
bool mp3_frames_at(std::string_view b, std::size_t at) {
  const std::size_t length = mp3_frame_length(b, at);
  if (length == 0) return false;
  if (at + length == b.size()) return true;
  return at + length < b.size() && mp3_frame_length(b, at + length) > 0;
}

std::optional<SniffedType> sniff_mp3(std::string_view b) {
  const SniffedType mp3{"audio/mpeg", "mp3", FileFamily::audio};
  if (has_at(b, 0, "ID3")) {
    const std::uint8_t major = byte(b, 3);
    if (b.size() < 10 || major < 2 || major > 4 || byte(b, 4) == 0xFF) return std::nullopt;
    std::size_t size = 0;
    for (int i = 6; i < 10; ++i) {
      if (byte(b, i) & 0x80) return std::nullopt;
      size = size << 7 | byte(b, i);
    }
    std::size_t at = 10 + size + ((byte(b, 5) & 0x10) ? 10 : 0);
    // Some encoders pad after the tag; allow a little.
    for (std::size_t skipped = 0; at < b.size() && byte(b, at) == 0 && skipped < 4096; ++skipped)
      ++at;
    return mp3_frames_at(b, at) ? std::optional(mp3) : std::nullopt;
  }
  return mp3_frames_at(b, 0) ? std::optional(mp3) : std::nullopt;
}

std::optional<SniffedType> sniff_m4a(std::string_view b) {
  std::size_t box = 0;  // big-endian box size
  for (std::size_t i = 0; i < 4; ++i) box = box << 8 | byte(b, i);
  if (!has_at(b, 4, "ftyp") || box < 16 || box > b.size() || box > 4096) return std::nullopt;
  for (std::size_t at = 8; at + 4 <= box; at += 4) {  // the major, then the compatible brands
    if (at == 12) continue;                           // minor version
    const std::string_view brand = b.substr(at, 4);
    if (brand == "M4A " || brand == "M4B ")
      return SniffedType{"audio/mp4", "m4a", FileFamily::audio};
  }
  return std::nullopt;
}

std::optional<SniffedType> sniff_ogg(std::string_view b) {
  if (byte(b, 4) != 0) return std::nullopt;
  const std::size_t packet = 27 + std::size_t{byte(b, 26)};
  if (has_at(b, packet, "\x01vorbis") || has_at(b, packet, "OpusHead") ||
      has_at(b, packet,
             "\x7F"
             "FLAC"))
    return SniffedType{"audio/ogg", "ogg", FileFamily::audio};
  return std::nullopt;
}

}  // namespace

std::optional<SniffedType> sniff(std::string_view b) noexcept {
  try {
    if (has_at(b, 0, "%PDF-") && b.size() >= 8 && byte(b, 5) >= '1' && byte(b, 5) <= '9')
      return doc("application/pdf", "pdf");
    if (has_at(b, 0, "\x89PNG\r\n\x1A\n") && has_at(b, 12, "IHDR"))
      return SniffedType{"image/png", "png", FileFamily::image};
    if (has_at(b, 0, "\xFF\xD8\xFF") && b.size() >= 6 && byte(b, 3) >= 0xC0 && byte(b, 3) != 0xFF)
      return SniffedType{"image/jpeg", "jpg", FileFamily::image};
    if ((has_at(b, 0, "GIF87a") || has_at(b, 0, "GIF89a")) && b.size() >= 13)
      return SniffedType{"image/gif", "gif", FileFamily::image};
    if (has_at(b, 0, "RIFF") && has_at(b, 8, "WEBPVP8") &&
        (byte(b, 15) == ' ' || byte(b, 15) == 'L' || byte(b, 15) == 'X'))
      return SniffedType{"image/webp", "webp", FileFamily::image};
    if (has_at(b, 0, "PK\x03\x04")) return sniff_zip(b);
    if (has_at(b, 0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return sniff_ole2(b);
    if (has_at(b, 0, "OggS")) return sniff_ogg(b);
    if (has_at(b, 4, "ftyp")) return sniff_m4a(b);
    return sniff_mp3(b);
  } catch (...) {  // only allocation can throw; an unknown type is the safe answer
    return std::nullopt;
  }
}

std::string type_label_nl(const std::string& mime) {
  static const std::pair<const char*, const char*> labels[] = {
      {"application/pdf", "PDF-document"},
      {"image/png", "PNG-afbeelding"},
      {"image/jpeg", "JPEG-afbeelding"},
      {"image/gif", "GIF-afbeelding"},
      {"image/webp", "WebP-afbeelding"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word-document"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-rekenblad"},
      {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
       "PowerPoint-presentatie"},
      {"application/vnd.oasis.opendocument.text", "OpenDocument-tekst"},
      {"application/vnd.oasis.opendocument.spreadsheet", "OpenDocument-rekenblad"},
      {"application/vnd.oasis.opendocument.presentation", "OpenDocument-presentatie"},
      {"application/msword", "Word-document (oud formaat)"},
      {"application/vnd.ms-excel", "Excel-rekenblad (oud formaat)"},
      {"application/vnd.ms-powerpoint", "PowerPoint-presentatie (oud formaat)"},
      {"audio/mpeg", "MP3-audio"},
      {"audio/mp4", "M4A-audio"},
      {"audio/ogg", "Ogg-audio"},
  };
  for (const auto& [type, label] : labels)
    if (mime == type) return label;
  return "Bestand";
}

}  // namespace schakel::files
