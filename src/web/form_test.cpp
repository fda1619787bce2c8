#include "web/form.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace schakel::web {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Urlencoded, DecodesPlusAndPercentEscapes) {
  auto form = parse_urlencoded("naam=Jan+Pieters&stad=Gent%20%E2%80%93%20Oost&leeg=");
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form.value().get("naam"), "Jan Pieters");
  EXPECT_EQ(form.value().get("stad"), "Gent \xE2\x80\x93 Oost");
  EXPECT_TRUE(form.value().has("leeg"));
  EXPECT_EQ(form.value().get("leeg"), "");
}

TEST(Urlencoded, KeepsRepeatedNamesInOrder) {
  auto form = parse_urlencoded("thema=a&thema=b&x=1&thema=c");
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form.value().get_all("thema"), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(Urlencoded, SkipsEmptyPairsAndAcceptsNameWithoutValue) {
  auto form = parse_urlencoded("&&a=1&&b&");
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form.value().fields().size(), 2u);
  EXPECT_EQ(form.value().get("b"), "");
}

TEST(Urlencoded, EmptyInputIsAnEmptyForm) {
  auto form = parse_urlencoded("");
  ASSERT_TRUE(form.ok());
  EXPECT_TRUE(form.value().fields().empty());
}

TEST(Urlencoded, RejectsMalformedEscapesAndInvalidUtf8) {
  for (const char* bad : {"a=%G1", "a=%4", "a=%", "%zz=1", "a=%C0%AF", "a=%ED%A0%80",
                          "a=%F4%90%80%80", "a=%E2%82", "a=\xFF"}) {
    auto form = parse_urlencoded(bad);
    EXPECT_FALSE(form.ok()) << bad;
  }
}

TEST(Urlencoded, RejectsTooManyFields) {
  std::string input;
  for (int i = 0; i <= static_cast<int>(Form::max_fields); ++i)
    input += "f=" + std::to_string(i) + "&";
  EXPECT_FALSE(parse_urlencoded(input).ok());
}

TEST(Urlencoded, RejectsEveryFileOfTheBadCorpus) {
  const auto dir = std::filesystem::path(SCHAKEL_FUZZ_CORPUS) / "bad" / "urlencoded";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_FALSE(parse_urlencoded(read(entry.path())).ok()) << entry.path();
  }
  EXPECT_GE(files, 10);
}

TEST(PercentDecode, PlusIsLiteralInPaths) {
  EXPECT_EQ(percent_decode("/a+b%2Fc", false).value(), "/a+b/c");
  EXPECT_EQ(percent_decode("a+b", true).value(), "a b");
}

TEST(PercentEncode, RoundTripsThroughDecode) {
  const std::string original = "Kind & gezin / 100% \xC3\xA9\xC3\xA9n";
  EXPECT_EQ(percent_decode(percent_encode(original), true).value(), original);
  EXPECT_EQ(percent_encode("a b"), "a%20b");
}

TEST(Utf8, AcceptsValidAndRejectsInvalidSequences) {
  EXPECT_TRUE(valid_utf8("gewoon"));
  EXPECT_TRUE(valid_utf8("co\xC3\xB6rdinator \xF0\x9F\x99\x82"));
  EXPECT_FALSE(valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(valid_utf8("\x80"));              // lone continuation
}

}  // namespace
}  // namespace schakel::web
