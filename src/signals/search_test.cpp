#include "signals/search.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "signals/guard_test_rows.hpp"
#include "signals/need_service.hpp"
#include "signals/retention.hpp"
#include "store/changes.hpp"
#include "test_support.hpp"

namespace schakel::signals {
namespace {

using testing::http_get;

template <class B>
class SignalsSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = testing::demo_server(B::backend);
    auto& db = server_->db();
    const std::int64_t now = server_->clock().now();
    db.transact([&](soci::session& sql) {
      gent_own_ = test_rows::add_signal(
          sql, "44021", "Jongeren vertellen na het uitgaan over geweld in de thuissituatie.",
          {"child_abuse"}, std::nullopt, true, now);
      aalst_ = test_rows::add_signal(
          sql, "41002",
          "Bewoners van woonzorgcentra vertellen over financiële uitbuiting door familie.",
          {"elder_abuse"}, std::nullopt, false, now);
      need_ = test_rows::add_need(sql, "Eerstelijnswerkers herkennen ouderenmishandeling niet",
                                  "Huisartsen en thuisverpleging twijfelen wat ze moeten doen.",
                                  std::nullopt, {"elder_abuse"}, {aalst_}, now);
      action_ = test_rows::add_action(sql, "Vormingsreeks ouderenmishandeling voor de eerste lijn",
                                      "Vier avonden vorming voor huisartsen en thuiszorg.", "41002",
                                      {need_}, now);
      store::record_change(sql, "signal", std::to_string(gent_own_), "created", now);
      store::record_change(sql, "signal", std::to_string(aalst_), "created", now);
      store::record_change(sql, "need", std::to_string(need_), "created", now);
      store::record_change(sql, "action", std::to_string(action_), "created", now);
    });
    wait_for_index();
  }

