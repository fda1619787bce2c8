#include "files/upload.hpp"

#include <gtest/gtest.h>

#include "files/sample_files.hpp"

namespace schakel::files {
namespace {

TEST(SizeLabel, IsInDutch) {
  EXPECT_EQ(size_label_nl(840), "840 bytes");
  EXPECT_EQ(size_label_nl(12'300), "12 kB");
  EXPECT_EQ(size_label_nl(1'430'000), "1,4 MB");
  EXPECT_EQ(size_label_nl(20'000'000), "20 MB");
}

TEST(CheckUpload, AcceptsASniffedFileAndRefusesTheRestWithADutchMessage) {
  Upload upload{"verslag.pdf", "", ""};
  const std::string pdf = samples::pdf();
  upload.data = pdf;
  auto ok = check_upload(upload, 1'000'000);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().extension, "pdf");

  const auto refused = [&](Upload u, std::size_t max, const std::string& field) {
    auto r = check_upload(u, max);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().fields.front().field, field);
    EXPECT_FALSE(r.error().fields.front().message.empty());
  };
  refused(Upload{"", "", ""}, 1'000'000, "file");               // nothing chosen
  refused(Upload{"leeg.pdf", "", ""}, 1'000'000, "file");       // empty
  refused(upload, pdf.size() - 1, "file");                      // too large
  refused(Upload{"x.pdf", "gewoon tekst", ""}, 1'000, "file");  // not a known type
  refused(Upload{"x.pdf", pdf, std::string(201, 'a')}, 1'000'000, "title");
}

}  // namespace
}  // namespace schakel::files
