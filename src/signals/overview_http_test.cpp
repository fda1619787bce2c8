// The goal pages, "Wat doet het netwerk?", the coordinator's overview, its XLSX
// and the goal report over HTTP, on the demo with a few rows of our own in
// places the demo leaves empty (Hasselt and Genk, the themes sibling_violence and
// conflict_talk_children, goal 4), so the figures below hold whatever else the
// demo holds.
#include <gtest/gtest.h>

#include <fstream>

#include "signals/overview_test_data.hpp"
#include "store/changes.hpp"
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
namespace td = testdata;

constexpr const char* hasselt = "71072";
constexpr const char* genk = "71016";
constexpr const char* shown = "Praatgroep voor broers en zussen (test)";
constexpr const char* hidden = "Interne werkgroep van Genk (test)";

template <class B>
class OverviewHttp : public ::testing::Test {
 protected:
  // Hasselt: two open signals and one closed on sibling violence, one open need
  // on it that `shown` answers (public, own progress 40, running); a
  // supra-local need on conflict talk in progress; `hidden` (Genk, not public,
  // status Loopt = 50, ended 2001-01-01: overdue) answers nothing. Both serve goal 4,
  // `shown` also goal 3.
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    server_->db().transact([&](soci::session& sql) {
      td::signal(sql, hasselt, {"sibling_violence"});
      td::signal(sql, hasselt, {"sibling_violence"});
      td::signal(sql, hasselt, {"sibling_violence"}, true);
      need_ = td::need(sql, "Geen aanbod rond broers en zussen (test)", std::string(hasselt),
                       {"sibling_violence"}, "open");
      td::need(sql, "Praten met kinderen over ruzie thuis (test)", std::nullopt,
               {"conflict_talk_children"}, "in_progress");
      shown_ = td::action(sql, {.title = shown,
                                .owner_nis = hasselt,
                                .progress = 40,
                                .is_public = true,
                                .needs = {need_},
                                .goals = {3, 4}});
      hidden_ = td::action(sql, {.title = hidden,
                                 .owner_nis = genk,
                                 .ends_on = "2001-01-01",
                                 .status = "Loopt",
                                 .goals = {4}});
      td::indicator(sql, shown_, "bereikte jongeren", 12, 30, "jongeren");
      td::output(sql, shown_, "link", "https://voorbeeld.be/praatgroep", "Verslag van de groep");
      td::milestone(sql, shown_, "Eerste bijeenkomst", "2026-02-01");
      store::record_change(sql, "action", std::to_string(shown_), "created", 1);
    });
    coordinator_ = session_cookie(*server_, "coordinator@demo.schakel.be", &csrf_);
    professional_ = session_cookie(*server_, "professional@demo.schakel.be");
    spoc_ = session_cookie(*server_, "spoc.gent@demo.schakel.be");
  }
  unsigned short port() { return server_->port(); }
  long long count(const std::string& query) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  std::unique_ptr<TestServer> server_;
  std::int64_t need_ = 0, shown_ = 0, hidden_ = 0;
  std::string coordinator_, csrf_, professional_, spoc_;
};
TYPED_TEST_SUITE(OverviewHttp, Backends, BackendNames);

bool has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

