#include "citizens/hsds.hpp"

#include <gtest/gtest.h>

#include <set>

#include "citizens/help_service_service.hpp"
#include "citizens/help_service_store.hpp"
#include "reference/municipalities.hpp"
#include "test_support.hpp"

namespace schakel::citizens {

HsdsReference hsds_reference(store::Database& db);

namespace {

using schakel::testing::BackendTest;
using schakel::testing::TestDatabase;

// A small world for the parser alone: Gent (9000, 9050) and Aalst (9300).
HsdsReference small_world() {
  return HsdsReference{[](const std::string& nis) { return nis == "44021" || nis == "41002"; },
                       [](const std::string& postcode) {
                         if (postcode == "9000" || postcode == "9050")
                           return std::vector<std::string>{"44021"};
                         if (postcode == "9300") return std::vector<std::string>{"41002"};
                         return std::vector<std::string>{};
                       }};
}

std::vector<HelpService> sample_services() {
  HelpService a;
  a.organization = "CAW Oost-Vlaanderen";
  a.name = "Onthaal Gent";
  a.description = "Met \"aanhalingstekens\", komma's\nen een nieuwe regel.";
  a.type = ServiceType::caw;
  a.themes = {"partner_violence", "elder_abuse"};
  a.target_groups = {"adults", "elderly"};
  a.languages = {"nl", "fr"};
  a.hours = {WeeklyHours{0b0011111, 540, 720}, WeeklyHours{0b1000000, 600, 1440}};
  a.url = "https://www.caw.be";
  a.email = "onthaal@caw.example";
  a.phones = {Phone{"09 265 04 00", "Onthaal"}, Phone{"1712", ""}};
  a.location = Location{"Voorbeeldstraat 1", "9050", "44021", "Rolstoeltoegankelijk"};
  a.area.nis_codes = {"44021", "41002"};
  a.is_demo = true;
  HelpService b;
  b.organization = "Vertrouwenscentrum Kindermishandeling Oost-Vlaanderen";
  b.name = "Vertrouwenscentrum";
  b.type = ServiceType::vk;
  b.referral = Referral::professional;
  b.themes = {"child_abuse"};
  b.phones = {Phone{"+32 9 216 72 00", "Dag"}};
  b.area.kind = AreaKind::province;
  b.area.province = "Oost-Vlaanderen";
  HelpService c = b;
  c.organization = "CAW Oost-Vlaanderen";
  c.name = "Chat";
  c.type = ServiceType::other;
  c.area = ServiceArea{AreaKind::flanders, {}, ""};
  return {a, b, c};
}

std::string name_of(const std::string& nis) { return nis == "44021" ? "Gent" : "Aalst"; }

TEST(Hsds, ExportUsesTheTablesAndNamesOfHsds) {
  const auto doc = hsds_json(sample_services(), name_of);
  for (const char* table : {"organizations", "services", "locations", "service_at_locations",
                            "phones", "schedules", "service_areas", "languages", "accessibility"})
    EXPECT_TRUE(doc.at(table).is_array()) << table;
  EXPECT_EQ(doc["organizations"].size(), 2u);  // CAW shared by two services
  EXPECT_EQ(doc["services"][0]["organization_id"], "org-1");
  EXPECT_EQ(doc["schedules"][0]["byday"], "MO,TU,WE,TH,FR");
  EXPECT_EQ(doc["schedules"][0]["opens_at"], "09:00");
  EXPECT_EQ(doc["locations"][0]["addresses"][0]["postal_code"], "9050");
  EXPECT_EQ(doc["service_areas"][1]["extent"], "41002");
  EXPECT_EQ(doc["service_areas"][2]["extent_type"], "schakel_province");
}

TEST(Hsds, JsonAndCsvReadBackWhatWasWritten) {
  const auto services = sample_services();
  const std::string json = hsds_json(services, name_of).dump(2);
  const auto read = parse_hsds_json(json, small_world());
  ASSERT_TRUE(read.errors.empty()) << read.errors.front();
  EXPECT_EQ(hsds_json(read.services, name_of).dump(2), json);
  const std::string csv = hsds_csv(services);
  const auto from_csv = parse_hsds_csv(csv, small_world());
  ASSERT_TRUE(from_csv.errors.empty()) << from_csv.errors.front();
  EXPECT_EQ(hsds_csv(from_csv.services), csv);
  EXPECT_EQ(hsds_json(from_csv.services, name_of).dump(2), json);
}

bool mentions(const std::vector<std::string>& errors, const std::string& a, const std::string& b) {
  for (const auto& e : errors)
    if (e.find(a) != std::string::npos && e.find(b) != std::string::npos) return true;
  return false;
}

TEST(Hsds, JsonImportRefusesTheWholeFileNamingEachRecord) {
  auto doc = hsds_json(sample_services(), name_of);
  doc["service_areas"][1]["extent"] = "99999";    // unknown municipality
  doc["phones"][2]["number"] = "bel ons maar";    // broken phone number
  doc["schedules"][1]["closes_at"] = "25:00";     // invalid opening hours
  doc["services"][1]["schakel_type"] = "kapper";  // unknown type
  const auto read = parse_hsds_json(doc.dump(2), small_world());
  EXPECT_TRUE(read.services.empty());
  EXPECT_TRUE(mentions(read.errors, "services, record 1 (svc-1)", "onbekende gemeente \"99999\""));
  EXPECT_TRUE(mentions(read.errors, "services, record 2 (svc-2)", "ongeldig telefoonnummer"));
  EXPECT_TRUE(mentions(read.errors, "schedules, record 2 (sched-2)", "ongeldige openingsuren"));
  EXPECT_TRUE(mentions(read.errors, "services, record 2 (svc-2)", "onbekende soort \"kapper\""));
}

TEST(Hsds, JsonImportNamesTheLineOfBrokenJson) {
  const auto read = parse_hsds_json("{\n  \"services\": [\n    {,\n  ]\n}", small_world());
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0], "Regel 3: dit is geen geldige JSON.");
  EXPECT_FALSE(parse_hsds_json("[]", small_world()).errors.empty());
  EXPECT_FALSE(parse_hsds_json("{\"services\": 5}", small_world()).errors.empty());
  EXPECT_FALSE(parse_hsds_json("{\"services\": [{\"id\": 5}]}", small_world()).errors.empty());
}

