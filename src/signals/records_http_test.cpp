// Signals and needs over HTTP: the quick form and its defaults, bad input that
// comes back with a Dutch message, a 4xx, the typed text and no change, the
// rights of SPOCs of another municipality, the lists' filters, and grouping
// signals into a need whose page tells its story.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class RecordsHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    gent_ = session_cookie(*server_, "spoc.gent@demo.schakel.be", &gent_csrf_);
    aalst_ = session_cookie(*server_, "spoc.aalst@demo.schakel.be", &aalst_csrf_);
    coordinator_ = session_cookie(*server_, "coordinator@demo.schakel.be", &coordinator_csrf_);
    professional_ = session_cookie(*server_, "professional@demo.schakel.be");
  }
  long long count(const std::string& query) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  std::string demo_signal(const std::string& start) {
    return std::to_string(count("SELECT id FROM signals WHERE description LIKE '" + start + "%'"));
  }
  testing::HttpReply post(const std::string& path, const std::string& body,
                          const std::string& cookie, const std::string& csrf) {
    return http_post(server_->port(), path, "_csrf=" + web::percent_encode(csrf) + "&" + body,
                     "application/x-www-form-urlencoded", cookie);
  }
  testing::HttpReply get(const std::string& path, const std::string& cookie) {
    return http_get(server_->port(), path, cookie);
  }
  std::unique_ptr<TestServer> server_;
  std::string gent_, gent_csrf_, aalst_, aalst_csrf_, coordinator_, coordinator_csrf_,
      professional_;
};
TYPED_TEST_SUITE(RecordsHttp, Backends, BackendNames);

TYPED_TEST(RecordsHttp, TheQuickFormPreselectsTheSpocsMunicipalityAndTodayAndSaves) {
  auto form = this->get("/signalen/nieuw", this->gent_);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<option value=\"44021\" selected>Gent</option>"), std::string::npos);
  EXPECT_EQ(form.body.find("value=\"41002\""), std::string::npos);  // not Aalst
  const std::string today = format_date_input(this->server_->clock().now());
  EXPECT_NE(form.body.find("value=\"" + today + "\""), std::string::npos);
  EXPECT_NE(form.body.find("<details"), std::string::npos);
  EXPECT_NE(form.body.find("class=\"signals-tabs\""), std::string::npos);
  const long long before = this->count("SELECT COUNT(*) FROM signals");
  auto saved = this->post("/signalen/nieuw",
                          "description=" +
                              web::percent_encode("Sportclubs horen over geweld "
                                                  "tussen broers en zussen.") +
                              "&nis_code=44021&themes=sibling_violence&observed_on=" + today,
                          this->gent_, this->gent_csrf_);
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM signals"), before + 1);
  const std::string id = std::to_string(this->count("SELECT MAX(id) FROM signals"));
  EXPECT_EQ(saved.header("Location"), "/signalen/" + id);
  auto page = this->get("/signalen/" + id, this->gent_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Sportclubs horen over geweld"), std::string::npos);
  EXPECT_NE(page.body.find("Geweld tussen broers en zussen"), std::string::npos);
  EXPECT_NE(this->get("/signalen", this->gent_).body.find("/signalen/" + id + "\""),
            std::string::npos);
}

TYPED_TEST(RecordsHttp, BadInputComesBackWithTheMessageAndTheTypedTextAndChangesNothing) {
  const long long before = this->count("SELECT COUNT(*) FROM signals");
  auto reply =
      this->post("/signalen/nieuw",
                 "description=" + web::percent_encode("Ouders vragen waar ze heen kunnen.") +
                     "&nis_code=44021&observed_on=2099-01-01&source=" + std::string(250, 'x'),
                 this->gent_, this->gent_csrf_);
  EXPECT_EQ(reply.status, 422);
  EXPECT_NE(reply.body.find("Kies minstens één thema."), std::string::npos);
  EXPECT_NE(reply.body.find("De datum ligt in de toekomst."), std::string::npos);
  EXPECT_NE(reply.body.find("Deze tekst is te lang: hoogstens 200 tekens"), std::string::npos);
  EXPECT_NE(reply.body.find(">Ouders vragen waar ze heen kunnen.</textarea>"), std::string::npos);
  EXPECT_NE(reply.body.find("<details class=\"form-section\" open>"), std::string::npos);
  auto unknown = this->post("/signalen/nieuw",
                            "description=iets&nis_code=99999&themes=child_abuse&observed_on=2026-"
                            "01-01",
                            this->coordinator_, this->coordinator_csrf_);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("Deze gemeente bestaat niet."), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM signals"), before);
  // Bad filters get a Dutch message and a 4xx too.
  auto filter = this->get("/signalen?gemeente=nergens", this->gent_);
  EXPECT_EQ(filter.status, 422);
  EXPECT_NE(filter.body.find("Deze gemeente bestaat niet."), std::string::npos);
  EXPECT_EQ(this->get("/noden?status=half", this->gent_).status, 422);
}