  // Waits until the search engine has applied every change of the feed.
  void wait_for_index() {
    const auto target =
        server_->db().run([](soci::session& sql) { return store::latest_change_id(sql); });
    for (int i = 0; i < 200 && server_->app().search().position() < target; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    ASSERT_GE(server_->app().search().position(), target);
  }

  testing::HttpReply get(const std::string& target, const std::string& email) {
    return http_get(server_->port(), target,
                    email.empty() ? "" : testing::session_cookie(*server_, email));
  }

  static bool links_to(const testing::HttpReply& reply, const std::string& href) {
    return reply.body.find("href=\"" + href + "\"") != std::string::npos;
  }

  std::unique_ptr<testing::TestServer> server_;
  std::int64_t gent_own_ = 0, aalst_ = 0, need_ = 0, action_ = 0;
};
TYPED_TEST_SUITE(SignalsSearch, testing::Backends, testing::BackendNames);

const std::string spoc_gent = "spoc.gent@demo.schakel.be";
const std::string spoc_aalst = "spoc.aalst@demo.schakel.be";
const std::string coordinator = "coordinator@demo.schakel.be";
const std::string professional = "professional@demo.schakel.be";

TYPED_TEST(SignalsSearch, ProfessionalsAndVisitorsFindNothing) {
  const auto anonymous = this->get("/signalen/zoeken?q=uitgaan", "");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_NE(anonymous.header("Location").find("/aanmelden"), std::string::npos);
  EXPECT_EQ(this->get("/signalen/zoeken?q=uitgaan", professional).status, 403);
  // Inside the index too: their levels see none of these documents, and the
  // kennisbank search of any role never shows them.
  EXPECT_TRUE(visible_levels(this->server_->db(), std::nullopt).empty());
  EXPECT_TRUE(visible_levels(this->server_->db(), testing::principal(*this->server_, professional))
                  .empty());
  for (const std::string& who : {std::string(), professional, spoc_gent, coordinator}) {
    const auto site = this->get("/zoeken?q=ouderenmishandeling+uitgaan+woonzorgcentra", who);
    EXPECT_EQ(site.status, 200);
    EXPECT_EQ(site.body.find("/signalen/"), std::string::npos) << who;
    EXPECT_EQ(site.body.find("/noden/"), std::string::npos) << who;
    EXPECT_EQ(site.body.find("/acties/"), std::string::npos) << who;
  }
}

TYPED_TEST(SignalsSearch, OwnMunicipalityOnlySignalsOnlyForThatSpocAndTheCoordinator) {
  const std::string href = "/signalen/" + std::to_string(this->gent_own_);
  const auto gent = this->get("/signalen/zoeken?q=uitgaan", spoc_gent);
  ASSERT_EQ(gent.status, 200);
  EXPECT_TRUE(this->links_to(gent, href));
  EXPECT_NE(gent.body.find("1 resultaat"), std::string::npos);

  const auto aalst = this->get("/signalen/zoeken?q=uitgaan", spoc_aalst);
  ASSERT_EQ(aalst.status, 200);
  EXPECT_FALSE(this->links_to(aalst, href));
  EXPECT_NE(aalst.body.find("0 resultaten"), std::string::npos);
  // Not by listing everything either.
  EXPECT_FALSE(this->links_to(this->get("/signalen/zoeken", spoc_aalst), href));

  const auto coord = this->get("/signalen/zoeken?q=uitgaan", coordinator);
  ASSERT_EQ(coord.status, 200);
  EXPECT_TRUE(this->links_to(coord, href));
  // The coordinator sees the Overzicht tab.
  EXPECT_TRUE(this->links_to(coord, "/signalen/overzicht"));
  EXPECT_FALSE(this->links_to(gent, "/signalen/overzicht"));
}

TYPED_TEST(SignalsSearch, FindsSignalsNeedsAndActionsByTheirDutchWords) {
  const std::string signal_href = "/signalen/" + std::to_string(this->aalst_);
  const std::string need_href = "/noden/" + std::to_string(this->need_);
  const std::string action_href = "/acties/" + std::to_string(this->action_);
  // A compound and its parts: "ouderenmishandeling" and "mishandeling van ouderen".
  const auto compound = this->get("/signalen/zoeken?q=ouderenmishandeling", spoc_aalst);
  EXPECT_TRUE(this->links_to(compound, need_href));
  EXPECT_TRUE(this->links_to(compound, action_href));
  const auto parts = this->get("/signalen/zoeken?q=mishandeling+ouderen", spoc_aalst);
  EXPECT_TRUE(this->links_to(parts, need_href));
  // Stemming: "uitbuiting" in the text, "uitbuiten"-like forms and accents folded.
  const auto money = this->get("/signalen/zoeken?q=financiele+uitbuiting", spoc_gent);
  EXPECT_TRUE(this->links_to(money, signal_href));
  EXPECT_FALSE(this->links_to(money, action_href));
  // Filters: kind, municipality (an action works where its owner and needs are), theme.
  const auto actions = this->get("/signalen/zoeken?q=ouderenmishandeling&soort=actie", coordinator);
  EXPECT_TRUE(this->links_to(actions, action_href));
  EXPECT_FALSE(this->links_to(actions, need_href));
  const auto in_aalst = this->get("/signalen/zoeken?gemeente=41002&thema=elder_abuse", coordinator);
  EXPECT_TRUE(this->links_to(in_aalst, signal_href));
  EXPECT_TRUE(this->links_to(in_aalst, action_href));
  EXPECT_FALSE(this->links_to(in_aalst, need_href));  // supra-local
  const auto supra = this->get("/signalen/zoeken?gemeente=bovenlokaal", coordinator);
  EXPECT_TRUE(this->links_to(supra, need_href));
  EXPECT_FALSE(this->links_to(supra, signal_href));
}

TYPED_TEST(SignalsSearch, BadFiltersGetAClearMessage) {
  const auto kind = this->get("/signalen/zoeken?soort=persoon", spoc_gent);
  EXPECT_EQ(kind.status, 400);
  EXPECT_NE(kind.body.find("Kies als soort signaal, nood of actie."), std::string::npos);
  const auto theme = this->get("/signalen/zoeken?thema=onbekend", spoc_gent);
  EXPECT_EQ(theme.status, 400);
  EXPECT_NE(theme.body.find("Dit thema kennen we niet."), std::string::npos);
  const auto place = this->get("/signalen/zoeken?gemeente=99999", spoc_gent);
  EXPECT_EQ(place.status, 400);
  EXPECT_NE(place.body.find("Deze gemeente kennen we niet."), std::string::npos);
  EXPECT_EQ(this->get("/signalen/zoeken?pagina=0", spoc_gent).status, 400);
  EXPECT_EQ(this->get("/signalen/zoeken?q=" + std::string(501, 'a'), spoc_gent).status, 400);
}

TYPED_TEST(SignalsSearch, ForgetsSignalsTheRetentionJobDeleted) {
  const std::int64_t now = this->server_->clock().now();
  this->server_->db().transact([&](soci::session& sql) {
    const long long closed = now - 4 * 366 * 86400LL;
    const long long id = this->aalst_;
    sql << "UPDATE signals SET closed_at = :c WHERE id = :id", soci::use(closed), soci::use(id);
  });
  EXPECT_EQ(delete_expired_signals(this->server_->db(), now, 3), 1);
  this->wait_for_index();
  const auto reply = this->get("/signalen/zoeken?q=uitbuiting", coordinator);
  EXPECT_FALSE(this->links_to(reply, "/signalen/" + std::to_string(this->aalst_)));
  EXPECT_NE(reply.body.find("0 resultaten"), std::string::npos);
}

TYPED_TEST(SignalsSearch, AnActionIsFoundByTheThemesItsNeedGetsLater) {
  const auto search = "/signalen/zoeken?soort=actie&thema=sibling_violence";
  const std::string action_href = "/acties/" + std::to_string(this->action_);
  EXPECT_FALSE(this->links_to(this->get(search, coordinator), action_href));
  web::Principal boss;
  boss.role = Role::coordinator;
  this->server_->db().run([&](soci::session& sql) {
    long long id = 0;
    sql << "SELECT id FROM users WHERE email = :e", soci::use(coordinator), soci::into(id);
    boss.id = id;
  });
  NeedService service(this->server_->db(), this->server_->clock());
  auto need = service.get(boss, this->need_);
  ASSERT_TRUE(need.ok());
  Need changed = need.value();
  changed.themes.push_back("sibling_violence");
  ASSERT_TRUE(service.update(boss, changed).ok());
  this->wait_for_index();
  EXPECT_TRUE(this->links_to(this->get(search, coordinator), action_href));
}

}  // namespace
}  // namespace schakel::signals
