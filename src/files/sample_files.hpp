#pragma once
// Small files of every type the platform accepts as uploads, built in code for tests:
// just enough structure for the sniffer, no more.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace schakel::files::samples {

inline std::string le16(unsigned v) {
  return {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8 & 0xFF)};
}
inline std::string le32(std::uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }

// A ZIP archive of stored (uncompressed) entries; CRCs are left at zero.
inline std::string zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, directory;
  for (const auto& [name, data] : entries) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto size = static_cast<std::uint32_t>(data.size());
    out += "PK\x03\x04" + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(size) +
           le32(size) + le16(static_cast<unsigned>(name.size())) + le16(0) + name + data;
    directory += "PK\x01\x02" + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) +
                 le32(0) + le32(size) + le32(size) + le16(static_cast<unsigned>(name.size())) +
                 le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  out += "PK\x05\x06" + le16(0) + le16(0) + le16(static_cast<unsigned>(entries.size())) +
         le16(static_cast<unsigned>(entries.size())) +
         le32(static_cast<std::uint32_t>(directory.size())) + le32(directory_offset) + le16(0);
  return out;
}

inline std::string ooxml(const std::string& folder) {
  return zip({{"[Content_Types].xml", "<Types/>"},
              {"_rels/.rels", "<Relationships/>"},
              {folder + "/document.xml", "<document/>"}});
}

inline std::string odf(const std::string& kind) {
  return zip({{"mimetype", "application/vnd.oasis.opendocument." + kind},
              {"content.xml", "<office:document-content/>"}});
}

// A compound file (OLE2) of three 512-byte sectors: directory, FAT, nothing.
inline std::string ole2(const std::string& stream) {
  std::string header = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(16, '\0') + le16(0x3E) +
                       le16(3) + le16(0xFFFE) + le16(9) + le16(6) + std::string(6, '\0') + le32(0) +
                       le32(1) + le32(0) + le32(0) + le32(4096) + le32(0xFFFFFFFE) + le32(0) +
                       le32(0xFFFFFFFE) + le32(0);
  header += le32(1);  // DIFAT[0]: the FAT is sector 1
  while (header.size() < 512) header += le32(0xFFFFFFFF);
  auto entry = [](const std::string& name, int type) {
    std::string e;
    for (char c : name) e += le16(static_cast<unsigned char>(c));
    e.resize(64, '\0');
    e += le16(static_cast<unsigned>(name.size() * 2 + 2));
    e += static_cast<char>(type);
    e.resize(128, '\0');
    return e;
  };
  std::string directory = entry("Root Entry", 5) + entry(stream, 2);
  directory.resize(512, '\0');
  std::string fat = le32(0xFFFFFFFE) + le32(0xFFFFFFFD);  // directory ends; sector 1 is FAT
  while (fat.size() < 512) fat += le32(0xFFFFFFFF);
  return header + directory + fat + std::string(512, '\0');
}

// Two MPEG-1 layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each), optionally behind an ID3 tag.
inline std::string mp3(bool with_id3) {
  std::string frame = std::string("\xFF\xFB\x90\x00", 4) + std::string(413, '\x55');
  std::string out = with_id3
                        ? std::string("ID3\x04\x00\x00\x00\x00\x00\x0A", 10) + std::string(10, 'T')
                        : std::string();
  return out + frame + frame;
}

inline std::string m4a() {
  return std::string(
             "\x00\x00\x00\x18"
             "ftypM4A \x00\x00\x02\x00"
             "M4A isom",
             24) +
         std::string(
             "\x00\x00\x00\x08"
             "free",
             8);
}

inline std::string ogg() {
  std::string page = std::string("OggS\x00\x02", 6) + std::string(20, '\0');
  page += '\x01';  // one segment
  page += '\x1E';  // of 30 bytes
  return page + std::string("\x01vorbis", 7) + std::string(23, '\0');
}

inline std::string pdf() {
  return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R "
         ">>\n%%EOF\n";
}

inline std::string png() {
  return std::string(
      "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
      "\x00\x00\x00\x90\x77\x53\xDE",
      33);
}

inline std::string jpeg() {
  return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00", 14);
}
inline std::string gif() { return std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13); }
inline std::string webp() {
  return std::string("RIFF\x1A\x00\x00\x00WEBPVP8L\x0D\x00\x00\x00\x2F\x00\x00\x00\x00", 25);
}

}  // namespace schakel::files::samples
