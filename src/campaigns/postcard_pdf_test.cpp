// The printable postcards read back with Debian's tools: pdftotext finds the
// tips, the municipality and its help line; pdfinfo gives A6 and A4 page
// sizes; zbarimg decodes the QR code of a page rendered by pdftoppm to the
// exact URL.
#include <gtest/gtest.h>

#include <fstream>

#include "campaigns/postcard_pdf.hpp"
#include "test_support.hpp"

namespace schakel::campaigns {
namespace {

using schakel::testing::run_command;
using schakel::testing::TempDir;

CardContent gent_card() {
  return CardContent{Postcard{"child_abuse", "Maak je je zorgen om een kind?",
                              "Vraag het kind rustig hoe het gaat.\nBeloof geen geheim.",
                              "Praat erover met 1712.", 0},
                     "Gent",
                     {{"CAW Oost-Vlaanderen", "09 265 04 90"}},
                     "https://schakel.example/k/kabcd"};
}

// One space for every run of white space, as a long line may wrap.
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  return out;
}

// The value of `name` in pdfinfo's output ("Pages", "Page size"), trimmed.
std::string info_field(const std::string& info, const std::string& name) {
  const auto at = info.find(name + ":");
  if (at == std::string::npos) return "";
  const auto start = info.find_first_not_of(' ', at + name.size() + 1);
  return info.substr(start, info.find('\n', start) - start);
}

struct PdfFile {
  TempDir dir;
  std::string path;
  explicit PdfFile(const std::string& pdf) : path((dir.path() / "kaart.pdf").string()) {
    std::ofstream(path, std::ios::binary) << pdf;
  }
  std::string text() const { return squeeze(run_command("pdftotext -enc UTF-8 '" + path + "' -")); }
  std::string info() const { return run_command("pdfinfo '" + path + "'"); }
  // The QR codes zbarimg finds on page `page` rendered at 300 dpi.
  std::string qr(int page) const {
    const std::string png = (dir.path() / "pagina").string();
    run_command("pdftoppm -r 300 -png -f " + std::to_string(page) + " -l " + std::to_string(page) +
                " -singlefile '" + path + "' '" + png + "'");
    return run_command("zbarimg --quiet --raw '" + png + ".png'");
  }
};

TEST(PostcardPdf, ACardHasTheTipsTheMunicipalityAndAQrCodeToItsUrl) {
  PdfFile pdf(render_card_pdf(gent_card(), false));
  const std::string text = pdf.text();
  EXPECT_NE(text.find("Vraag het kind rustig hoe het gaat."), std::string::npos) << text;
  EXPECT_NE(text.find("Beloof geen geheim."), std::string::npos);
  EXPECT_NE(text.find("Hulp in Gent"), std::string::npos);
  EXPECT_NE(text.find("CAW Oost-Vlaanderen 09 265 04 90"), std::string::npos);
  EXPECT_NE(text.find("Bel 1712"), std::string::npos);
  EXPECT_NE(text.find("101"), std::string::npos);
  EXPECT_NE(text.find("112"), std::string::npos);
  const std::string info = pdf.info();
  EXPECT_EQ(info_field(info, "Pages"), "2");
  EXPECT_EQ(info_field(info, "Page size"), "297.64 x 419.53 pts");  // A6: 105 x 148 mm
  EXPECT_EQ(pdf.qr(1), "https://schakel.example/k/kabcd\n");
}

TEST(PostcardPdf, CropMarksAddTenMillimetresAroundTheCard) {
  PdfFile pdf(render_card_pdf(gent_card(), true));
  EXPECT_EQ(info_field(pdf.info(), "Page size"), "354.34 x 476.23 pts");
  EXPECT_EQ(pdf.qr(1), "https://schakel.example/k/kabcd\n");
}

TEST(PostcardPdf, TheSheetHasFourCardsOnA4) {
  PdfFile pdf(render_sheet_pdf(gent_card(), true));
  const std::string info = pdf.info();
  EXPECT_EQ(info_field(info, "Page size"), "595.28 x 841.89 pts (A4)");
  EXPECT_EQ(info_field(info, "Pages"), "2");
  const std::string codes = pdf.qr(1);
  EXPECT_EQ(codes,
            "https://schakel.example/k/kabcd\n"
            "https://schakel.example/k/kabcd\n"
            "https://schakel.example/k/kabcd\n"
            "https://schakel.example/k/kabcd\n");
  std::size_t tips = 0;
  for (auto at = pdf.text().find("Beloof geen geheim."); at != std::string::npos;
       at = pdf.text().find("Beloof geen geheim.", at + 1))
    ++tips;
  EXPECT_EQ(tips, 4u);
}

}  // namespace
}  // namespace schakel::campaigns