TYPED_TEST(OverviewHttp, VisitorsSeeAGoalWithItsPublicActionsOnly) {
  for (const std::string& who : {std::string(), this->professional_}) {
    auto page = http_get(this->port(), "/doelen/4", who);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "Signalen omzetten in acties"));
    EXPECT_TRUE(has(page.body, shown));
    EXPECT_FALSE(has(page.body, hidden));
    // The roll-up of the public actions: only `shown`, 40.
    EXPECT_TRUE(has(page.body, "Gemiddelde voortgang van 1 publieke actie: 40%"));
    EXPECT_TRUE(has(page.body, "<progress max=\"100\" value=\"40\""));
    EXPECT_TRUE(has(page.body, "12 van 30 jongeren"));
    EXPECT_TRUE(has(page.body, "href=\"https://voorbeeld.be/praatgroep\""));
    EXPECT_FALSE(has(page.body, "/doelen/4/bewerken"));
    auto all = http_get(this->port(), "/wat-doet-het-netwerk", who);
    ASSERT_EQ(all.status, 200);
    EXPECT_TRUE(has(all.body, shown));
    EXPECT_FALSE(has(all.body, hidden));
    EXPECT_TRUE(has(all.body, "href=\"/doelen/4\""));
    // `shown` serves goals 3 and 4: listed under both, each bar named by its own label.
    const std::string id = std::to_string(this->shown_);
    EXPECT_TRUE(has(all.body, "<span id=\"voortgang-3-" + id + "\">"));
    EXPECT_TRUE(has(all.body, "aria-labelledby=\"voortgang-4-" + id + "\""));
  }
  // The home page links every goal and the public page, with the public progress.
  auto home = http_get(this->port(), "/");
  EXPECT_TRUE(has(home.body, "href=\"/doelen/4\""));
  EXPECT_TRUE(has(home.body, "Voortgang van 1 publieke actie: 40%"));
  EXPECT_TRUE(has(home.body, "href=\"/wat-doet-het-netwerk\""));
  // Unknown goals.
  EXPECT_EQ(http_get(this->port(), "/doelen/99").status, 404);
  EXPECT_EQ(http_get(this->port(), "/doelen/abc").status, 404);
  EXPECT_EQ(http_get(this->port(), "/doelen/99/rapport.pdf", this->coordinator_).status, 404);
  EXPECT_EQ(http_get(this->port(), "/doelen/99/bewerken", this->coordinator_).status, 404);
}

TYPED_TEST(OverviewHttp, PublicPagesLinkOnlyOutputsVisitorsMayOpen) {
  std::string public_slug, network_slug, series_slug;
  this->server_->db().transact([&](soci::session& sql) {
    long long public_id = 0, network_id = 0, series_id = 0;
    sql << "SELECT id, slug FROM resources WHERE status = 'published' AND visibility = 'public' "
           "ORDER BY id LIMIT 1",
        soci::into(public_id), soci::into(public_slug);
    // The demo's resources are all public: make another one network-only.
    sql << "SELECT id, slug FROM resources WHERE status = 'published' AND visibility = 'public' "
           "AND id <> :p ORDER BY id LIMIT 1",
        soci::use(public_id), soci::into(network_id), soci::into(network_slug);
    sql << "UPDATE resources SET visibility = 'network' WHERE id = :id", soci::use(network_id);
    sql << "SELECT id, slug FROM training_series WHERE status = 'published' AND visibility = "
           "'public' ORDER BY id LIMIT 1",
        soci::into(series_id), soci::into(series_slug);
    ASSERT_NE(public_id, 0);
    ASSERT_NE(network_id, 0);
    ASSERT_NE(series_id, 0);
    td::output(sql, this->shown_, "resource", std::to_string(public_id), "Openbare fiche");
    td::output(sql, this->shown_, "resource", std::to_string(network_id), "Fiche voor het netwerk");
    td::output(sql, this->shown_, "series", std::to_string(series_id), "De vormingsreeks");
    store::record_change(sql, "action", std::to_string(this->shown_), "updated", 2);
  });
  const auto page = http_get(this->port(), "/wat-doet-het-netwerk");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "href=\"/kennisbank/" + public_slug + "\""));
  EXPECT_TRUE(has(page.body, "href=\"/vorming/" + series_slug + "\""));
  // A resource for professionals or the network is named by its label, never linked for visitors.
  EXPECT_TRUE(has(page.body, "Fiche voor het netwerk"));
  EXPECT_FALSE(has(page.body, "/kennisbank/" + network_slug));
}

