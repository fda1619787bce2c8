#include <gtest/gtest.h>

#include "citizens/help_service_service.hpp"
#include "citizens/help_service_store.hpp"
#include "reference/place_code.hpp"
#include "test_support.hpp"

namespace schakel::citizens {
namespace {

using schakel::testing::BackendTest;

web::Principal spoc_of(const std::string& nis) {
  web::Principal p;
  p.id = 7;
  p.role = Role::spoc;
  p.spoc_of = {nis};
  return p;
}

web::Principal coordinator() {
  web::Principal p;
  p.id = 1;
  p.role = Role::coordinator;
  return p;
}

ServiceInput gent_caw() {
  ServiceInput in;
  in.organization = "CAW Oost-Vlaanderen";
  in.name = "Onthaal Gent";
  in.description = "Je kunt hier terecht met elke vraag.";
  in.type = "caw";
  in.referral = "self";
  in.themes = {"partner_violence", "elder_abuse"};
  in.target_groups = {"adults"};
  in.languages = "nl, FR";
  in.hours = "ma-vr 9:00-12:00, 13:00-17:00\nza 10:00-12:00";
  in.phones = "09 265 04 00: Onthaal\n+32 9 123 45 67";
  in.url = "https://www.caw.be";
  in.email = "onthaal@caw.example";
  in.address = "Voorbeeldstraat 1";
  in.postcode = "9000";
  in.accessibility = "Rolstoeltoegankelijk";
  in.area_kind = "local";
  in.municipalities = "Gent\nMerelbeke-Melle";
  return in;
}

template <class B>
class HelpServiceStoreTest : public BackendTest<B> {
 protected:
  HelpServices service() { return HelpServices(this->db(), clock_); }
  ManualClock clock_{1767225600};  // 2026-01-01
};
TYPED_TEST_SUITE(HelpServiceStoreTest, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(HelpServiceStoreTest, KeepsEveryFieldOfAService) {
  auto id = this->service().create(spoc_of("44021"), gent_caw());
  ASSERT_TRUE(id) << id.error().fields.at(0).message;
  auto s =
      this->db().run([&](soci::session& sql) { return HelpServiceStore::find(sql, id.value()); });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->organization, "CAW Oost-Vlaanderen");
  EXPECT_EQ(s->type, ServiceType::caw);
  EXPECT_EQ(s->referral, Referral::self);
  EXPECT_EQ(s->themes, (std::vector<std::string>{"partner_violence", "elder_abuse"}));
  EXPECT_EQ(s->languages, (std::vector<std::string>{"nl", "fr"}));
  EXPECT_EQ(format_hours(s->hours), "ma-vr 09:00-12:00\nma-vr 13:00-17:00\nza 10:00-12:00");
  ASSERT_EQ(s->phones.size(), 2u);
  EXPECT_EQ(s->phones[0].description, "Onthaal");
  EXPECT_EQ(tel_href(s->phones[1].number), "+3291234567");
  ASSERT_TRUE(s->location);
  EXPECT_EQ(s->location->nis_code, "44021");
  EXPECT_EQ(s->area.nis_codes.size(), 2u);
  EXPECT_EQ(s->owner_nis_code(), "44021");
}

TYPED_TEST(HelpServiceStoreTest, RefusesBadFieldsAndStoresNothing) {
  ServiceInput in = gent_caw();
  in.phones = "09 265 04 00\nbel ons";
  in.url = "http://www.caw.be";
  in.hours = "maandag tot vrijdag";
  in.type = "kapper";
  in.municipalities = "Atlantis";
  auto id = this->service().create(coordinator(), in);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().failure, Failure::invalid);
  EXPECT_NE(id.error().message_for("telefoons").find("Regel 2"), std::string::npos);
  EXPECT_NE(id.error().message_for("website"), "");
  EXPECT_NE(id.error().message_for("openingsuren").find("regel 1"), std::string::npos);
  EXPECT_NE(id.error().message_for("soort"), "");
  EXPECT_NE(id.error().message_for("gemeenten"), "");
  EXPECT_EQ(this->db().run([](soci::session& sql) { return HelpServiceStore::count(sql); }), 0);
}

TYPED_TEST(HelpServiceStoreTest, RefusesTooLongInputBeforeLookingItUp) {
  ServiceInput in = gent_caw();
  in.municipalities = std::string(5000, 'x');
  in.phones = std::string(1001, '1');
  auto id = this->service().create(coordinator(), in);
  ASSERT_FALSE(id);
  EXPECT_NE(id.error().message_for("gemeenten").find("te lang"), std::string::npos);
  EXPECT_NE(id.error().message_for("telefoons").find("te lang"), std::string::npos);
}

TYPED_TEST(HelpServiceStoreTest, ASpocMaintainsOnlyTheServicesOfTheirMunicipality) {
  ServiceInput aalst = gent_caw();
  aalst.municipalities = "Aalst";
  auto refused = this->service().create(spoc_of("44021"), aalst);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message_for("gemeenten"), "");
  ServiceInput flanders = gent_caw();
  flanders.area_kind = "flanders";
  EXPECT_FALSE(this->service().create(spoc_of("44021"), flanders));