TYPED_TEST(RecordsHttp, ASpocOfAnotherMunicipalityReadsButDoesNotChangeASignal) {
  const std::string id = this->demo_signal("Leerkrachten in het basisonderwijs");
  const std::string path = "/signalen/" + id;
  const long long stamp = this->count("SELECT updated_at FROM signals WHERE id = " + id);
  EXPECT_EQ(this->get(path, this->aalst_).status, 200);
  EXPECT_EQ(this->get(path + "/bewerken", this->aalst_).status, 403);
  EXPECT_EQ(this->post(path + "/bewerken",
                       "description=anders&nis_code=41002&themes=child_abuse&observed_on=2026-01-"
                       "01",
                       this->aalst_, this->aalst_csrf_)
                .status,
            403);
  EXPECT_EQ(this->post(path + "/afsluiten", "", this->aalst_, this->aalst_csrf_).status, 403);
  EXPECT_EQ(this->get(path, this->professional_).status, 403);
  EXPECT_EQ(this->get(path, "").status, 303);
  EXPECT_EQ(this->count("SELECT updated_at FROM signals WHERE id = " + id), stamp);
  EXPECT_GE(this->count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND object = "
                        "'signal:" +
                        id + "'"),
            2);
  // Gent's SPOC closes and reopens it.
  EXPECT_EQ(this->post(path + "/afsluiten", "", this->gent_, this->gent_csrf_).status, 303);
  EXPECT_GT(this->count("SELECT COUNT(*) FROM signals WHERE closed_at IS NOT NULL AND id = " + id),
            0);
  EXPECT_EQ(this->post(path + "/heropenen", "", this->gent_, this->gent_csrf_).status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM signals WHERE closed_at IS NOT NULL AND id = " + id),
            0);
  auto page = this->get(path, this->aalst_);
  EXPECT_LT(page.body.find("Signaal afgesloten"), page.body.find("Signaal heropend"));
  EXPECT_NE(page.body.find("Signaal heropend"), std::string::npos);
}

TYPED_TEST(RecordsHttp, ListsShowTheCountOfTheirFilter) {
  auto mine = this->get("/signalen", this->gent_);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("5 signalen"), std::string::npos);
  EXPECT_NE(mine.body.find("Mijn gemeente(n)"), std::string::npos);
  EXPECT_NE(this->get("/signalen?gemeente=41002&thema=elder_abuse&status=open", this->coordinator_)
                .body.find("1 signaal<"),
            std::string::npos);
  EXPECT_NE(this->get("/signalen", this->coordinator_).body.find("9 signalen"), std::string::npos);
  EXPECT_NE(this->get("/noden", this->aalst_).body.find("4 noden"), std::string::npos);
  EXPECT_NE(this->get("/noden?gemeente=bovenlokaal&status=in_progress", this->aalst_)
                .body.find("2 noden"),
            std::string::npos);
  auto gaps = this->get("/noden?gemeente=41002&thema=partner_violence&status=openstaand",
                        this->coordinator_);
  EXPECT_NE(gaps.body.find("1 nood<"), std::string::npos);
  EXPECT_NE(gaps.body.find("Geen aanbod voor plegers van partnergeweld in de regio"),
            std::string::npos);
  // The SPOC's municipality page leads to its signals.
  EXPECT_NE(this->get("/netwerk/gemeenten/44021", this->gent_)
                .body.find("href=\"/signalen?gemeente=44021\""),
            std::string::npos);
}

