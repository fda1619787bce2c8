// /initiatieven over HTTP (issue 14): its figures against hand-computed values
// on fixed data for each role, every figure equal to the search it links to,
// the 30-day list, the facets of search and API, the dashboard line, and bad
// input on the resource form.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "catalog/initiative.hpp"
#include "catalog/search.hpp"
#include "catalog/store.hpp"
#include "test_support.hpp"
#include "web/form.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

struct Fixed {
  const char* slug;
  const char* kind;
  const char* level;
  std::vector<std::string> domains;
  const char* visibility;
  int deadline;                    // days from today (funding calls)
  std::optional<int> from, until;  // days from today (initiatives)
};

// The fixed data. Today (the test server's clock) is 2026-05-28.
//   running initiatives: i-local (public), i-network (network)
//   open calls: c-soon (public, +5), c-later (public, +40), c-pro (professionals, +30)
const std::vector<Fixed>& fixed() {
  static const std::vector<Fixed> list = {
      {"i-local", "initiative", "local", {"welfare", "police"}, "public", 0, {}, {}},
      {"i-ended", "initiative", "flemish", {"welfare"}, "public", 0, {}, -1},
      {"i-network", "initiative", "flemish", {"education"}, "network", 0, -10, 10},
      {"i-future", "initiative", "flemish", {"health"}, "professionals", 0, 10, {}},
      {"c-soon", "funding_call", "flemish", {"welfare", "justice"}, "public", 5, {}, {}},
      {"c-later", "funding_call", "european", {"justice"}, "public", 40, {}, {}},
      {"c-closed", "funding_call", "provincial", {"welfare"}, "public", -1, {}, {}},
      {"c-pro", "funding_call", "flemish", {"youth"}, "professionals", 30, {}, {}},
  };
  return list;
}

template <class B>
class InitiativePages : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    today_ = date_of(server_->clock().now());
    server_->db().transact([&](soci::session& sql) {
      // The demo's resources go, and leave the index (a change of each).
      soci::rowset<long long> ids = (sql.prepare << "SELECT id FROM resources");
      const std::vector<long long> demo(ids.begin(), ids.end());
      CatalogStore::delete_demo(sql);
      for (auto id : demo) CatalogStore::touch(sql, id, server_->clock().now());
      for (const auto& f : fixed()) {
        Resource r;
        r.slug = f.slug;
        r.kind = f.kind;
        r.title = std::string("Fiche ") + f.slug;
        r.summary = "Vaste testgegevens.";
        r.policy_level = f.level;
        r.policy_domains = f.domains;
        r.visibility = f.visibility;
        r.status = "published";
        r.published_at = server_->clock().now();
        if (r.kind == "funding_call") r.deadline = add_days(today_, f.deadline);
        if (f.from) r.running_from = add_days(today_, *f.from);
        if (f.until) r.running_until = add_days(today_, *f.until);
        CatalogStore::insert(sql, r, server_->clock().now());
      }
    });
    // The index follows the change feed on its own thread: wait for all three open calls.
    ASSERT_TRUE(indexed("funding_call", 3));
    ASSERT_TRUE(indexed("initiative", 2));
  }
  bool indexed(const std::string& kind, int expected) {
    search::SearchQuery q;
    q.filters["kind"] = {kind};
    q.filters["current"] = {current_value};
    q.visibilities = {"public", "professionals", "network"};
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
      try {
        if (server_->app().search().search(q).total == expected) return true;
      } catch (const std::exception&) {
        // A document removed while this search read it: ask again.
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    } while (std::chrono::steady_clock::now() < until);
    return false;
  }
  // The figure of the overview cell whose accessible name is `name` (-1 when absent).
  static int figure(const std::string& page, const std::string& name) {
    const std::string needle = "aria-label=\"" + name + ": ";
    const auto at = page.find(needle);
    if (at == std::string::npos) return -1;
    return std::stoi(page.substr(at + needle.size()));
  }
  // Every link of the overview's tables with its figure, and checks that the
  // search it opens counts the same. Returns how many were checked.
  int figures_agree_with_their_search(const std::string& page, const std::string& cookie) {
    static const std::regex cell(R"re(<a href="([^"]+)" aria-label="[^"]*: (\d+)">\d+</a>)re");
    int checked = 0;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), cell);
         it != std::sregex_iterator(); ++it) {
      std::string href = (*it)[1];
      for (std::size_t p; (p = href.find("&amp;")) != std::string::npos;) href.replace(p, 5, "&");
      const int count = std::stoi((*it)[2]);
      const auto results = http_get(server_->port(), href, cookie);
      EXPECT_EQ(results.status, 200) << href;
      const std::string expected =
          count == 1 ? "1 resultaat" : std::to_string(count) + " resultaten";
      EXPECT_NE(results.body.find("<strong>" + expected + "</strong>"), std::string::npos)
          << href << " should list " << count;
      ++checked;
    }
    return checked;
  }
  std::unique_ptr<TestServer> server_;
  std::string today_;
};
TYPED_TEST_SUITE(InitiativePages, Backends, BackendNames);

