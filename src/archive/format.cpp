#include "archive/format.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "archive/tar.hpp"
#include "core/random.hpp"

namespace schakel::archive {

namespace {

using ordered = nlohmann::ordered_json;

std::string table_entry(const std::string& table) { return "tables/" + table + ".jsonl"; }

bool plain_table_name(const std::string& name) {
  return !name.empty() && name.size() <= 63 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_sha256(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Error refuse(const std::string& where, const std::string& message) {
  return Error::invalid(where, where + ": " + message);
}

// The rows of one table's lines, checked against the manifest's columns.
Result<std::vector<ordered>> parse_lines(const std::string& entry, std::string_view text,
                                         const std::vector<std::string>& columns,
                                         const std::map<std::string, std::string>& files) {
  std::vector<ordered> rows;
  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    ++line_no;
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      return refuse(entry, "line " + std::to_string(line_no) + " does not end with a newline");
    const auto line = text.substr(start, end - start);
    start = end + 1;
    const std::string where = entry + " line " + std::to_string(line_no);
    ordered row = ordered::parse(line, nullptr, false);
    if (row.is_discarded()) return refuse(where, "not valid JSON");
    if (!row.is_object()) return refuse(where, "not a JSON object");
    if (row.size() != columns.size())
      return refuse(where, "has " + std::to_string(row.size()) + " values, the manifest names " +
                               std::to_string(columns.size()) + " columns");
    std::size_t i = 0;
    for (auto it = row.begin(); it != row.end(); ++it, ++i) {
      if (it.key() != columns[i])
        return refuse(where, "key '" + it.key() + "' where column '" + columns[i] + "' belongs");
      const auto& v = it.value();
      if (v.is_object()) {
        const std::string sha = referenced_file(v);
        if (sha.empty()) return refuse(where, "column '" + it.key() + "' holds an unknown object");
        if (!files.count(sha))
          return refuse(where, "column '" + it.key() + "' refers to files/" + sha +
                                   ", which is not in the archive");
      } else if (!(v.is_null() || v.is_number() || v.is_string())) {
        return refuse(where, "column '" + it.key() + "' holds neither null, a number nor text");
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The manifest's description of the tables, checked.
Result<std::vector<TableRows>> parse_table_list(const nlohmann::json& list) {
  std::vector<TableRows> tables;
  std::set<std::string> seen;
  if (!list.is_array()) return refuse("manifest.json", "'tables' is not a list");
  for (const auto& t : list) {
    if (!t.is_object() || !t.contains("name") || !t["name"].is_string() || !t.contains("columns") ||
        !t["columns"].is_array() || !t.contains("rows") || !t["rows"].is_number_unsigned() ||
        !t.contains("owner") || !t["owner"].is_string())
      return refuse("manifest.json", "a table without name, owner, columns or rows");
    TableRows rows;
    rows.name = t["name"].get<std::string>();
    rows.owner = t["owner"].get<std::string>();
    if (!plain_table_name(rows.name) || !seen.insert(rows.name).second)
      return refuse("manifest.json", "bad or repeated table name '" + rows.name + "'");
    std::set<std::string> names;
    for (const auto& c : t["columns"]) {
      if (!c.is_string() || !plain_table_name(c.get<std::string>()) ||
          !names.insert(c.get<std::string>()).second)
        return refuse("manifest.json", "table " + rows.name + " has a bad or repeated column");
      rows.columns.push_back(c.get<std::string>());
    }
    rows.rows.reserve(std::min<std::size_t>(t["rows"].get<std::size_t>(), 10'000));
    tables.push_back(std::move(rows));
  }
  return tables;
}

}  // namespace

nlohmann::ordered_json file_reference(const std::string& sha256) {
  return ordered{{"$file", sha256}};
}

std::string referenced_file(const nlohmann::ordered_json& value) {
  if (!value.is_object() || value.size() != 1 || !value.contains("$file") ||
      !value["$file"].is_string())
    return {};
  const auto sha = value["$file"].get<std::string>();
  return is_sha256(sha) ? sha : std::string();
}

std::string write_archive(const ArchiveContent& content) {
  std::map<std::string, std::string> entries;  // sorted by name
  ordered tables = ordered::array();
  for (const auto& t : content.tables) {
    std::string lines;
    for (const auto& row : t.rows) {
      try {
        lines += row.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
      } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("table " + t.name + ": " + e.what());
      }
      lines += '\n';
    }
    entries[table_entry(t.name)] = std::move(lines);
    tables.push_back(
        {{"name", t.name}, {"owner", t.owner}, {"columns", t.columns}, {"rows", t.rows.size()}});
  }
  for (const auto& [sha, bytes] : content.files) entries["files/" + sha] = bytes;
  ordered listed = ordered::array();
  for (const auto& [name, data] : entries)
    listed.push_back({{"name", name}, {"size", data.size()}, {"sha256", sha256_hex(data)}});
  ordered manifest = {{"format", format_name},
                      {"format_version", format_version},
                      {"schema_version", content.schema_version},
                      {"migrations", content.migrations},
                      {"with_secrets", content.with_secrets},
                      {"tables", tables},
                      {"entries", listed}};
  std::vector<TarEntry> tar;
  tar.push_back({"manifest.json", manifest.dump(2) + "\n"});
  for (auto& [name, data] : entries) tar.push_back({name, std::move(data)});
  return write_tar(tar);
}

// Long because: it checks the entries in the order a refusal must name them
// (container, manifest, then each entry against the manifest), on shared locals.
Result<ArchiveContent> parse_archive(std::string_view bytes) {
  auto read = read_tar(bytes, max_entries);
  if (!read) return read.error();
  const auto& entries = read.value();
  std::map<std::string, const TarEntry*> by_name;
  for (const auto& e : entries) by_name[e.name] = &e;
  if (!by_name.count("manifest.json"))
    return refuse("manifest.json", "missing: this is not a Schakel archive");
  const auto manifest = nlohmann::json::parse(by_name["manifest.json"]->data, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object())
    return refuse("manifest.json", "not a valid JSON object");
  if (manifest.value("format", std::string()) != format_name)
    return refuse("manifest.json", "the format is not '" + std::string(format_name) +
                                       "': this is not a Schakel archive");
  if (!manifest.contains("format_version") || !manifest["format_version"].is_number_integer() ||
      manifest["format_version"].get<int>() != format_version)
    return refuse("manifest.json",
                  "format version " +
                      (manifest.contains("format_version") ? manifest["format_version"].dump()
                                                           : std::string("(none)")) +
                      "; this Schakel reads version " + std::to_string(format_version));
  ArchiveContent content;
  if (!manifest.contains("schema_version") || !manifest["schema_version"].is_number_integer() ||
      !manifest.contains("migrations") || !manifest["migrations"].is_array() ||
      !manifest.contains("with_secrets") || !manifest["with_secrets"].is_boolean() ||
      !manifest.contains("entries") || !manifest["entries"].is_array())
    return refuse(
        "manifest.json",
        "schema_version, migrations, with_secrets or entries missing or of the wrong type");
  content.schema_version = manifest["schema_version"].get<int>();
  for (const auto& m : manifest["migrations"]) {
    if (!m.is_number_integer()) return refuse("manifest.json", "a migration is not a number");
    content.migrations.push_back(m.get<int>());
  }
  content.with_secrets = manifest["with_secrets"].get<bool>();

  // Every entry but the manifest is listed with its size and checksum, and
  // every listed entry is there.
  std::set<std::string> listed;
  for (const auto& e : manifest["entries"]) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string() || !e.contains("size") ||
        !e["size"].is_number_unsigned() || !e.contains("sha256") || !e["sha256"].is_string())
      return refuse("manifest.json", "an entry without name, size or sha256");
    const auto name = e["name"].get<std::string>();
    if (!listed.insert(name).second)
      return refuse("manifest.json", "entry " + name + " listed twice");
    auto found = by_name.find(name);
    if (found == by_name.end() || name == "manifest.json")
      return refuse(name, "listed in the manifest but missing from the archive");
    const auto& data = found->second->data;
    if (data.size() != e["size"].get<std::size_t>())
      return refuse(name, "size " + std::to_string(data.size()) + " where the manifest says " +
                              e["size"].dump() + " (damaged file)");
    if (sha256_hex(data) != e["sha256"].get<std::string>())
      return refuse(name, "the SHA-256 checksum does not match the manifest (damaged file)");
  }
  for (const auto& e : entries)
    if (e.name != "manifest.json" && !listed.count(e.name))
      return refuse(e.name, "not listed in the manifest");

  for (const auto& e : entries) {
    if (e.name.rfind("files/", 0) == 0) {
      const std::string sha = e.name.substr(6);
      if (!is_sha256(sha) || sha256_hex(e.data) != sha)
        return refuse(e.name, "a file entry must be named by the SHA-256 of its bytes");
      content.files[sha] = e.data;
    } else if (e.name != "manifest.json" && e.name.rfind("tables/", 0) != 0) {
      return refuse(e.name, "an unknown kind of entry (expected manifest.json, tables/, files/)");
    }
  }

  if (!manifest.contains("tables")) return refuse("manifest.json", "'tables' is missing");
  auto tables = parse_table_list(manifest["tables"]);
  if (!tables) return tables.error();
  content.tables = std::move(tables).value();
  std::set<std::string> table_entries;
  for (std::size_t i = 0; i < content.tables.size(); ++i) {
    auto& t = content.tables[i];
    const std::string entry = table_entry(t.name);
    table_entries.insert(entry);
    auto found = by_name.find(entry);
    if (found == by_name.end()) return refuse(entry, "the table's entry is missing");
    auto rows = parse_lines(entry, found->second->data, t.columns, content.files);
    if (!rows) return rows.error();
    t.rows = std::move(rows).value();
    const auto stated = manifest["tables"][i]["rows"].get<std::size_t>();
    if (t.rows.size() != stated)
      return refuse(entry, std::to_string(t.rows.size()) + " rows where the manifest says " +
                               std::to_string(stated));
  }
  for (const auto& e : entries)
    if (e.name.rfind("tables/", 0) == 0 && !table_entries.count(e.name))
      return refuse(e.name, "a table entry that the manifest's tables do not name");
  return content;
}

}  // namespace schakel::archive
