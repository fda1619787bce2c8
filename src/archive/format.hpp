#pragma once
// The full-export archive format (docs/export-import.md), without any database:
// a ustar file holding manifest.json, tables/<table>.jsonl (one JSON object per
// row, keys in column order) and files/<sha256> (the bytes of binary columns).
// parse_archive() validates all of it before an import writes anything.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace schakel::archive {

inline constexpr const char* format_name = "schakel-archive";
inline constexpr int format_version = 1;
// The most entries one archive may hold (rows are lines, not entries).
inline constexpr std::size_t max_entries = 1'000'000;

// One table's rows as they travel.
struct TableRows {
  std::string name;
  std::string owner;                         // the feature folder that owns it
  std::vector<std::string> columns;          // the exported columns, in column order
  std::vector<nlohmann::ordered_json> rows;  // objects with exactly `columns` as keys
};

// Everything an archive holds.
struct ArchiveContent {
  int schema_version = 0;       // the last migration applied where it was made
  std::vector<int> migrations;  // every migration applied there, ascending
  bool with_secrets = false;
  std::vector<TableRows> tables;             // in import order (referenced tables first)
  std::map<std::string, std::string> files;  // SHA-256 (hex) -> bytes
};

// A binary value in a row refers to its bytes by SHA-256: {"$file": "<sha256>"}.
nlohmann::ordered_json file_reference(const std::string& sha256);
// The SHA-256 of a value made by file_reference(), or "" for any other value.
std::string referenced_file(const nlohmann::ordered_json& value);

// The archive bytes of `content`: manifest.json first, then every other entry
// sorted by name. The same content gives the same bytes. Throws
// std::runtime_error when a text value is not valid UTF-8 (naming the table).
std::string write_archive(const ArchiveContent& content);

// The content of archive `bytes`, after checking the container (see read_tar),
// the manifest (format name and version, every entry's size and SHA-256), every
// table's lines (valid JSON objects with the manifest's columns, the stated row
// count) and every file reference. Errors (field "container", "manifest" or the
// entry name) have an English message that says what is wrong and where
// (entry and line).
Result<ArchiveContent> parse_archive(std::string_view bytes);

}  // namespace schakel::archive