TYPED_TEST(InitiativePages, AnonymousVisitorsSeeOnlyPublicFiguresAndTheyMatchTheirSearch) {
  const auto page = http_get(this->server_->port(), "/initiatieven");
  ASSERT_EQ(page.status, 200);
  const auto& b = page.body;
  // Hand-computed from fixed(): only public, running or open resources.
  EXPECT_EQ(this->figure(b, "Lopende initiatieven, Lokaal"), 1);
  EXPECT_EQ(this->figure(b, "Lopende initiatieven, Vlaams"), 0) << "i-ended ended yesterday";
  EXPECT_EQ(this->figure(b, "Lopende initiatieven, alle"), 1);
  EXPECT_EQ(this->figure(b, "Open projectoproepen, Vlaams"), 1);
  EXPECT_EQ(this->figure(b, "Open projectoproepen, Europees"), 1);
  EXPECT_EQ(this->figure(b, "Open projectoproepen, Provinciaal"), 0) << "c-closed closed";
  EXPECT_EQ(this->figure(b, "Open projectoproepen, alle"), 2);
  EXPECT_EQ(this->figure(b, "Open projectoproepen, Justitie"), 2);
  EXPECT_EQ(this->figure(b, "Open projectoproepen, Welzijn"), 1);
  EXPECT_EQ(this->figure(b, "Open projectoproepen, Jeugd"), 0) << "c-pro is for professionals";
  EXPECT_EQ(this->figure(b, "Lopende initiatieven, Onderwijs"), 0) << "i-network is network only";
  // The 30-day list: c-soon only (c-later is 40 days away, c-pro not public).
  EXPECT_NE(b.find("Fiche c-soon</a>"), std::string::npos);
  EXPECT_NE(b.find("nog 5 dagen"), std::string::npos);
  EXPECT_EQ(b.find("Fiche c-later</a>"), std::string::npos);
  EXPECT_EQ(b.find("Fiche c-pro"), std::string::npos);
  EXPECT_NE(b.find("1 oproep,"), std::string::npos);
  // 2 kinds x (5 levels + 8 domains) cells and 2 totals.
  EXPECT_EQ(this->figures_agree_with_their_search(b, ""), 28);
}

