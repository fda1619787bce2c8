// The campaign over HTTP: bad input gets a Dutch message, a 4xx and changes
// nothing; a SPOC acts only for their own municipality; the QR target counts,
// answers 303 to local help and sets no cookie.
#include <gtest/gtest.h>

#include <fstream>

#include "campaigns/types.hpp"
#include "reference/place_code.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::campaigns {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class CampaignHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    server_->db().run([&](soci::session& sql) {
      long long id = 0;
      sql << "SELECT MIN(id) FROM distribution_rounds", soci::into(id);
      round_ = std::to_string(id);
    });
    gent_ = session_cookie(*server_, "spoc.gent@demo.schakel.be", &gent_csrf_);
    aalst_ = session_cookie(*server_, "spoc.aalst@demo.schakel.be", &aalst_csrf_);
    coordinator_ = session_cookie(*server_, "coordinator@demo.schakel.be", &coordinator_csrf_);
  }
  long long count(const std::string& query) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  testing::HttpReply post(const std::string& path, const std::string& body,
                          const std::string& cookie, const std::string& csrf) {
    return http_post(server_->port(), path, "_csrf=" + web::percent_encode(csrf) + "&" + body,
                     "application/x-www-form-urlencoded", cookie);
  }
  std::string list(const std::string& nis) {
    return "/campagnes/rondes/" + round_ + "/gemeenten/" + nis;
  }
  std::unique_ptr<TestServer> server_;
  std::string round_, gent_, gent_csrf_, aalst_, aalst_csrf_, coordinator_, coordinator_csrf_;
};
TYPED_TEST_SUITE(CampaignHttp, Backends, BackendNames);

TYPED_TEST(CampaignHttp, ASpocPrintsOnlyTheirOwnMunicipalitysCards) {
  const auto port = this->server_->port();
  auto page = http_get(port, "/campagnes/postkaarten", this->gent_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/campagnes/postkaarten/child_abuse/44021/kaart.pdf"),
            std::string::npos);
  EXPECT_EQ(page.body.find("/41002/kaart.pdf"), std::string::npos);
  auto pdf = http_get(port, "/campagnes/postkaarten/child_abuse/44021/kaart.pdf", this->gent_);
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF"));
  EXPECT_EQ(http_get(port, "/campagnes/postkaarten/child_abuse/44021/vel.pdf", this->gent_).status,
            200);
  EXPECT_EQ(
      http_get(port, "/campagnes/postkaarten/child_abuse/41002/kaart.pdf", this->gent_).status,
      403);
  EXPECT_EQ(
      http_get(port, "/campagnes/postkaarten/sibling_violence/44021/kaart.pdf", this->gent_).status,
      404);
  EXPECT_EQ(http_get(port, "/campagnes/postkaarten/child_abuse/99999/kaart.pdf", this->coordinator_)
                .status,
            404);
  EXPECT_EQ(http_get(port, "/campagnes/postkaarten/child_abuse/41002/kaart.pdf", this->coordinator_)
                .status,
            200);
}

TYPED_TEST(CampaignHttp, BadCountsGetADutchMessageAndChangeNothing) {
  const std::string before = "SELECT COUNT(*) FROM distributions";
  const long long rows = this->count(before);
  const std::pair<const char*, const char*> cases[] = {
      {"-5", "Het aantal kaarten kan niet negatief zijn."},
      {"99999999999", "Hoogstens 100.000 kaarten per regel."},
      {"veel", "Geef het aantal kaarten als een getal, zoals 250."}};
  for (const auto& [cards, message] : cases) {
    auto reply =
        this->post(this->list("44021"),
                   "theme=child_abuse&place_type=school&cards=" + web::percent_encode(cards),
                   this->gent_, this->gent_csrf_);
    EXPECT_EQ(reply.status, 422) << cards;
    EXPECT_NE(reply.body.find(message), std::string::npos) << cards;
  }
  EXPECT_EQ(this->count(before), rows);
  // Another municipality's SPOC, an unknown municipality, an unknown round.
  EXPECT_EQ(this->post(this->list("44021"), "theme=child_abuse&place_type=school&cards=5",
                       this->aalst_, this->aalst_csrf_)
                .status,
            403);
  EXPECT_EQ(http_get(this->server_->port(), this->list("44021"), this->aalst_).status, 403);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND object = "
                        "'municipality:44021'"),
            2);  // both refusals are in the audit log
  EXPECT_EQ(this->post(this->list("99999"), "theme=child_abuse&place_type=school&cards=5",
                       this->coordinator_, this->coordinator_csrf_)
                .status,
            404);
  EXPECT_EQ(this->post("/campagnes/rondes/999999/gemeenten/44021",
                       "theme=child_abuse&place_type=school&cards=5", this->gent_, this->gent_csrf_)
                .status,
            404);
  EXPECT_EQ(this->count(before), rows);
  // A good line is added, corrected and removed.
  auto added = this->post(this->list("44021"), "theme=child_abuse&place_type=library&cards=75",
                          this->gent_, this->gent_csrf_);
  EXPECT_EQ(added.status, 303);
  const long long id = this->count("SELECT MAX(id) FROM distributions");
  const std::string line = this->list("44021") + "/" + std::to_string(id);
  EXPECT_EQ(http_get(this->server_->port(), line, this->gent_).status, 200);
  EXPECT_EQ(http_get(this->server_->port(), line, this->aalst_).status, 403);
  auto negative = this->post(line, "theme=child_abuse&place_type=library&cards=-1", this->gent_,
                             this->gent_csrf_);
  EXPECT_EQ(negative.status, 422);
  EXPECT_NE(negative.body.find("Het aantal kaarten kan niet negatief zijn."), std::string::npos);
  EXPECT_EQ(this->count("SELECT cards FROM distributions WHERE id = " + std::to_string(id)), 75);
  EXPECT_EQ(this->post(line, "theme=child_abuse&place_type=library&cards=80", this->gent_,
                       this->gent_csrf_)
                .status,
            303);
  EXPECT_EQ(this->count("SELECT cards FROM distributions WHERE id = " + std::to_string(id)), 80);
  EXPECT_EQ(this->post(line + "/verwijderen", "", this->aalst_, this->aalst_csrf_).status, 403);
  EXPECT_EQ(this->post(line + "/verwijderen", "", this->gent_, this->gent_csrf_).status, 303);
  EXPECT_EQ(this->count(before), rows);
}

