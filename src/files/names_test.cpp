#include "files/names.hpp"

#include <gtest/gtest.h>

#include "web/form.hpp"

namespace schakel::files {
namespace {

TEST(SafeFileName, KeepsUnicodeAndTakesTheSniffedExtension) {
  EXPECT_EQ(safe_file_name("Verslag één.PDF", "pdf"), "Verslag één.pdf");
  EXPECT_EQ(safe_file_name("foto.jpeg", "jpg"), "foto.jpg");
  EXPECT_EQ(safe_file_name("rapport v2.final", "pdf"), "rapport v2.pdf");
  EXPECT_EQ(safe_file_name("zonder extensie", "docx"), "zonder extensie.docx");
}

TEST(SafeFileName, StripsPathsAndControlCharacters) {
  EXPECT_EQ(safe_file_name("../../etc/passwd", "pdf"), "passwd.pdf");
  EXPECT_EQ(safe_file_name("a/b\\c.pdf", "pdf"), "c.pdf");
  EXPECT_EQ(safe_file_name("C:\\Users\\x\\brief.doc", "doc"), "brief.doc");
  EXPECT_EQ(safe_file_name("in\r\nvoeg\x01.pdf", "pdf"), "invoeg.pdf");
  EXPECT_EQ(safe_file_name("gnp\xE2\x80\xAE.exe", "png"), "gnp.png");  // no right-to-left override
  EXPECT_EQ(safe_file_name("kapot\xFF\xFE.pdf", "pdf"), "kapot.pdf");
}

TEST(SafeFileName, IsNeverEmptyNorHidden) {
  EXPECT_EQ(safe_file_name("", "pdf"), "bijlage.pdf");
  EXPECT_EQ(safe_file_name("../", "pdf"), "bijlage.pdf");
  EXPECT_EQ(safe_file_name("..", "png"), "bijlage.png");
  EXPECT_EQ(safe_file_name(".pdf", "pdf"), "pdf.pdf");
  EXPECT_EQ(safe_file_name("   .  ", "mp3"), "bijlage.mp3");
}

TEST(SafeFileName, CutsLongNamesOnACharacterBoundary) {
  std::string long_name;
  for (int i = 0; i < 150; ++i) long_name += "é";  // 300 bytes
  const std::string safe = safe_file_name(long_name + ".pdf", "pdf");
  EXPECT_LE(safe.size(), 100u);
  EXPECT_TRUE(web::valid_utf8(safe));
  EXPECT_EQ(safe.substr(safe.size() - 4), ".pdf");
}

TEST(ContentDisposition, GivesAnAsciiFallbackAndTheUtf8Name) {
  EXPECT_EQ(content_disposition("Verslag één.pdf"),
            "attachment; filename=\"Verslag __n.pdf\"; "
            "filename*=UTF-8''Verslag%20%C3%A9%C3%A9n.pdf");
  EXPECT_EQ(content_disposition("a\"b.pdf"),
            "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf");
}

}  // namespace
}  // namespace schakel::files
