// The fuzz corpus of the import parsers (fuzz/corpus/hsds_import and its bad/ twin),
// replayed as unit tests: seeds are read without a problem, bad files are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "citizens/hsds.hpp"

namespace schakel::citizens {
namespace {

HsdsReference small_world() {  // as in fuzz/fuzz_hsds_import.cpp
  return HsdsReference{[](const std::string& nis) { return nis == "44021" || nis == "41002"; },
                       [](const std::string& postcode) {
                         if (postcode == "9000") return std::vector<std::string>{"44021"};
                         if (postcode == "9300") return std::vector<std::string>{"41002"};
                         return std::vector<std::string>{};
                       }};
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

HsdsImport parse(const std::filesystem::path& p) {
  return p.extension() == ".csv" ? parse_hsds_csv(read(p), small_world())
                                 : parse_hsds_json(read(p), small_world());
}

TEST(HsdsCorpus, SeedsAreRead) {
  const auto dir = std::filesystem::path(SCHAKEL_FUZZ_CORPUS) / "hsds_import";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const auto read = parse(entry.path());
    EXPECT_TRUE(read.errors.empty()) << entry.path() << ": " << read.errors.front();
    EXPECT_EQ(read.services.size(), 2u) << entry.path();
  }
  EXPECT_EQ(files, 2);
}

TEST(HsdsCorpus, EveryBadFileIsRefusedWithAMessage) {
  const auto dir = std::filesystem::path(SCHAKEL_FUZZ_CORPUS) / "bad" / "hsds_import";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const auto read = parse(entry.path());
    EXPECT_FALSE(read.errors.empty()) << entry.path();
    EXPECT_TRUE(read.services.empty()) << entry.path();
  }
  EXPECT_GE(files, 20);
}

}  // namespace
}  // namespace schakel::citizens
