// The shared PDF helpers: a document of several pages with its metadata, text
// that pdftotext reads back, and wrapped text that grows in height.
#include "view/pdf.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "test_support.hpp"

namespace schakel::view {
namespace {

TEST(Pdf, RendersPagesWithMetadataAndText) {
  double one_line = 0, wrapped = 0;
  const std::string pdf = render_pdf(
      595.28, 841.89, {"Een titel – met streep", "Schakel", "Test", ""}, [&](cairo_t* cr) {
        one_line = draw_text(cr, "Eerste pagina", "DejaVu Sans 12", 50, 50, 400);
        cairo_show_page(cr);
        wrapped =
            draw_text(cr, std::string(40, 'a') + " tweede pagina", "DejaVu Sans 12", 50, 50, 60);
        draw_qr(cr, "https://voorbeeld.be", 50, 200, 100);
        cairo_show_page(cr);
      });
  ASSERT_TRUE(pdf.starts_with("%PDF"));
  EXPECT_GT(one_line, 0);
  EXPECT_GT(wrapped, 2 * one_line);  // 40 letters do not fit 60 points: broken inside the word
  testing::TempDir dir;
  const std::string path = (dir.path() / "test.pdf").string();
  std::ofstream(path, std::ios::binary) << pdf;
  const std::string info = testing::run_command("pdfinfo '" + path + "'");
  EXPECT_NE(info.find("Een titel – met streep"), std::string::npos) << info;
  EXPECT_TRUE(std::regex_search(info, std::regex("Pages: +2\n"))) << info;
  const std::string text = testing::run_command("pdftotext -enc UTF-8 '" + path + "' -");
  EXPECT_NE(text.find("Eerste pagina"), std::string::npos);
  EXPECT_NE(text.find("tweede"), std::string::npos);  // wrapped: "pagina" is on the next line
}

}  // namespace
}  // namespace schakel::view
