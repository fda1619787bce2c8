#include "files/sniff.hpp"

#include <gtest/gtest.h>

#include <random>

#include "files/sample_files.hpp"

namespace schakel::files {
namespace {

struct Sample {
  std::string name;
  std::string bytes;
  std::string mime;
  std::string extension;
};

std::vector<Sample> accepted() {
  using namespace samples;
  return {
      {"pdf", pdf(), "application/pdf", "pdf"},
      {"png", png(), "image/png", "png"},
      {"jpeg", jpeg(), "image/jpeg", "jpg"},
      {"gif", gif(), "image/gif", "gif"},
      {"webp", webp(), "image/webp", "webp"},
      {"docx", ooxml("word"),
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
      {"xlsx", ooxml("xl"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       "xlsx"},
      {"pptx", ooxml("ppt"),
       "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
      {"odt", odf("text"), "application/vnd.oasis.opendocument.text", "odt"},
      {"ods", odf("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet", "ods"},
      {"odp", odf("presentation"), "application/vnd.oasis.opendocument.presentation", "odp"},
      {"doc", ole2("WordDocument"), "application/msword", "doc"},
      {"xls", ole2("Workbook"), "application/vnd.ms-excel", "xls"},
      {"ppt", ole2("PowerPoint Document"), "application/vnd.ms-powerpoint", "ppt"},
      {"mp3 with ID3", mp3(true), "audio/mpeg", "mp3"},
      {"mp3 frames", mp3(false), "audio/mpeg", "mp3"},
      {"m4a", m4a(), "audio/mp4", "m4a"},
      {"ogg", ogg(), "audio/ogg", "ogg"},
  };
}

TEST(Sniff, RecognisesEveryAcceptedType) {
  for (const auto& s : accepted()) {
    auto type = sniff(s.bytes);
    ASSERT_TRUE(type.has_value()) << s.name;
    EXPECT_EQ(type->mime, s.mime) << s.name;
    EXPECT_EQ(type->extension, s.extension) << s.name;
    EXPECT_NE(type_label_nl(type->mime), "Bestand") << s.name;
  }
}

TEST(Sniff, GivesTheFamily) {
  EXPECT_EQ(sniff(samples::png())->family, FileFamily::image);
  EXPECT_EQ(sniff(samples::mp3(true))->family, FileFamily::audio);
  EXPECT_EQ(sniff(samples::pdf())->family, FileFamily::document);
}

TEST(Sniff, RejectsOtherContentWhateverItIsCalled) {
  const std::string rejected[] = {
      "",
      "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00 This program cannot be run",
      "\x7F"
      "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
      "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
      "Gewoon een tekstbestand.\n",
      samples::zip({{"readme.txt", "hallo"}}),               // a plain ZIP
      samples::zip({{"[Content_Types].xml", "<Types/>"}}),   // OOXML of no known kind
      samples::zip({{"mimetype", "application/epub+zip"}}),  // an e-book
      samples::ole2("SummaryInformation"),                   // an MSI or similar
      std::string("\x00\x00\x00\x18"
                  "ftypisom\x00\x00\x02\x00"
                  "isommp41",
                  24),  // video MP4
      std::string("OggS\x00\x02", 6) + std::string(20, '\0') + "\x01\x1E\x80theora" +
          std::string(23, '\0'),
      std::string("\xFF\xFB\x90\x00", 4) + std::string(20, 'x'),  // one sync word, no frames
  };
  for (const auto& bytes : rejected) EXPECT_FALSE(sniff(bytes).has_value()) << bytes.substr(0, 20);
}

TEST(Sniff, RejectsTruncatedFiles) {
  using namespace samples;
  for (const std::string& whole : {png(), gif(), webp(), ooxml("word"), odf("text"),
                                   ole2("WordDocument"), mp3(true), m4a(), ogg()}) {
    EXPECT_FALSE(sniff(whole.substr(0, 5)).has_value()) << whole.substr(0, 5);
  }
  // ZIP-based and OLE2 files cut anywhere before their directories.
  EXPECT_FALSE(sniff(ooxml("word").substr(0, 60)).has_value());
  EXPECT_FALSE(sniff(odf("text").substr(0, 80)).has_value());
  EXPECT_FALSE(sniff(ole2("WordDocument").substr(0, 600)).has_value());
  EXPECT_FALSE(sniff(mp3(true).substr(0, 12)).has_value());
}

TEST(Sniff, IsTotalOnEveryPrefixAndOnNoise) {
  for (const auto& s : accepted())
    for (std::size_t n = 0; n <= s.bytes.size(); ++n) (void)sniff(s.bytes.substr(0, n));
  std::mt19937 random(42);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 700, '\0');
    for (auto& c : bytes) c = static_cast<char>(random());
    // Start some with a real signature so the deeper parsers see noise too.
    static const char* const starts[] = {"PK\x03\x04", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "ID3",
                                         "OggS", "RIFF"};
    if (round % 2 && bytes.size() > 8) {
      const std::string start = starts[round % 5];
      bytes.replace(0, start.size(), start);
    }
    (void)sniff(bytes);
  }
}

}  // namespace
}  // namespace schakel::files
