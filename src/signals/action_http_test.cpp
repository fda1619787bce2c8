// Actions over HTTP with the demo content: the list and its filters, the action
// page with its outputs and timeline, bad input that gets a Dutch message and a
// 422 and changes nothing, the coordinator's output of a training series, and
// the CSV download and upload.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "signals/action_csv.hpp"
#include "signals/action_store.hpp"
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
class ActionHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    a1_ = "/acties/" + std::to_string(count("SELECT id FROM actions WHERE title = "
                                            "'Vormingsreeks ouderenmis(be)handeling'"));
    gent_ = session_cookie(*server_, "spoc.gent@demo.schakel.be", &gent_csrf_);
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
  std::unique_ptr<TestServer> server_;
  std::string a1_, gent_, gent_csrf_, coordinator_, coordinator_csrf_;
};
TYPED_TEST_SUITE(ActionHttp, Backends, BackendNames);

TYPED_TEST(ActionHttp, TheListFiltersByStandingAndTheDemoTellsTheStory) {
  const auto port = this->server_->port();
  auto all = http_get(port, "/acties", this->gent_);
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("Postkaartencampagne 1712"), std::string::npos);
  EXPECT_NE(all.body.find("Intervisie voor SPOC"), std::string::npos);
  auto overdue = http_get(port, "/acties?gemeente=alle&stand=voorbij", this->gent_);
  EXPECT_NE(overdue.body.find("Gespreksleidraad voor leerkrachten"), std::string::npos);
  EXPECT_EQ(overdue.body.find("Intervisie voor SPOC"), std::string::npos);
  EXPECT_NE(overdue.body.find("1 actie gevonden"), std::string::npos);
  EXPECT_EQ(http_get(port, "/acties?stand=bijna", this->gent_).status, 422);
  auto page = http_get(port, this->a1_, this->gent_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/vorming/ouderenmishandeling-demo\""), std::string::npos);
  EXPECT_NE(page.body.find("bereikte deelnemers"), std::string::npos);
  EXPECT_NE(page.body.find("Actie aangemaakt: Vormingsreeks"), std::string::npos);
}

TYPED_TEST(ActionHttp, BadInputGets422WithADutchMessageAndChangesNothing) {
  const auto before = this->count("SELECT COUNT(*) FROM actions");
  auto r = this->post("/acties/nieuw",
                      "title=&owner_kind=municipality&owner_nis_code=44021&starts_on=2026-09-01&"
                      "ends_on=2026-08-01&status_id=1&progress=101",
                      this->coordinator_, this->coordinator_csrf_);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Geef de actie een titel."), std::string::npos);
  EXPECT_NE(r.body.find("De einddatum ligt voor de begindatum."), std::string::npos);
  EXPECT_NE(r.body.find("De eigen voortgang is een getal van 0 tot 100"), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM actions"), before);
  const auto milestones = this->count("SELECT COUNT(*) FROM action_milestones");
  auto phone = this->post(this->a1_ + "/mijlpalen",
                          "milestone_title=Bel+0470+12+34+56&milestone_due_on=2026-12-01",
                          this->gent_, this->gent_csrf_);
  EXPECT_EQ(phone.status, 422);
  EXPECT_NE(phone.body.find("telefoonnummer"), std::string::npos);
  // The text comes back only in its field, to be rewritten; the message does not repeat it.
  const auto first = phone.body.find("0470 12 34 56");
  EXPECT_NE(phone.body.find("value=\"Bel 0470 12 34 56\""), std::string::npos);
  EXPECT_EQ(phone.body.find("0470 12 34 56", first + 1), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM action_milestones"), milestones);
  auto link = this->post(this->a1_ + "/outputs", "output_kind=link&output_target=http%3A%2F%2Fx.be",
                         this->gent_, this->gent_csrf_);
  EXPECT_EQ(link.status, 422);
  EXPECT_NE(link.body.find("https://"), std::string::npos);
}

TYPED_TEST(ActionHttp, TheCoordinatorLinksASeriesAndSeesItOnTheActionPage) {
  const auto series =
      this->count("SELECT id FROM training_series WHERE slug = 'ouderenmishandeling-demo'");
  auto made = this->post("/acties/nieuw",
                         "title=Nieuwe+actie&owner_kind=partner&owner_partner=CAW&starts_on=2026-"
                         "09-01&status_id=1&goal_numbers=2",
                         this->coordinator_, this->coordinator_csrf_);
  ASSERT_EQ(made.status, 303);
  const std::string path = made.header("Location");
  auto added =
      this->post(path + "/outputs", "output_kind=series&output_series=" + std::to_string(series),
                 this->coordinator_, this->coordinator_csrf_);
  EXPECT_EQ(added.status, 303);
  auto page = http_get(this->server_->port(), path, this->coordinator_);
  EXPECT_NE(page.body.find("href=\"/vorming/ouderenmishandeling-demo\""), std::string::npos);
  EXPECT_NE(page.body.find("Output toegevoegd: vormingsreeks"), std::string::npos);
}

TYPED_TEST(ActionHttp, TheCsvDownloadHoldsEveryAction) {
  auto csv = http_get(this->server_->port(), "/acties/export.csv", this->coordinator_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("ref,parent_ref,title,", 0), 0u);
  EXPECT_NE(csv.body.find("Postkaartencampagne 1712: scholen en bibliotheken"), std::string::npos);
  EXPECT_EQ(http_get(this->server_->port(), "/acties/export.csv", this->gent_).status, 403);
}

TYPED_TEST(ActionHttp, TheDemoUnloadsOnlyItsOwnActions) {
  auto made = this->post("/acties/nieuw",
                         "title=Echte+actie&owner_kind=partner&owner_partner=CAW&starts_on=2026-"
                         "09-01&status_id=1",
                         this->coordinator_, this->coordinator_csrf_);
  ASSERT_EQ(made.status, 303);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM actions WHERE is_demo = 1"), 6);
  this->server_->db().transact([](soci::session& sql) { ActionStore::delete_demo(sql); });
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM actions"), 1);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM signal_timeline WHERE subject_kind = 'action'"), 1);
}

TEST(ActionCsvCorpus, GoodSeedsReadAndBadOnesAreRefused) {
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const auto root = std::filesystem::path(SCHAKEL_FUZZ_CORPUS);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(root / "action_csv")) {
    EXPECT_TRUE(parse_actions_csv(read(e.path())).errors.empty()) << e.path();
    ++files;
  }
  for (const auto& e : std::filesystem::directory_iterator(root / "bad" / "action_csv")) {
    EXPECT_FALSE(parse_actions_csv(read(e.path())).errors.empty()) << e.path();
    ++files;
  }
  EXPECT_GE(files, 6);
}

}  // namespace
}  // namespace schakel::signals