TYPED_TEST(InitiativePages, SignedInPeopleSeeWhatTheirRoleMaySee) {
  const auto pro = session_cookie(*this->server_, "professional@demo.schakel.be");
  const auto p = http_get(this->server_->port(), "/initiatieven", pro).body;
  EXPECT_EQ(this->figure(p, "Open projectoproepen, Vlaams"), 2);
  EXPECT_EQ(this->figure(p, "Open projectoproepen, Jeugd"), 1);
  EXPECT_EQ(this->figure(p, "Open projectoproepen, alle"), 3);
  EXPECT_EQ(this->figure(p, "Lopende initiatieven, alle"), 1) << "i-future has not started";
  EXPECT_EQ(this->figure(p, "Lopende initiatieven, Onderwijs"), 0);
  EXPECT_NE(p.find("Fiche c-pro</a>"), std::string::npos);
  EXPECT_NE(p.find("nog 30 dagen"), std::string::npos);
  EXPECT_NE(p.find("2 oproepen,"), std::string::npos);
  EXPECT_EQ(this->figures_agree_with_their_search(p, pro), 28);

  const auto spoc = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  const auto s = http_get(this->server_->port(), "/initiatieven", spoc).body;
  EXPECT_EQ(this->figure(s, "Lopende initiatieven, Vlaams"), 1);
  EXPECT_EQ(this->figure(s, "Lopende initiatieven, Onderwijs"), 1);
  EXPECT_EQ(this->figure(s, "Lopende initiatieven, alle"), 2);
  EXPECT_EQ(this->figures_agree_with_their_search(s, spoc), 28);
}

TYPED_TEST(InitiativePages, TheFacetsOfSearchAndApiCountExactlyAndFilter) {
  const auto port = this->server_->port();
  // Anonymous API: open calls by level; the network-only initiative is never counted.
  auto api =
      nlohmann::json::parse(http_get(port, "/api/v1/resources?kind=funding_call&current=yes").body);
  EXPECT_EQ(api["total"], 2);
  std::map<std::string, int> levels;
  for (const auto& v : api["facets"]["policy_level"])
    levels[v["value"].template get<std::string>()] = v["count"].template get<int>();
  EXPECT_EQ(levels, (std::map<std::string, int>{{"european", 1}, {"flemish", 1}}));
  auto domain =
      nlohmann::json::parse(http_get(port, "/api/v1/resources?policy_domain=education").body);
  EXPECT_EQ(domain["total"], 0) << "i-network must not be found anonymously";
  auto both = nlohmann::json::parse(
      http_get(port, "/api/v1/resources?policy_level=flemish&policy_domain=welfare").body);
  // i-ended and c-soon (public; whether running or not).
  EXPECT_EQ(both["total"], 2);
  // The results page filters on level and domain with the Dutch parameters.
  const auto page = http_get(port, "/zoeken?niveau=european&domein=justice");
  EXPECT_NE(page.body.find("<strong>1 resultaat</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("Beleidsniveau"), std::string::npos);
  EXPECT_NE(page.body.find("Europees"), std::string::npos);
  // A filter value that is too long is a clear 400.
  const auto bad = http_get(port, "/zoeken?niveau=" + std::string(101, 'x'));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Beleidsniveau is te lang"), std::string::npos);
}

TYPED_TEST(InitiativePages, TheDashboardLineComesAndGoesWithTheClosingCalls) {
  auto& app = this->server_->app();
  const AttentionSource* source = nullptr;
  for (const auto& s : app.attention_sources())
    if (s.key == "catalog.funding_calls") source = &s;
  ASSERT_NE(source, nullptr);
  auto lines = [&] {
    return this->server_->db().run(
        [&](soci::session& sql) { return source->lines(sql, this->server_->clock().now()); });
  };
  // c-soon (+5) and c-pro (+30), whatever their visibility.
  auto now = lines();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].text, "2 projectoproepen sluiten binnen 30 dagen");
  EXPECT_EQ(now[0].href, "/initiatieven");
  EXPECT_EQ(now[0].count, 2);
  this->server_->clock().advance(10 * 86400);  // c-soon closed; c-later now 30 days away
  now = lines();
  ASSERT_EQ(now.size(), 1u);
  EXPECT_EQ(now[0].text, "2 projectoproepen sluiten binnen 30 dagen");
  this->server_->clock().advance(31 * 86400);  // everything closed
  EXPECT_TRUE(lines().empty());
}