TYPED_TEST(OverviewHttp, TheCoordinatorEditsAGoalAndBadTextChangesNothing) {
  const auto port = this->port();
  ASSERT_EQ(http_get(port, "/doelen/4").status, 200);  // now in the anonymous cache
  auto form = http_get(port, "/doelen/4/bewerken", this->coordinator_);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "value=\"Signalen omzetten in acties\""));
  auto post = [&](const std::string& body, const std::string& cookie, const std::string& csrf) {
    return http_post(port, "/doelen/4/bewerken", "_csrf=" + web::percent_encode(csrf) + "&" + body,
                     "application/x-www-form-urlencoded", cookie);
  };
  auto empty = post("title=+++&description=Iets", this->coordinator_, this->csrf_);
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(has(empty.body, "Geef de doelstelling een titel."));
  auto huge =
      post("title=Titel&description=" + std::string(2500, 'x'), this->coordinator_, this->csrf_);
  EXPECT_EQ(huge.status, 422);
  EXPECT_TRUE(has(huge.body, "De beschrijving is te lang: hoogstens 2.000 tekens."));
  EXPECT_EQ(post("title=Titel", this->spoc_, "").status, 403);
  EXPECT_TRUE(has(http_get(port, "/doelen/4").body, "Signalen omzetten in acties"));
  auto saved = post("title=Van+signaal+naar+actie&description=Noden+worden+acties.",
                    this->coordinator_, this->csrf_);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.header("Location"), "/doelen/4");
  // The change feed empties the anonymous cache: visitors see the new title.
  auto after = http_get(port, "/doelen/4");
  EXPECT_TRUE(has(after.body, "Van signaal naar actie"));
  EXPECT_FALSE(has(after.body, "Signalen omzetten in acties"));
  EXPECT_TRUE(has(http_get(port, "/").body, "Van signaal naar actie"));
}

TYPED_TEST(OverviewHttp, TheMatrixCountsLinkToTheListsFilteredTheSameWay) {
  auto page = http_get(this->port(), "/signalen/overzicht", this->coordinator_);
  ASSERT_EQ(page.status, 200);
  // Hasselt x sibling violence: 2 open signals (the third is closed), 1 open need,
  // 1 running action (`shown`: Hasselt as owner and through its need).
  EXPECT_TRUE(has(page.body,
                  "<a href=\"/signalen?gemeente=71072&amp;thema=sibling_violence&amp;"
                  "status=open\">2 signalen</a>"));
  EXPECT_TRUE(has(page.body,
                  "<a href=\"/noden?gemeente=71072&amp;thema=sibling_violence&amp;"
                  "status=openstaand\">1 open nood</a>"));
  EXPECT_TRUE(has(page.body,
                  "<a href=\"/acties?gemeente=71072&amp;thema=sibling_violence&amp;"
                  "stand=lopend\">1 lopende actie</a>"));
  // Genk x sibling violence: nothing (`hidden` has no theme).
  EXPECT_TRUE(has(page.body,
                  "<a href=\"/signalen?gemeente=71016&amp;thema=sibling_violence&amp;"
                  "status=open\">0 signalen</a>"));
  // The supra-local row: the need on conflict talk.
  EXPECT_TRUE(has(page.body,
                  "<a href=\"/noden?gemeente=bovenlokaal&amp;thema=conflict_talk_children&amp;"
                  "status=openstaand\">1 open nood</a>"));
  EXPECT_TRUE(has(page.body, "<th scope=\"row\">Bovenlokaal</th>"));
  EXPECT_TRUE(has(page.body, "<th scope=\"col\">Geweld tussen broers en zussen</th>"));
  // Roll-ups as charts with tables, and the lists.
  EXPECT_TRUE(has(page.body, "role=\"img\""));
  EXPECT_TRUE(has(page.body, "Voortgang per doelstelling"));
  // Goal 4: `shown` 40 and `hidden` 50 -> 45 over 2 actions.
  EXPECT_TRUE(has(page.body,
                  "<th scope=\"row\">Doelstelling 4: Signalen omzetten in acties</th>"
                  "<td>2</td><td>45%</td>"));
  EXPECT_TRUE(has(page.body, "href=\"/acties/" + std::to_string(this->hidden_) + "\">" + hidden));
  EXPECT_TRUE(has(page.body, "aria-current=\"page\">Overzicht</a>"));
  // SPOCs and professionals get 403.
  EXPECT_EQ(http_get(this->port(), "/signalen/overzicht", this->spoc_).status, 403);
  EXPECT_EQ(http_get(this->port(), "/signalen/overzicht", this->professional_).status, 403);
}

