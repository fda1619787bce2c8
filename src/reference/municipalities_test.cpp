#include "reference/municipalities.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_support.hpp"

namespace schakel::reference {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class ReferenceTest : public BackendTest<B> {};
TYPED_TEST_SUITE(ReferenceTest, Backends, BackendNames);

TYPED_TEST(ReferenceTest, NamesEveryMunicipalityByNisCode) {
  const auto& names = municipality_names(this->db());
  EXPECT_EQ(names.size(), 565u);
  EXPECT_EQ(names.at("44021"), "Gent");
  EXPECT_EQ(names.at("21004"), "Brussel");
  const auto& in_transaction =
      this->db().transact([](soci::session& sql) { return municipality_names(sql); });
  EXPECT_EQ(in_transaction, names);
}

TYPED_TEST(ReferenceTest, KeepsTheNamesOnceRead) {
  municipality_names(this->db());
  // A database without the reference data still answers with the kept names.
  schakel::testing::TestDatabase empty(TypeParam::backend);
  EXPECT_EQ(municipality_names(empty.db()).at("11002"), "Antwerpen");
  EXPECT_TRUE(is_municipality(empty.db(), "11002"));
}

TYPED_TEST(ReferenceTest, NamesAnUnknownCodeByItself) {
  EXPECT_EQ(municipality_name(this->db(), "44021"), "Gent");
  EXPECT_EQ(municipality_name(this->db(), "99999"), "99999");
  EXPECT_EQ(municipality_name(this->db(), ""), "");
  EXPECT_TRUE(is_municipality(this->db(), "44021"));
  EXPECT_FALSE(is_municipality(this->db(), "99999"));
  EXPECT_FALSE(is_municipality(this->db(), ""));
}

TYPED_TEST(ReferenceTest, FindsAMunicipalityWithEveryField) {
  auto gent = find_municipality(this->db(), "44021");
  ASSERT_TRUE(gent);
  EXPECT_EQ(gent->nis_code, "44021");
  EXPECT_EQ(gent->name_nl, "Gent");
  EXPECT_EQ(gent->name_fr, "Gand");
  EXPECT_EQ(gent->region, "Vlaanderen");
  EXPECT_EQ(gent->province, "Oost-Vlaanderen");
  auto brussel = find_municipality(this->db(), "21004");
  ASSERT_TRUE(brussel);
  EXPECT_EQ(brussel->province, "");
  EXPECT_FALSE(find_municipality(this->db(), "99999"));
  EXPECT_FALSE(find_municipality(this->db(), "44021' OR '1'='1"));
}

TYPED_TEST(ReferenceTest, ListsTheMunicipalitiesOfARegionByName) {
  auto flemish = municipalities_in_region(this->db(), "Vlaanderen");
  EXPECT_EQ(flemish.size(), 285u);
  EXPECT_TRUE(std::all_of(flemish.begin(), flemish.end(),
                          [](const Municipality& m) { return m.region == "Vlaanderen"; }));
  EXPECT_TRUE(std::is_sorted(
      flemish.begin(), flemish.end(),
      [](const Municipality& a, const Municipality& b) { return a.name_nl < b.name_nl; }));
  EXPECT_TRUE(municipalities_in_region(this->db(), "Nergens").empty());
}

}  // namespace
}  // namespace schakel::reference
