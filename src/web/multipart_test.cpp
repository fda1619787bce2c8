#include "web/multipart.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace schakel::web {
namespace {

const std::string boundary = "----schakelgrens42";

std::string body_of(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += "--" + boundary + "\r\n" + p + "\r\n";
  return out + "--" + boundary + "--\r\n";
}

TEST(Multipart, FindsTheBoundary) {
  auto b = multipart_boundary("multipart/form-data; boundary=" + boundary);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value(), boundary);
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"").value(),
            "a b");
}

TEST(Multipart, RejectsMissingOrBadBoundary) {
  EXPECT_FALSE(multipart_boundary("multipart/form-data").ok());
  EXPECT_FALSE(multipart_boundary("text/plain; boundary=x").ok());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')).ok());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=").ok());
}

TEST(Multipart, ParsesFieldsAndFiles) {
  const std::string body = body_of({
      "Content-Disposition: form-data; name=\"titel\"\r\n\r\nBabobox",
      "Content-Disposition: form-data; name=\"bijlage\"; filename=\"fiche.pdf\"\r\n"
      "Content-Type: application/pdf\r\n\r\n" +
          std::string("%PDF-1.4\r\nbinary\x00\xFF data", 22),
  });
  auto parts = parse_multipart(body, boundary);
  ASSERT_TRUE(parts.ok()) << parts.error().fields.front().message;
  ASSERT_EQ(parts.value().size(), 2u);
  EXPECT_EQ(parts.value()[0].name, "titel");
  EXPECT_EQ(parts.value()[0].data, "Babobox");
  EXPECT_FALSE(parts.value()[0].is_file());
  EXPECT_EQ(parts.value()[1].filename, "fiche.pdf");
  EXPECT_EQ(parts.value()[1].content_type, "application/pdf");
  EXPECT_EQ(parts.value()[1].data, std::string("%PDF-1.4\r\nbinary\x00\xFF data", 22));
}

TEST(Multipart, AcceptsAnEmptyFormAndAPreamble) {
  EXPECT_TRUE(parse_multipart("--" + boundary + "--\r\n", boundary).ok());
  auto parts = parse_multipart(
      "preamble\r\n" + body_of({"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"}), boundary);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts.value().at(0).data, "1");
}

TEST(Multipart, RejectsMalformedBodies) {
  const std::vector<std::string> bad = {
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
      body_of({"Content-Type: text/plain\r\n\r\nno disposition"}),
      body_of({"Content-Disposition: form-data\r\n\r\nno name"}),
      body_of({"Content-Disposition: form-data; name=\"open\r\n\r\nx"}),
      body_of({"Content-Disposition: attachment; name=\"a\"\r\n\r\nx"}),
      body_of({"Content-Disposition: form-data; name=\"a\"\r\n\r\n\xC3\x28"}),
      "no delimiter at all",
  };
  for (const auto& body : bad) EXPECT_FALSE(parse_multipart(body, boundary).ok()) << body;
}

TEST(Multipart, EnforcesPartLimits) {
  std::vector<std::string> many(5, "Content-Disposition: form-data; name=\"a\"\r\n\r\n1");
  MultipartLimits limits;
  limits.max_parts = 4;
  EXPECT_FALSE(parse_multipart(body_of(many), boundary, limits).ok());
  limits.max_parts = 5;
  EXPECT_TRUE(parse_multipart(body_of(many), boundary, limits).ok());
  const std::string big_header =
      "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(9000, 'p') +
      "\r\n\r\n1";
  EXPECT_FALSE(parse_multipart(body_of({big_header}), boundary).ok());
}

TEST(Multipart, RejectsEveryFileOfTheBadCorpus) {
  const auto dir = std::filesystem::path(SCHAKEL_FUZZ_CORPUS) / "bad" / "multipart";
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const auto newline = text.find('\n');
    ASSERT_NE(newline, std::string::npos) << entry.path();
    const std::string content_type = text.substr(0, newline);
    const std::string body = text.substr(newline + 1);
    ++files;
    auto b = multipart_boundary(content_type);
    if (!b.ok()) continue;  // rejected at the Content-Type already
    EXPECT_FALSE(parse_multipart(body, b.value()).ok()) << entry.path();
  }
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace schakel::web
