#include "reference/postcodes.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schakel::reference {
namespace {

using schakel::testing::BackendTest;

template <class B>
class PlaceLookup : public BackendTest<B> {};
TYPED_TEST_SUITE(PlaceLookup, schakel::testing::Backends, schakel::testing::BackendNames);

std::vector<std::string> codes_of(const std::vector<Municipality>& list) {
  std::vector<std::string> out;
  for (const auto& m : list) out.push_back(m.nis_code);
  return out;
}

TYPED_TEST(PlaceLookup, PostcodeWithOneMunicipality) {
  EXPECT_EQ(codes_of(municipalities_for_postcode(this->db(), "9000")),
            std::vector<std::string>{"44021"});
  // Deelgemeenten of Gent have their own postcode and still give Gent, once.
  EXPECT_EQ(codes_of(municipalities_for_postcode(this->db(), "9050")),
            std::vector<std::string>{"44021"});
  EXPECT_EQ(codes_of(find_place(this->db(), " 9030 ")), std::vector<std::string>{"44021"});
}

TYPED_TEST(PlaceLookup, PostcodeWithSeveralMunicipalitiesGivesEachOnceByName) {
  // bpost's list of 2025 has no such postcode left; one that serves two is added here.
  this->db().transact([](soci::session& sql) {
    sql << "INSERT INTO postcodes (postcode, locality, nis_code) VALUES ('9999', 'Testdorp', "
           "'44021'), ('9999', 'Testveld', '41002'), ('9999', 'Testhoek', '41002')";
  });
  const auto found = municipalities_for_postcode(this->db(), "9999");
  EXPECT_EQ(codes_of(found), (std::vector<std::string>{"41002", "44021"}));  // Aalst, Gent
  EXPECT_EQ(found.at(0).name_nl, "Aalst");
}

TYPED_TEST(PlaceLookup, MunicipalityAndDeelgemeenteNames) {
  EXPECT_EQ(codes_of(find_place(this->db(), "Gent")), std::vector<std::string>{"44021"});
  EXPECT_EQ(codes_of(find_place(this->db(), "mariakerke")), std::vector<std::string>{"44021"});
  EXPECT_EQ(codes_of(find_place(this->db(), "sint denijs westrem")),
            std::vector<std::string>{"44021"});
  EXPECT_EQ(codes_of(find_place(this->db(), "44021")), std::vector<std::string>{"44021"});
  // Localities of different municipalities that share a name give each of them.
  EXPECT_GE(find_place(this->db(), "Beveren").size(), 2u);
}

TYPED_TEST(PlaceLookup, UnknownPlacesFindNothing) {
  EXPECT_TRUE(find_place(this->db(), "Atlantis").empty());
  EXPECT_TRUE(find_place(this->db(), "0000").empty());
  EXPECT_TRUE(find_place(this->db(), "99999").empty());
  EXPECT_TRUE(find_place(this->db(), "").empty());
  EXPECT_TRUE(find_place(this->db(), "' OR 1=1 --").empty());
  EXPECT_TRUE(municipalities_for_postcode(this->db(), "90000").empty());
}

TEST(FoldPlaceName, IgnoresCaseHyphensAndBlanks) {
  EXPECT_EQ(fold_place_name("  Sint-Niklaas "), "sint niklaas");
  EXPECT_EQ(fold_place_name("SINT   niklaas"), "sint niklaas");
}

}  // namespace
}  // namespace schakel::reference