  auto id = this->service().create(coordinator(), aalst);
  ASSERT_TRUE(id) << id.error().fields.at(0).field << id.error().fields.at(0).message;
  EXPECT_EQ(this->service().update(spoc_of("44021"), id.value(), gent_caw()).error().failure,
            Failure::forbidden);
  EXPECT_EQ(this->service().remove(spoc_of("44021"), id.value()).error().failure,
            Failure::forbidden);
  EXPECT_TRUE(this->service().remove(spoc_of("41002"), id.value()));
  EXPECT_EQ(this->service().remove(spoc_of("41002"), id.value()).error().failure,
            Failure::not_found);
}

TYPED_TEST(HelpServiceStoreTest, LocalHelpListsLocalThenSupraLocalWithoutReferralOnlyServices) {
  ASSERT_TRUE(this->service().create(spoc_of("44021"), gent_caw()));
  ServiceInput province = gent_caw();
  province.name = "Vertrouwenscentrum";
  province.type = "vertrouwenscentrum";
  province.area_kind = "province";
  province.province = "Oost-Vlaanderen";
  ASSERT_TRUE(this->service().create(coordinator(), province));
  ServiceInput referral = gent_caw();
  referral.name = "Via doorverwijzing";
  referral.referral = "professional";
  referral.area_kind = "flanders";
  ASSERT_TRUE(this->service().create(coordinator(), referral));
  ServiceInput elsewhere = gent_caw();
  elsewhere.name = "Antwerpen";
  elsewhere.municipalities = "2000";
  ASSERT_TRUE(this->service().create(coordinator(), elsewhere));

  auto help = this->service().local_help(reference::place_code("44021"), false);
  ASSERT_TRUE(help);
  EXPECT_EQ(help.value().municipality.name_nl, "Gent");
  ASSERT_EQ(help.value().local.size(), 1u);
  EXPECT_EQ(help.value().local[0].name, "Onthaal Gent");
  ASSERT_EQ(help.value().supra_local.size(), 1u);
  EXPECT_EQ(help.value().supra_local[0].name, "Vertrouwenscentrum");
  auto pro = this->service().local_help(reference::place_code("44021"), true);
  EXPECT_EQ(pro.value().supra_local.size(), 2u);
  // Merelbeke-Melle is in the area of the Gent service too.
  auto merelbeke = this->service().local_help_for("44088", false);
  ASSERT_TRUE(merelbeke);
  EXPECT_EQ(merelbeke.value().local.size(), 1u);
  EXPECT_EQ(this->service().local_help("zzzz", false).error().failure, Failure::not_found);
}

TEST(HelpServiceValues, BelgianPhoneNumbers) {
  for (const char* good : {"09 265 04 00", "0470/12.34.56", "+32 9 123 45 67", "0032470123456",
                           "1712", "101", "112", "116 000", "0800 30 030"})
    EXPECT_FALSE(check_phone(good)) << good;
  for (const char* bad : {"", "12", "abc", "09 123", "+31 20 123 4567", "0044 20 1234 5678",
                          "1712 of 112", "0912345678901"})
    EXPECT_TRUE(check_phone(bad)) << bad;
  EXPECT_EQ(tel_href("1712"), "1712");
  EXPECT_EQ(tel_href("0470/12.34.56"), "+32470123456");
}

TEST(HelpServiceValues, OpeningHours) {
  auto h = parse_hours("Ma-Vr 9:00-17:00\n\nza, zo 10:00-24:00");
  ASSERT_EQ(h.error, "");
  ASSERT_EQ(h.hours.size(), 2u);
  EXPECT_EQ(byday_of(h.hours[0].days), "MO,TU,WE,TH,FR");
  EXPECT_EQ(h.hours[1].closes, 1440);
  EXPECT_EQ(format_hours(h.hours), "ma-vr 09:00-17:00\nza-zo 10:00-24:00");
  EXPECT_EQ(format_period(WeeklyHours{0b0010101, 60, 120}), "ma, wo, vr 01:00-02:00");
  // Hours are read by the same rule as the 1712 editor's: "9-17" is 09:00-17:00.
  const auto short_hours = parse_hours("ma 9-17, 18.30-20");
  ASSERT_EQ(short_hours.error, "");
  EXPECT_EQ(format_hours(short_hours.hours), "ma 09:00-17:00\nma 18:30-20:00");
  for (const char* bad : {"ma 17:00-9:00", "elke dag", "ma-vr", "ma 9h-17h", "vr-ma 9:00-10:00",
                          "ma 25:00-26:00", "ma 9:00-17:60"})
    EXPECT_NE(parse_hours(bad).error, "") << bad;
  EXPECT_EQ(days_of_byday("MO,SU"), std::optional<std::uint8_t>(0b1000001));
  EXPECT_FALSE(days_of_byday("MO,XX"));
}

TEST(HelpServiceValues, OnlyHttpsAddresses) {
  EXPECT_FALSE(check_https_url("https://www.caw.be/hulp"));
  EXPECT_TRUE(check_https_url("http://www.caw.be"));
  EXPECT_TRUE(check_https_url("https://"));
  EXPECT_TRUE(check_https_url("https://www.caw.be/a b"));
  EXPECT_TRUE(check_https_url("javascript:alert(1)"));
}

}  // namespace
}  // namespace schakel::citizens
