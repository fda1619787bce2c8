// The archive format without a database: what write_archive makes, parse_archive
// reads back, and every kind of damaged or hostile file it refuses, with a
// message that names the entry (and line).
#include <gtest/gtest.h>

#include <cstring>

#include "archive/format.hpp"
#include "archive/tar.hpp"
#include "core/random.hpp"

namespace schakel::archive {
namespace {

ArchiveContent sample() {
  ArchiveContent c;
  c.schema_version = 28;
  c.migrations = {1, 2, 28};
  c.with_secrets = false;
  const std::string bytes("%PDF-1.4\0\xff binary", 17);
  const std::string sha = sha256_hex(bytes);
  c.files[sha] = bytes;
  TableRows blobs;
  blobs.name = "blobs";
  blobs.owner = "files";
  blobs.columns = {"sha256", "data"};
  blobs.rows.push_back({{"sha256", sha}, {"data", file_reference(sha)}});
  TableRows users;
  users.name = "users";
  users.owner = "accounts";
  users.columns = {"id", "email", "score", "nis_code"};
  users.rows.push_back(
      {{"id", 1}, {"email", "a@voorbeeld.be"}, {"score", 2.5}, {"nis_code", nullptr}});
  users.rows.push_back(
      {{"id", 2}, {"email", "b@voorbeeld.be"}, {"score", 0.1}, {"nis_code", "44021"}});
  c.tables = {blobs, users};
  return c;
}

std::string message_of(const Result<ArchiveContent>& r) {
  return r ? std::string() : r.error().fields.front().message;
}

// The entries of a valid archive, to rebuild it with one thing changed.
std::vector<TarEntry> entries_of(const std::string& bytes) {
  auto read = read_tar(bytes, 100);
  EXPECT_TRUE(read.ok());
  return read.ok() ? read.value() : std::vector<TarEntry>{};
}

// Replaces an entry's data and fixes the manifest's size and checksum, so that
// only the content is wrong.
std::string with_entry(const std::string& archive, const std::string& name,
                       const std::string& data) {
  auto entries = entries_of(archive);
  for (auto& e : entries)
    if (e.name == name) e.data = data;
  auto manifest = nlohmann::ordered_json::parse(entries.front().data);
  for (auto& e : manifest["entries"])
    if (e["name"] == name) {
      e["size"] = data.size();
      e["sha256"] = sha256_hex(data);
    }
  entries.front().data = manifest.dump(2);
  return write_tar(entries);
}

TEST(ArchiveFormat, WritesTheSameBytesForTheSameContentAndReadsThemBack) {
  const auto bytes = write_archive(sample());
  EXPECT_EQ(bytes, write_archive(sample()));
  EXPECT_EQ(bytes.size() % 512, 0u);
  auto read = parse_archive(bytes);
  ASSERT_TRUE(read.ok()) << message_of(read);
  const auto& c = read.value();
  EXPECT_EQ(c.schema_version, 28);
  EXPECT_EQ(c.migrations, (std::vector<int>{1, 2, 28}));
  ASSERT_EQ(c.tables.size(), 2u);
  EXPECT_EQ(c.tables[1].rows[1]["nis_code"], "44021");
  EXPECT_DOUBLE_EQ(c.tables[1].rows[0]["score"].get<double>(), 2.5);
  EXPECT_EQ(c.files, sample().files);
  EXPECT_EQ(write_archive(c), bytes);
}

TEST(ArchiveFormat, PutsTheManifestFirstAndTheOtherEntriesSortedWithMtimeZero) {
  const auto bytes = write_archive(sample());
  const auto entries = entries_of(bytes);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].name, "manifest.json");
  EXPECT_EQ(entries[1].name.rfind("files/", 0), 0u);
  EXPECT_EQ(entries[2].name, "tables/blobs.jsonl");
  EXPECT_EQ(entries[3].name, "tables/users.jsonl");
  EXPECT_EQ(std::string(bytes.data() + 136, 11), "00000000000");  // mtime of the first header
  EXPECT_EQ(entries[3].data,
            "{\"id\":1,\"email\":\"a@voorbeeld.be\",\"score\":2.5,\"nis_code\":null}\n"
            "{\"id\":2,\"email\":\"b@voorbeeld.be\",\"score\":0.1,\"nis_code\":\"44021\"}\n");
}

TEST(ArchiveFormat, RefusesATruncatedFile) {
  const auto bytes = write_archive(sample());
  for (std::size_t cut :
       {bytes.size() - 1, bytes.size() - 1024, std::size_t{700}, std::size_t{10}}) {
    auto read = parse_archive(std::string_view(bytes).substr(0, cut));
    ASSERT_FALSE(read.ok()) << cut;
    EXPECT_NE(message_of(read).find("truncated"), std::string::npos) << message_of(read);
  }
}

TEST(ArchiveFormat, RefusesAFlippedByteWithTheEntryWhoseChecksumFails) {
  auto bytes = write_archive(sample());
  const auto at = bytes.find("b@voorbeeld.be");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'c';
  auto read = parse_archive(bytes);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(message_of(read),
            "tables/users.jsonl: the SHA-256 checksum does not match the manifest (damaged file)");
}

