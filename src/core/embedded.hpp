#pragma once
// Files embedded in the binary at build time (tools/embed.py): templates, static
// assets, migrations and reference data, keyed by their repository-relative path.
#include <span>
#include <string_view>

namespace schakel::embedded {

struct File {
  std::string_view path;  // e.g. "assets/css/schakel.css"
  std::string_view data;  // the bytes; valid for the life of the process
};

// All embedded files, sorted by path. Never empty in a correct build.
std::span<const File> all();

// The file at `path`, or nullptr when no such file was embedded.
inline const File* find(std::string_view path) {
  for (const File& f : all())
    if (f.path == path) return &f;
  return nullptr;
}

}  // namespace schakel::embedded
