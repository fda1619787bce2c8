#include "web/multipart.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "web/http.hpp"

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
  auto parts = parse_multipart_views(body, boundary);
  ASSERT_TRUE(parts.ok()) << parts.error().fields.front().message;
  ASSERT_EQ(parts.value().size(), 2u);
  EXPECT_EQ(parts.value()[0].name, "titel");
  EXPECT_EQ(parts.value()[0].data, "Babobox");
  EXPECT_FALSE(parts.value()[0].is_file());
  EXPECT_EQ(parts.value()[1].filename, "fiche.pdf");
  EXPECT_EQ(parts.value()[1].content_type, "application/pdf");
  EXPECT_EQ(parts.value()[1].data, std::string("%PDF-1.4\r\nbinary\x00\xFF data", 22));
}

TEST(Multipart, ViewsPointIntoTheBodyInsteadOfCopyingIt) {
  // An upload of many megabytes must not be copied: the part points into the
  // (spooled, mapped) body it came from.
  const std::string bytes(64 * 1024, 'x');
  const std::string body = body_of({
      "Content-Disposition: form-data; name=\"titel\"\r\n\r\nVerslag",
      "Content-Disposition: form-data; name=\"file\"; filename=\"groot.pdf\"\r\n\r\n" + bytes,
  });
  auto parts = parse_multipart_views(body, boundary);
  ASSERT_TRUE(parts.ok());
  ASSERT_EQ(parts.value().size(), 2u);
  EXPECT_EQ(parts.value()[0].data, "Verslag");
  EXPECT_EQ(parts.value()[1].filename, "groot.pdf");
  for (const auto& part : parts.value()) {
    EXPECT_GE(part.data.data(), body.data());
    EXPECT_LE(part.data.data() + part.data.size(), body.data() + body.size());
  }
  EXPECT_EQ(parts.value()[1].data, bytes);
}

TEST(Multipart, FilePartFindsANamedFileTheAppKeptAsAView) {
  // The app parses the body once: plain fields go to the form, file parts stay
  // views in Request::files, and file_part reads those without parsing again.
  Request req;
  req.headers.set("Content-Type", "multipart/form-data; boundary=" + boundary);
  req.body = body_of({
      "Content-Disposition: form-data; name=\"file\"\r\n\r\nno file name: a plain field",
      "Content-Disposition: form-data; name=\"other\"; filename=\"a.pdf\"\r\n\r\nA",
      "Content-Disposition: form-data; name=\"file\"; filename=\"b.pdf\"\r\n\r\nB",
  });
  EXPECT_FALSE(file_part(req, "file"));  // nothing kept: the body is not read again
  auto parts = parse_multipart_views(req.body_view(), boundary);
  ASSERT_TRUE(parts.ok());
  for (auto& part : std::move(parts).value())
    if (part.is_file()) req.files.push_back(std::move(part));
  auto part = file_part(req, "file");
  ASSERT_TRUE(part);
  EXPECT_EQ(part->filename, "b.pdf");
  EXPECT_EQ(part->data, "B");
  EXPECT_GE(part->data.data(), req.body.data());
  EXPECT_LT(part->data.data(), req.body.data() + req.body.size());
  EXPECT_FALSE(file_part(req, "missing"));
}

TEST(Multipart, AcceptsAnEmptyFormAndAPreamble) {
  EXPECT_TRUE(parse_multipart_views("--" + boundary + "--\r\n", boundary).ok());
  const std::string body =
      "preamble\r\n" + body_of({"Content-Disposition: form-data; name=\"a\"\r\n\r\n1"});
  auto parts = parse_multipart_views(body, boundary);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(parts.value().at(0).data, "1");
}

TEST(Multipart, RejectsMalformedBodies) {
  const std::vector<std::string> bad = {
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
      "--" + boundary + "\r\nno end",
      body_of({"Content-Type: text/plain\r\n\r\nno disposition"}),
      body_of({"Content-Disposition: form-data\r\n\r\nno name"}),
      body_of({"Content-Disposition: form-data; name=\"open\r\n\r\nx"}),
      body_of({"Content-Disposition: attachment; name=\"a\"\r\n\r\nx"}),
      body_of({"Content-Disposition: form-data; name=\"a\"\r\n\r\n\xC3\x28"}),
      "no delimiter at all",
  };
  for (const auto& body : bad) EXPECT_FALSE(parse_multipart_views(body, boundary).ok()) << body;
}

TEST(Multipart, EnforcesPartLimits) {
  std::vector<std::string> many(5, "Content-Disposition: form-data; name=\"a\"\r\n\r\n1");
  MultipartLimits limits;
  limits.max_parts = 4;
  EXPECT_FALSE(parse_multipart_views(body_of(many), boundary, limits).ok());
  limits.max_parts = 5;
  EXPECT_TRUE(parse_multipart_views(body_of(many), boundary, limits).ok());
  const std::string big_header =
      "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(9000, 'p') +
      "\r\n\r\n1";
  EXPECT_FALSE(parse_multipart_views(body_of({big_header}), boundary).ok());
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
    EXPECT_FALSE(parse_multipart_views(body, b.value()).ok()) << entry.path();
  }
  EXPECT_GE(files, 10);
}

}  // namespace
}  // namespace schakel::web
