// The main menu per role (issue 10): every link a role sees in the header and
// the footer opens for that role, the training calendar is in every menu, and
// each role finds its own pages (a SPOC their municipality, the coordinator
// the audit log).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "test_support.hpp"

namespace schakel {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

template <class B>
class Menus : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
  }
  std::unique_ptr<TestServer> server_;
};
TYPED_TEST_SUITE(Menus, Backends, BackendNames);

// The local links of the page's header and footer, in order, without repeats.
std::vector<std::string> menu_links(const std::string& html) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& [open, close] : {std::pair{"<header", "</header>"}, {"<footer", "</footer>"}}) {
    const auto a = html.find(open);
    const auto b = html.find(close, a);
    if (a == std::string::npos || b == std::string::npos) continue;
    const std::string part = html.substr(a, b - a);
    static const std::regex href(R"re(href="(/[^"#]*)")re");
    for (std::sregex_iterator it(part.begin(), part.end(), href), end; it != end; ++it)
      if (seen.insert((*it)[1]).second) out.push_back((*it)[1]);
  }
  return out;
}

// The status of GET `path` as `cookie`, after following redirects within the site.
int final_status(unsigned short port, std::string path, const std::string& cookie) {
  for (int hops = 0; hops < 5; ++hops) {
    auto reply = http_get(port, path, cookie);
    if (reply.status != 302 && reply.status != 303) return reply.status;
    path = reply.header("Location");
    if (path.empty() || path[0] != '/') return reply.status;
  }
  return 0;
}

TYPED_TEST(Menus, EveryLinkOfEveryRolesMenuOpensForThatRole) {
  const auto port = this->server_->port();
  struct Role {
    const char* email;  // "" for an anonymous visitor
    std::vector<std::string> must_have;
    std::vector<std::string> must_not_have;
  };
  const std::vector<Role> roles = {
      {"", {"/hulp", "/vorming", "/kennisbank", "/aanmelden"}, {"/netwerk/spocs", "/profiel"}},
      {"professional@demo.schakel.be",
       {"/hulp", "/vorming", "/profiel"},
       {"/netwerk/spocs", "/netwerk/mijn-gemeente", "/netwerk/beheer", "/beheer", "/coordinatie"}},
      {"spoc.gent@demo.schakel.be",
       {"/hulp", "/vorming", "/netwerk/mijn-gemeente", "/netwerk/spocs"},
       {"/netwerk/beheer", "/beheer/audit", "/coordinatie"}},
      {"coordinator@demo.schakel.be",
       {"/coordinatie", "/hulp", "/vorming", "/netwerk/beheer", "/beheer/audit"},
       {"/beheer", "/netwerk/mijn-gemeente"}},
      {"admin@demo.schakel.be",
       {"/coordinatie", "/hulp", "/vorming", "/beheer"},
       {"/netwerk/beheer"}},
  };
  for (const auto& role : roles) {
    const std::string who = *role.email ? role.email : "anonymous";
    const std::string cookie = *role.email ? session_cookie(*this->server_, role.email) : "";
    auto home = http_get(port, "/", cookie);
    ASSERT_EQ(home.status, 200) << who;
    const auto links = menu_links(home.body);
    for (const auto& wanted : role.must_have)
      EXPECT_NE(std::find(links.begin(), links.end(), wanted), links.end())
          << who << " sees " << wanted;
    for (const auto& unwanted : role.must_not_have)
      EXPECT_EQ(std::find(links.begin(), links.end(), unwanted), links.end())
          << who << " does not see " << unwanted;
    for (const auto& link : links)
      EXPECT_EQ(final_status(port, link, cookie), 200) << who << " " << link;
  }
}

TYPED_TEST(Menus, ASpocsMenuLeadsToTheirOwnMunicipality) {
  const auto port = this->server_->port();
  const auto reply = http_get(port, "/netwerk/mijn-gemeente",
                              session_cookie(*this->server_, "spoc.gent@demo.schakel.be"));
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.header("Location"), "/netwerk/gemeenten/44021");
}

TYPED_TEST(Menus, TheHomePageLinksTheTrainingCalendar) {
  const auto home = http_get(this->server_->port(), "/");
  const auto main = home.body.substr(home.body.find("<main"));
  EXPECT_NE(main.find("href=\"/vorming\""), std::string::npos);
}

TYPED_TEST(Menus, HulpComesRightAfterHomeInTheMainMenu) {
  const auto home = http_get(this->server_->port(), "/");
  const auto a = home.body.find("aria-label=\"Hoofdmenu\"");
  ASSERT_NE(a, std::string::npos);
  const auto nav = home.body.substr(a, home.body.find("</nav>", a) - a);
  const auto first = nav.find("href=\"/\"");
  const auto second = nav.find("href=\"", first + 1);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(nav.compare(second, 12, "href=\"/hulp\""), 0);
}

}  // namespace
}  // namespace schakel