TEST(Hsds, CsvImportRefusesTheWholeFileNamingEachLine) {
  std::string csv = hsds_csv(sample_services());
  auto replace = [&csv](const std::string& from, const std::string& to) {
    const auto at = csv.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    csv.replace(at, from.size(), to);
  };
  replace("09 265 04 00", "09 265");                  // line 2: broken phone
  replace("ma-vr 09:00-12:00", "ma-vr 12:00-09:00");  // line 2: invalid hours
  replace("44021|41002", "44021|12345");              // line 2: unknown municipality
  replace(
      "\r\nVertrouwenscentrum Kindermishandeling "
      "Oost-Vlaanderen,Vertrouwenscentrum,,vertrouwenscentrum,",
      "\r\nVertrouwenscentrum Kindermishandeling Oost-Vlaanderen,Vertrouwenscentrum,,kapper,");
  const auto read = parse_hsds_csv(csv, small_world());
  EXPECT_TRUE(read.services.empty());
  // The description of the first service holds a newline, so the next one is on line 4.
  EXPECT_TRUE(mentions(read.errors, "Regel 2:", "ongeldig telefoonnummer \"09 265\""));
  EXPECT_TRUE(mentions(read.errors, "Regel 2:", "ongeldige openingsuren"));
  EXPECT_TRUE(mentions(read.errors, "Regel 2:", "onbekende gemeente \"12345\""));
  EXPECT_TRUE(mentions(read.errors, "Regel 4:", "onbekende soort \"kapper\""));
  std::string short_row = hsds_csv({}) + "a,b\r\n";
  EXPECT_TRUE(mentions(parse_hsds_csv(short_row, small_world()).errors, "Regel 2:", "kolommen"));
  EXPECT_FALSE(parse_hsds_csv("naam\r\n", small_world()).errors.empty());
}

template <class B>
class HsdsRoundTrip : public BackendTest<B> {};
TYPED_TEST_SUITE(HsdsRoundTrip, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(HsdsRoundTrip, ExportToAnEmptyDatabaseAndBackIsIdentical) {
  ManualClock clock(1767225600);
  web::Principal coordinator;
  coordinator.role = Role::coordinator;
  HelpServices first(this->db(), clock);
  ASSERT_TRUE(first.replace_all(coordinator, sample_services()));
  auto& db1 = this->db();
  auto names1 = [&db1](const std::string& nis) { return reference::municipality_name(db1, nis); };
  const std::string json = hsds_json(first.all(), names1).dump(2);
  const std::string csv = hsds_csv(first.all());

  for (const bool use_csv : {false, true}) {
    TestDatabase empty(TypeParam::backend);
    empty.migrate();
    const auto read = use_csv ? parse_hsds_csv(csv, hsds_reference(empty.db()))
                              : parse_hsds_json(json, hsds_reference(empty.db()));
    ASSERT_TRUE(read.errors.empty()) << read.errors.front();
    HelpServices second(empty.db(), clock);
    ASSERT_TRUE(second.replace_all(coordinator, read.services));
    EXPECT_EQ(hsds_json(second.all(), names1).dump(2), json) << (use_csv ? "csv" : "json");
    EXPECT_EQ(hsds_csv(second.all()), csv);
  }
}

}  // namespace
}  // namespace schakel::citizens