TYPED_TEST(InitiativePages, TheFormShowsThePolicyFieldsOnlyForTheirKinds) {
  const auto port = this->server_->port();
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  const auto call = http_get(port, "/kennisbank/nieuw?soort=funding_call", cookie).body;
  EXPECT_NE(call.find("name=\"policy_level\""), std::string::npos);
  EXPECT_NE(call.find("name=\"policy_domains\" value=\"welfare\""), std::string::npos);
  EXPECT_NE(call.find("name=\"deadline\""), std::string::npos);
  EXPECT_EQ(call.find("name=\"running_from\""), std::string::npos);
  const auto initiative = http_get(port, "/kennisbank/nieuw?soort=initiative", cookie).body;
  EXPECT_NE(initiative.find("name=\"running_from\""), std::string::npos);
  EXPECT_NE(initiative.find("name=\"running_until\""), std::string::npos);
  EXPECT_EQ(initiative.find("name=\"deadline\""), std::string::npos);
  const auto tool = http_get(port, "/kennisbank/nieuw?soort=tool", cookie).body;
  EXPECT_EQ(tool.find("name=\"policy_level\""), std::string::npos);
  EXPECT_EQ(tool.find("name=\"deadline\""), std::string::npos);
  // The resource page shows level, domains (as search links) and the deadline.
  const auto shown = http_get(port, "/kennisbank/c-soon").body;
  EXPECT_NE(shown.find("href=\"/zoeken?niveau=flemish\""), std::string::npos);
  EXPECT_NE(shown.find("href=\"/zoeken?domein=justice\""), std::string::npos);
  EXPECT_NE(shown.find("Uiterste indiendatum"), std::string::npos);
  EXPECT_NE(shown.find("nog 5 dagen"), std::string::npos);
}

TYPED_TEST(InitiativePages, BadPolicyInputIsRefusedWithAClearMessageAndNothingChanges) {
  const auto port = this->server_->port();
  std::string csrf;
  const auto cookie = session_cookie(*this->server_, "spoc.gent@demo.schakel.be", &csrf);
  auto count = [&] {
    return this->server_->db().run([](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM resources", soci::into(n);
      return n;
    });
  };
  const auto before = count();
  const std::string base = "_csrf=" + web::percent_encode(csrf) +
                           "&kind=funding_call&title=Nieuwe+oproep&summary=Kort."
                           "&scope=flemish&visibility=public&owner_nis_code=44021&status=published";
  struct Case {
    std::string fields;
    std::string message;
  };
  for (const auto& c : std::vector<Case>{
           {"&policy_level=flemish&policy_domains=welfare", "Vul de uiterste indiendatum"},
           {"&policy_level=flemish&policy_domains=welfare&deadline=31-12-2027", "jjjj-mm-dd"},
           {"&policy_level=maan&policy_domains=welfare&deadline=2027-01-01",
            "Kies een beleidsniveau uit de lijst."},
           {"&policy_level=flemish&policy_domains=sterrenkunde&deadline=2027-01-01",
            "Kies beleidsdomeinen uit de lijst."},
           {"&policy_domains=welfare&deadline=2027-01-01", "Kies een beleidsniveau."}}) {
    const auto reply = http_post(port, "/kennisbank/nieuw", base + c.fields,
                                 "application/x-www-form-urlencoded", cookie);
    EXPECT_EQ(reply.status, 422) << c.fields;
    EXPECT_NE(reply.body.find(c.message), std::string::npos) << c.fields;
  }
  const std::string initiative =
      "_csrf=" + web::percent_encode(csrf) +
      "&kind=initiative&title=Nieuw+initiatief&summary=Kort.&scope=flemish&visibility=public"
      "&owner_nis_code=44021&status=published&policy_level=local&policy_domains=police"
      "&running_from=2027-06-01&running_until=2027-05-01";
  const auto backwards =
      http_post(port, "/kennisbank/nieuw", initiative, "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find("De einddatum ligt voor de startdatum."), std::string::npos);
  EXPECT_EQ(count(), before);
  // The same call, complete, is saved.
  const auto good =
      http_post(port, "/kennisbank/nieuw",
                base + "&policy_level=flemish&policy_domains=welfare&deadline=2027-01-01",
                "application/x-www-form-urlencoded", cookie);
  EXPECT_EQ(good.status, 303);
  EXPECT_EQ(count(), before + 1);
}

}  // namespace
}  // namespace schakel::catalog