TYPED_TEST(OverviewHttp, TheXlsxHoldsTheFiguresOfThePage) {
  auto xlsx = http_get(this->port(), "/signalen/overzicht.xlsx", this->coordinator_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  schakel::testing::TempDir dir;
  const std::string file = (dir.path() / "overzicht.xlsx").string();
  std::ofstream(file, std::ios::binary) << xlsx.body;
  const std::string script = (dir.path() / "read.py").string();
  // The sheet names; the Hasselt x sibling violence row of the matrix; goal 4's roll-up;
  // whether `hidden` is in the overdue list.
  std::ofstream(script)
      << "import openpyxl, sys\n"
         "wb = openpyxl.load_workbook(sys.argv[1])\n"
         "print('|'.join(wb.sheetnames))\n"
         "for r in wb['Matrix'].iter_rows(values_only=True):\n"
         "    if r[1] == '71072' and r[2] == 'Geweld tussen broers en zussen':\n"
         "        print('matrix', int(r[3]), int(r[4]), int(r[5]))\n"
         "for r in wb['Voortgang per doelstelling'].iter_rows(values_only=True):\n"
         "    if str(r[0]).startswith('Doelstelling 4'):\n"
         "        print('doel 4', int(r[1]), int(r[2]))\n"
         "print('laat', any(r[1] == sys.argv[2] for r in "
         "wb['Over de einddatum'].iter_rows(values_only=True)))\n";
  const std::string out = schakel::testing::run_command("/usr/bin/python3 " + script + " " + file +
                                                        " '" + hidden + "'");
  EXPECT_EQ(out,
            "Matrix|Voortgang per doelstelling|Voortgang per thema|Voortgang per gemeente|"
            "Noden zonder actie|Acties zonder nood|Over de einddatum\n"
            "matrix 2 1 1\n"
            "doel 4 2 45\n"
            "laat True\n");
  EXPECT_EQ(http_get(this->port(), "/signalen/overzicht.xlsx", this->spoc_).status, 403);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND "
                        "object = 'signals_overview'"),
            1);
}

TYPED_TEST(OverviewHttp, TheGoalReportHoldsEveryActionWithItsProgress) {
  auto pdf = http_get(this->port(), "/doelen/4/rapport.pdf", this->coordinator_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_TRUE(pdf.body.starts_with("%PDF"));
  schakel::testing::TempDir dir;
  const std::string file = (dir.path() / "rapport.pdf").string();
  std::ofstream(file, std::ios::binary) << pdf.body;
  std::string text = schakel::testing::run_command("pdftotext -enc UTF-8 '" + file + "' -");
  // pdftotext breaks lines where the page does; compare with single spaces.
  for (char& c : text)
    if (c == '\n') c = ' ';
  EXPECT_TRUE(has(text, "Doelstelling 4: Signalen omzetten in acties"));
  EXPECT_TRUE(has(text, shown));
  EXPECT_TRUE(has(text, hidden));  // the report holds non-public actions too
  EXPECT_TRUE(has(text, "Voortgang: 40%"));
  EXPECT_TRUE(has(text, "Voortgang: 50% · Stand: Over de einddatum"));
  EXPECT_TRUE(has(text, "Gemiddelde voortgang: 45% over 2 acties"));
  EXPECT_TRUE(has(text, "Beantwoordt: Geen aanbod rond broers en zussen (test)"));
  EXPECT_TRUE(has(text, "Mijlpaal: Eerste bijeenkomst"));
  EXPECT_TRUE(has(text, "Indicator: bereikte jongeren: 12 van 30 jongeren"));
  EXPECT_TRUE(has(text, "Pagina 1 van"));
  EXPECT_EQ(http_get(this->port(), "/doelen/4/rapport.pdf", this->spoc_).status, 403);
  EXPECT_EQ(
      this->count("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND object = 'goal:4'"),
      1);
}

}  // namespace
}  // namespace schakel::signals