TYPED_TEST(RecordsHttp, TheCoordinatorGroupsTwoSignalsIntoANeedThatTellsItsStory) {
  const std::string a = this->demo_signal("Leerkrachten in het basisonderwijs");
  const std::string b = this->demo_signal("Het CLB hoort");
  auto form = this->get("/noden/nieuw?signaal=" + a + "&signaal=" + b, this->coordinator_);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("id=\"signaal-" + a + "\" name=\"signaal\" value=\"" + a + "\" checked"),
            std::string::npos);
  EXPECT_NE(form.body.find("id=\"signaal-" + b + "\" name=\"signaal\" value=\"" + b + "\" checked"),
            std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"44021\" selected>"), std::string::npos);
  EXPECT_NE(form.body.find("value=\"child_abuse\" checked"), std::string::npos);
  // Aalst's SPOC may not group Gent's own-municipality-only signal.
  const std::string hidden = this->demo_signal("Het wijkteam meldt");
  EXPECT_EQ(this->get("/noden/nieuw?signaal=" + hidden, this->aalst_).status, 422);
  const long long needs = this->count("SELECT COUNT(*) FROM needs");
  auto saved = this->post(
      "/noden/nieuw",
      "title=" + web::percent_encode("Scholen missen een gespreksaanpak") +
          "&kind=need&nis_code=44021&themes=child_abuse&status=open&signaal=" + a + "&signaal=" + b,
      this->coordinator_, this->coordinator_csrf_);
  ASSERT_EQ(saved.status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM needs"), needs + 1);
  auto page = this->get(saved.header("Location"), this->gent_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Nood benoemd: Scholen missen een gespreksaanpak"), std::string::npos);
  EXPECT_NE(page.body.find("Signaal gekoppeld: #" + a + " uit Gent"), std::string::npos);
  EXPECT_NE(page.body.find("Signaal opgevangen: #" + b), std::string::npos);
  // Not addressed without a reason is refused with the message at its field.
  const std::string id = saved.header("Location").substr(std::string("/noden/").size());
  auto refused = this->post("/noden/" + id + "/bewerken",
                            "title=x&kind=need&nis_code=44021&themes=child_abuse&status=not_"
                            "addressed&signaal=" +
                                a,
                            this->gent_, this->gent_csrf_);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Zeg waarom deze nood niet aangepakt wordt."), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM need_signals WHERE need_id = " + id), 2);
}

TYPED_TEST(RecordsHttp, ASignalIsGroupedInAnExistingNeedFromItsPage) {
  const std::string signal = this->demo_signal("Het wijkteam meldt");
  const std::string need = std::to_string(
      this->count("SELECT id FROM needs WHERE title LIKE 'Leerkrachten weten niet%'"));
  auto page = this->get("/signalen/" + signal, this->gent_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<option value=\"" + need + "\">Leerkrachten weten niet"),
            std::string::npos);
  // Aalst's SPOC may not change Gent's need (and does not see this signal).
  const std::string shared = this->demo_signal("De politiezone ziet");
  EXPECT_EQ(this->post("/signalen/" + shared + "/koppelen", "need_id=" + need, this->aalst_,
                       this->aalst_csrf_)
                .status,
            403);
  EXPECT_EQ(this->post("/signalen/" + signal + "/koppelen", "need_id=999999", this->gent_,
                       this->gent_csrf_)
                .status,
            422);
  const long long before = this->count("SELECT COUNT(*) FROM need_signals WHERE need_id = " + need);
  auto linked = this->post("/signalen/" + signal + "/koppelen", "need_id=" + need, this->gent_,
                           this->gent_csrf_);
  ASSERT_EQ(linked.status, 303);
  EXPECT_EQ(linked.header("Location"), "/noden/" + need);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM need_signals WHERE need_id = " + need), before + 1);
  EXPECT_NE(this->get("/noden/" + need, this->gent_).body.find("Signaal gekoppeld: #" + signal),
            std::string::npos);
  // Twice is refused with a message.
  EXPECT_EQ(this->post("/signalen/" + signal + "/koppelen", "need_id=" + need, this->gent_,
                       this->gent_csrf_)
                .status,
            422);
}

}  // namespace
}  // namespace schakel::signals
