#include "archive/tar.hpp"

#include <algorithm>
#include <cstring>
#include <set>
#include <stdexcept>

namespace schakel::archive {

namespace {

constexpr std::size_t block = 512;

void put_octal(char* field, std::size_t width, std::uint64_t value) {
  // width - 1 digits and a NUL, zero-padded.
  std::string digits(width - 1, '0');
  for (std::size_t i = width - 1; i-- > 0 && value;) {
    digits[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

// The octal number in a header field (digits, optionally surrounded by spaces
// and NULs), or -1 when it is not one.
long long get_octal(const char* field, std::size_t width) {
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  long long value = 0;
  std::size_t digits = 0;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i, ++digits) {
    if (value > (1LL << 52)) return -1;
    value = value * 8 + (field[i] - '0');
  }
  for (; i < width; ++i)
    if (field[i] != ' ' && field[i] != '\0') return -1;
  return digits ? value : -1;
}

unsigned header_checksum(const char* header) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < block; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
  return sum;
}

std::string field_text(const char* field, std::size_t width) {
  return std::string(field, strnlen(field, width));
}

Error refuse(const std::string& message) { return Error::invalid("container", message); }

}  // namespace

bool is_plain_entry_name(std::string_view name) {
  if (name.empty() || name.size() > 100 || name.front() == '/' || name.back() == '/') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const auto part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
      if (!ok) return false;
    }
    start = end + 1;
  }
  return true;
}

std::string write_tar(const std::vector<TarEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    if (e.name.empty() || e.name.size() > 100)
      throw std::invalid_argument("tar entry name of " + std::to_string(e.name.size()) + " bytes");
    char header[block] = {};
    std::memcpy(header, e.name.data(), e.name.size());
    put_octal(header + 100, 8, 0644);
    put_octal(header + 108, 8, 0);
    put_octal(header + 116, 8, 0);
    put_octal(header + 124, 12, e.data.size());
    put_octal(header + 136, 12, 0);
    header[156] = '0';
    std::memcpy(header + 257, "ustar", 6);
    std::memcpy(header + 263, "00", 2);
    const unsigned sum = header_checksum(header);
    put_octal(header + 148, 7, sum);
    header[155] = ' ';
    out.append(header, block);
    out += e.data;
    out.append((block - e.data.size() % block) % block, '\0');
  }
  out.append(2 * block, '\0');
  return out;
}

Result<std::vector<TarEntry>> read_tar(std::string_view bytes, std::size_t max_entries) {
  std::vector<TarEntry> entries;
  std::set<std::string> names;
  std::size_t at = 0;
  const std::string zero(block, '\0');
  while (true) {
    if (at + block > bytes.size())
      return refuse("the file is truncated at byte " + std::to_string(at) +
                    " (no end-of-archive marker)");
    const char* header = bytes.data() + at;
    if (std::string_view(header, block) == zero) {
      if (at + 2 * block > bytes.size() ||
          bytes.substr(at + block, block) != std::string_view(zero))
        return refuse("the file is truncated at byte " + std::to_string(at) +
                      " (incomplete end-of-archive marker)");
      const auto rest = bytes.substr(at + 2 * block);
      if (std::any_of(rest.begin(), rest.end(), [](char c) { return c != '\0'; }))
        return refuse("data after the end of the archive at byte " +
                      std::to_string(at + 2 * block));
      return entries;
    }
    std::string name = field_text(header, 100);
    const std::string prefix = field_text(header + 345, 155);
    if (!prefix.empty()) name = prefix + "/" + name;
    const std::string where = "entry '" + name + "' at byte " + std::to_string(at);
    const long long stored_sum = get_octal(header + 148, 8);
    if (stored_sum < 0 || static_cast<unsigned>(stored_sum) != header_checksum(header))
      return refuse(where + ": the header checksum is wrong (damaged file)");
    if (std::string_view(header + 257, 5) != "ustar") return refuse(where + ": not a ustar header");
    const char type = header[156];
    if (type != '0' && type != '\0')
      return refuse(where + ": only regular files are allowed (type '" + std::string(1, type) +
                    "': a link, device or folder)");
    if (!is_plain_entry_name(name))
      return refuse(where +
                    ": the name is not a plain relative path (absolute, '..' or odd "
                    "characters)");
    if (!names.insert(name).second) return refuse(where + ": a second entry with this name");
    if (entries.size() >= max_entries)
      return refuse(where + ": more than " + std::to_string(max_entries) + " entries");
    const long long size = get_octal(header + 124, 12);
    if (size < 0) return refuse(where + ": the size field is not a number");
    const std::size_t data_at = at + block;
    if (static_cast<unsigned long long>(size) > bytes.size() - data_at)
      return refuse(where + ": the file is truncated (the entry needs " + std::to_string(size) +
                    " bytes, " + std::to_string(bytes.size() - data_at) + " are left)");
    entries.push_back({name, std::string(bytes.substr(data_at, static_cast<std::size_t>(size)))});
    const std::size_t padded = (static_cast<std::size_t>(size) + block - 1) / block * block;
    at = data_at + padded;
  }
}

}  // namespace schakel::archive
