#include "reference/place_code.hpp"

#include <gtest/gtest.h>

#include <set>

#include "reference/municipalities.hpp"
#include "test_support.hpp"

namespace schakel::reference {
namespace {

TEST(PlaceCode, DecodesBackToTheNisCode) {
  for (const char* nis : {"44021", "11002", "21004", "10000", "99999", "71022"}) {
    const std::string code = place_code(nis);
    ASSERT_EQ(code.size(), 4u) << nis;
    EXPECT_EQ(nis_for_place_code(code), std::optional<std::string>(nis)) << code;
  }
}

TEST(PlaceCode, ShowsNeitherTheNameNorTheDigits) {
  const std::string code = place_code("44021");
  EXPECT_EQ(code.find("44021"), std::string::npos);
  for (char c : code) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '2' && c <= '9')) << code;
}

TEST(PlaceCode, GivesEveryMunicipalityItsOwnCode) {
  schakel::testing::TestDatabase test(store::Backend::sqlite);
  test.migrate();
  std::set<std::string> codes;
  for (const auto& [nis, name] : municipality_names(test.db())) {
    const std::string code = place_code(nis);
    EXPECT_TRUE(codes.insert(code).second) << name;
    EXPECT_EQ(nis_for_place_code(code), std::optional<std::string>(nis)) << name;
  }
  EXPECT_EQ(codes.size(), 565u);
}

TEST(PlaceCode, AcceptsUpperCase) {
  std::string code = place_code("44021");
  for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(nis_for_place_code(code), std::optional<std::string>("44021"));
}

TEST(PlaceCode, RefusesWhatIsNotACode) {
  EXPECT_EQ(place_code("4402"), "");
  EXPECT_EQ(place_code("04021"), "");
  EXPECT_EQ(place_code("44a21"), "");
  for (const char* bad :
       {"", "abc", "abcde", "ab0c", "ab1c", "aboc", "ablc", "ab c", "9999", "zzzz"})
    EXPECT_EQ(nis_for_place_code(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace schakel::reference