TYPED_TEST(CampaignHttp, TheCoordinatorsPostcardAndRoundFormsRefuseBadInput) {
  const long long rounds = this->count("SELECT COUNT(*) FROM distribution_rounds");
  auto bad_round = this->post("/campagnes/rondes", "name=&starts_on=2026-05-01&ends_on=2026-04-01",
                              this->coordinator_, this->coordinator_csrf_);
  EXPECT_EQ(bad_round.status, 422);
  EXPECT_NE(bad_round.body.find("De einddatum ligt voor de begindatum."), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM distribution_rounds"), rounds);
  EXPECT_EQ(this->post("/campagnes/rondes", "name=Ronde+2&starts_on=2026-05-01&ends_on=2026-06-30",
                       this->coordinator_, this->coordinator_csrf_)
                .status,
            303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM distribution_rounds"), rounds + 1);
  auto bad_card = this->post("/campagnes/postkaarten/child_abuse/bewerken",
                             "title=" + std::string(70, 'a') + "&tips=a%0Ab&call_to_action=Bel",
                             this->coordinator_, this->coordinator_csrf_);
  EXPECT_EQ(bad_card.status, 422);
  EXPECT_NE(bad_card.body.find("De titel is te lang"), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM postcards WHERE title LIKE 'aaaa%'"), 0);
  EXPECT_EQ(
      http_get(this->server_->port(), "/campagnes/postkaarten/child_abuse/bewerken", this->gent_)
          .status,
      403);
  auto bad_line =
      this->post("/campagnes/gemeenten/44021/hulplijnen",
                 "label_1=CAW&phone_1=123&label_2=&phone_2=", this->gent_, this->gent_csrf_);
  EXPECT_EQ(bad_line.status, 422);
  EXPECT_EQ(this->post("/campagnes/gemeenten/44021/hulplijnen", "label_1=CAW&phone_1=09+123+45+67",
                       this->aalst_, this->aalst_csrf_)
                .status,
            403);
}

TYPED_TEST(CampaignHttp, TheCoordinatorSeesTotalsAndDownloadsThem) {
  const auto port = this->server_->port();
  auto page = http_get(port, "/campagnes/rondes/" + this->round_ + "/totalen", this->coordinator_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("Kaarten per soort plaats"), std::string::npos);
  auto xlsx =
      http_get(port, "/campagnes/rondes/" + this->round_ + "/totalen.xlsx", this->coordinator_);
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  // Read back with openpyxl: the demo's figures, summed by hand (demo.cpp): Gent 400 + 250 +
  // 600 + 150 + 300, Aalst 120 + 350 + 200 + 80 cards; a week of scans: Gent partner
  // violence 2 + back % 3 and child abuse 1 + back % 2, Aalst elder abuse 1 + back % 2.
  schakel::testing::TempDir dir;
  const std::string file = (dir.path() / "totalen.xlsx").string();
  std::ofstream(file, std::ios::binary) << xlsx.body;
  const std::string script = (dir.path() / "read.py").string();
  std::ofstream(script)
      << "import openpyxl, sys\n"
         "for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:\n"
         "    rows = list(ws.iter_rows(values_only=True))\n"
         "    print(ws.title, '|'.join(rows[0]), int(sum(r[-1] for r in rows[1:])))\n";
  const std::string out = schakel::testing::run_command("/usr/bin/python3 " + script + " " + file);
  EXPECT_EQ(out,
            "Verdeling Gemeente|NIS-code|Thema|Soort plaats|Kaarten 2450\n"
            "Scans Gemeente|NIS-code|Thema|Scans 43\n");
  EXPECT_EQ(http_get(port, "/campagnes/rondes/" + this->round_ + "/totalen", this->gent_).status,
            403);
  EXPECT_EQ(http_get(port, "/campagnes/rondes/999999/totalen", this->coordinator_).status, 404);
}

TYPED_TEST(CampaignHttp, AQrScanCountsAndSendsOnWithoutACookie) {
  const auto port = this->server_->port();
  const std::string place = reference::place_code("41002");
  const std::string counted =
      "SELECT COALESCE(SUM(scans), 0) FROM postcard_scans WHERE nis_code = '41002' AND "
      "theme = 'elder_abuse'";
  const long long before = this->count(counted);
  auto reply = http_get(port, "/k/" + scan_code("elder_abuse", "41002"));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.header("Location"), "/hulp/dichtbij/" + place);
  EXPECT_TRUE(reply.headers("Set-Cookie").empty());
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  EXPECT_EQ(this->count(counted), before + 1);
  auto head = schakel::testing::raw_request(
      port, "HEAD /k/" + scan_code("elder_abuse", "41002") +
                " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(head.status, 303);
  EXPECT_EQ(this->count(counted), before + 1);  // a HEAD is no one opening the card
  auto unknown = http_get(port, "/k/zzzzz");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("href=\"/hulp\""), std::string::npos);
  EXPECT_TRUE(unknown.headers("Set-Cookie").empty());
}

}  // namespace
}  // namespace schakel::campaigns