TEST(ArchiveFormat, RefusesAFlippedByteInAHeader) {
  auto bytes = write_archive(sample());
  const std::size_t manifest = entries_of(bytes).front().data.size();
  const std::size_t second = 512 + (manifest + 511) / 512 * 512;
  ASSERT_EQ(bytes.substr(second, 6), "files/");
  bytes[second + 2] ^= 1;  // a letter of the second entry's name
  auto read = parse_archive(bytes);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(message_of(read).find("checksum"), std::string::npos) << message_of(read);
}

TEST(ArchiveFormat, RefusesAnotherFormatVersionOrAForeignFile) {
  const auto bytes = write_archive(sample());
  auto manifest = nlohmann::ordered_json::parse(entries_of(bytes).front().data);
  manifest["format_version"] = 2;
  auto entries = entries_of(bytes);
  entries.front().data = manifest.dump();
  auto read = parse_archive(write_tar(entries));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(message_of(read), "manifest.json: format version 2; this Schakel reads version 1");

  auto foreign = parse_archive(write_tar({{"readme.txt", "hello"}}));
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(message_of(foreign), "manifest.json: missing: this is not a Schakel archive");
  EXPECT_FALSE(parse_archive("PK\x03\x04 not a tar at all").ok());
}

TEST(ArchiveFormat, RefusesBadJsonOnLineTwoNamingTheLine) {
  const auto bytes =
      with_entry(write_archive(sample()), "tables/users.jsonl",
                 "{\"id\":1,\"email\":\"a\",\"score\":1,\"nis_code\":null}\n{\"id\":2,\n");
  auto read = parse_archive(bytes);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(message_of(read), "tables/users.jsonl line 2: not valid JSON");
  EXPECT_EQ(read.error().fields.front().field, "tables/users.jsonl line 2");
}

TEST(ArchiveFormat, RefusesAnUnknownColumnOrAMissingFileReference) {
  auto read =
      parse_archive(with_entry(write_archive(sample()), "tables/users.jsonl",
                               "{\"id\":1,\"mail\":\"a\",\"score\":1,\"nis_code\":null}\n"
                               "{\"id\":2,\"email\":\"b\",\"score\":1,\"nis_code\":null}\n"));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(message_of(read), "tables/users.jsonl line 1: key 'mail' where column 'email' belongs");
  const std::string other(64, 'a');
  read = parse_archive(with_entry(write_archive(sample()), "tables/blobs.jsonl",
                                  "{\"sha256\":\"x\",\"data\":{\"$file\":\"" + other + "\"}}\n"));
  ASSERT_FALSE(read.ok());
  EXPECT_NE(message_of(read).find("not in the archive"), std::string::npos);
}

TEST(ArchiveFormat, RefusesHostileNames) {
  const auto bytes = write_archive(sample());
  for (const std::string name : {"../../etc/passwd", "/etc/passwd", "tables/../../x", "./manifest",
                                 "tables//users.jsonl", "files/a\\b"}) {
    auto entries = entries_of(bytes);
    entries.push_back({name, "root:x:0:0"});
    auto read = parse_archive(write_tar(entries));
    ASSERT_FALSE(read.ok()) << name;
    EXPECT_NE(message_of(read).find("not a plain relative path"), std::string::npos)
        << message_of(read);
    EXPECT_NE(message_of(read).find(name), std::string::npos) << message_of(read);
  }
}

// A tar entry of type `type` (a symbolic link '2', a hard link '1', a device '3').
std::string with_special_entry(const std::string& archive, char type) {
  auto entries = entries_of(archive);
  entries.push_back({"tables/evil.jsonl", ""});
  std::string bytes = write_tar(entries);
  // The last header is before the end marker (two blocks) and holds no data.
  const std::size_t header = bytes.size() - 3 * 512;
  bytes[header + 156] = type;
  std::memcpy(&bytes[header + 157], "/etc/passwd", 11);
  unsigned sum = 0;
  for (std::size_t i = 0; i < 512; ++i)
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(bytes[header + i]);
  std::snprintf(&bytes[header + 148], 8, "%06o", sum);
  bytes[header + 155] = ' ';
  return bytes;
}

TEST(ArchiveFormat, RefusesLinksAndDevices) {
  const auto archive = write_archive(sample());
  for (char type : {'2', '1', '3', '5'}) {
    auto read = parse_archive(with_special_entry(archive, type));
    ASSERT_FALSE(read.ok()) << type;
    EXPECT_NE(message_of(read).find("only regular files"), std::string::npos) << message_of(read);
  }
}

TEST(ArchiveFormat, RefusesDuplicatesAndUnlistedEntries) {
  auto entries = entries_of(write_archive(sample()));
  entries.push_back(entries.back());
  auto read = parse_archive(write_tar(entries));
  ASSERT_FALSE(read.ok());
  EXPECT_NE(message_of(read).find("a second entry with this name"), std::string::npos);

  entries.pop_back();
  entries.push_back({"tables/extra.jsonl", ""});
  read = parse_archive(write_tar(entries));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(message_of(read), "tables/extra.jsonl: not listed in the manifest");
}

}  // namespace
}  // namespace schakel::archive
