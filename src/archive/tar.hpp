#pragma once
// The container of the full export: a POSIX ustar file written deterministically
// (entries in the given order, mode 0644, owner 0, mtime 0), so that the same
// content gives the same bytes, and a strict reader that takes only what the
// writer makes: regular files with plain relative names.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace schakel::archive {

struct TarEntry {
  std::string name;  // relative, '/'-separated, at most 100 bytes
  std::string data;
};

// The ustar bytes of `entries`, in their order, ending with two zero blocks.
// Requires: names of 1 to 100 bytes (throws std::invalid_argument otherwise).
std::string write_tar(const std::vector<TarEntry>& entries);

// The entries of `bytes`. Refuses (Error invalid, field "container", an English
// message naming the entry and its offset): a truncated file, a bad header
// checksum, anything but a regular file (links, devices, folders), a name that
// is absolute, has "..", "." or empty parts or characters outside [A-Za-z0-9._/-],
// two entries with one name, more than `max_entries` entries, or data after the end.
Result<std::vector<TarEntry>> read_tar(std::string_view bytes, std::size_t max_entries);

// True when `name` is a plain relative entry name as read_tar accepts it.
bool is_plain_entry_name(std::string_view name);

}  // namespace schakel::archive
