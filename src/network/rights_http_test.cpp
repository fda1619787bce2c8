// Rights follow memberships, through HTTP: a SPOC whose municipality leaves the
// network, or who is removed as its SPOC, loses the SPOC's pages and rights on
// the next request of the session they already have.
#include <gtest/gtest.h>

#include "accounts/store.hpp"
#include "catalog/service.hpp"
#include "catalog/store.hpp"
#include "network/service.hpp"
#include "test_support.hpp"
#include "trainings/store.hpp"

namespace schakel::network {
namespace {

using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;
using schakel::testing::user_id;

template <class B>
class RightsFollowMemberships : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    coordinator_ = schakel::testing::principal(*server_, "coordinator@demo.schakel.be");
    // Earlier content of Aalst and of Gent: a resource and a training series each.
    db().transact([&](soci::session& sql) {
      for (const std::string nis : {"41002", "44021"}) {
        catalog::Resource r;
        r.slug = "fiche-" + nis;
        r.kind = "tool";
        r.title = "Fiche " + nis;
        r.summary = "Een fiche.";
        r.owner_nis_code = nis;
        r.scope = "local";
        r.status = "published";
        r.id = catalog::CatalogStore::insert(sql, r, now());
        catalog::CatalogStore::add_revision(sql, r, coordinator_.id, "Coördinator", now());
        trainings::Series series;
        series.slug = "reeks-" + nis;
        series.title = "Reeks " + nis;
        series.owner_nis_code = nis;
        series.organiser = nis;
        series.status = "published";
        trainings::TrainingStore::insert_series(sql, series, now());
      }
    });
  }
  store::Database& db() { return server_->db(); }
  std::int64_t now() { return server_->clock().now(); }
  NetworkService service() {
    if (!store_) store_ = std::make_unique<NetworkStore>(db());
    return NetworkService(db(), *store_, server_->clock());
  }
  int get(const std::string& path, const std::string& cookie) {
    return http_get(server_->port(), path, cookie).status;
  }
  int count(const std::string& text) {
    int n = 0;
    db().run([&](soci::session& sql) { sql << text, soci::into(n); });
    return n;
  }
  // What a SPOC of `nis` may do, as seen by the session `cookie`.
  void expect_spoc_of(const std::string& cookie, const std::string& nis, bool yes) {
    const int ok = yes ? 200 : 403;
    EXPECT_EQ(get("/netwerk/spocs", cookie), ok) << nis;
    EXPECT_EQ(get("/netwerk/gemeenten/" + nis, cookie), ok) << nis;
    EXPECT_EQ(get("/vorming/nieuw", cookie), ok) << nis;
    EXPECT_EQ(get("/kennisbank/fiche-" + nis + "/bewerken", cookie), ok) << nis;
    EXPECT_EQ(get("/kennisbank/fiche-" + nis + "/geschiedenis", cookie), ok) << nis;
    EXPECT_EQ(get("/vorming/reeks-" + nis + "/bewerken", cookie), ok) << nis;
    EXPECT_EQ(get("/vorming/reeks-" + nis + "/deelnemers", cookie), ok) << nis;
  }
  std::int64_t membership_of(const std::string& nis) {
    for (const auto& m : NetworkStore(db()).all_memberships())
      if (m.municipality.nis_code == nis && !m.member_until) return m.membership_id;
    return 0;
  }
  // A published resource for `nis` proposed through the form; its status.
  std::string propose(const std::string& cookie, const std::string& csrf, const std::string& nis,
                      const std::string& title) {
    http_post(server_->port(), "/kennisbank/nieuw",
              "_csrf=" + csrf + "&title=" + title +
                  "&summary=Kort&kind=tool&scope=local&status=published"
                  "&visibility=public&language=nl&owner_nis_code=" +
                  nis,
              "application/x-www-form-urlencoded", cookie);
    std::string status;
    db().run([&](soci::session& sql) {
      soci::indicator ind = soci::i_null;
      sql << "SELECT status FROM resources WHERE title = :t", soci::use(title),
          soci::into(status, ind);
    });
    return status;
  }
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<NetworkStore> store_;
  web::Principal coordinator_;
};
using RightsBackends = ::testing::Types<schakel::testing::OnSqlite, schakel::testing::OnPostgres>;
TYPED_TEST_SUITE(RightsFollowMemberships, RightsBackends, schakel::testing::BackendNames);

TYPED_TEST(RightsFollowMemberships, AnEndedMembershipEndsItsSpocsRightsOnTheNextRequest) {
  std::string csrf;
  const auto aalst = session_cookie(*this->server_, "spoc.aalst@demo.schakel.be", &csrf);
  this->expect_spoc_of(aalst, "41002", true);
  EXPECT_EQ(this->propose(aalst, csrf, "41002", "Voor"), "published");

  ASSERT_TRUE(
      this->service().end_membership(this->coordinator_, this->membership_of("41002"), "ip").ok());

  this->expect_spoc_of(aalst, "41002", false);  // the same session, the next request
  // A proposal like anyone's: it waits for review, it is not published.
  EXPECT_EQ(this->propose(aalst, csrf, "41002", "Na"), "in_review");
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM users WHERE email = 'spoc.aalst@demo.schakel.be' "
                        "AND role = 'professional'"),
            1);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM audit_log WHERE action = 'role_changed' AND "
                        "detail = 'spoc -> professional' AND object = 'user:" +
                        std::to_string(user_id(this->db(), "spoc.aalst@demo.schakel.be")) + "'"),
            1);
  // Gent's SPOC is untouched.
  this->expect_spoc_of(session_cookie(*this->server_, "spoc.gent@demo.schakel.be"), "44021", true);
}

TYPED_TEST(RightsFollowMemberships, ARemovedSpocLosesTheRightsAtOnce) {
  const auto gent = session_cookie(*this->server_, "spoc.gent@demo.schakel.be");
  this->expect_spoc_of(gent, "44021", true);
  ASSERT_TRUE(this->service()
                  .remove_spoc(this->coordinator_, user_id(this->db(), "spoc.gent@demo.schakel.be"),
                               "44021", "ip")
                  .ok());
  this->expect_spoc_of(gent, "44021", false);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM audit_log WHERE action = 'spoc_removed' AND detail "
                        "= 'municipality:44021'"),
            1);
}

TYPED_TEST(RightsFollowMemberships, ASpocOfTwoMunicipalitiesWhoLosesOneKeepsTheOther) {
  auto s = this->service();
  ASSERT_TRUE(s.assign_spoc(this->coordinator_, "spoc.aalst@demo.schakel.be", "44021", "ip").ok());
  const auto aalst = session_cookie(*this->server_, "spoc.aalst@demo.schakel.be");
  ASSERT_TRUE(s.end_membership(this->coordinator_, this->membership_of("41002"), "ip").ok());
  this->expect_spoc_of(aalst, "44021", true);
  EXPECT_EQ(this->get("/kennisbank/fiche-41002/bewerken", aalst), 403);
  EXPECT_EQ(this->get("/vorming/reeks-41002/bewerken", aalst), 403);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM users WHERE email = 'spoc.aalst@demo.schakel.be' "
                        "AND role = 'spoc'"),
            1);
}

TYPED_TEST(RightsFollowMemberships, TheContactTextIsForTheNetworkAndEditedByItsOwnSpocs) {
  ASSERT_TRUE(this->service()
                  .set_profile_text(this->coordinator_, "44021", "Bel de dienst Welzijn.", "ip")
                  .ok());
  std::string csrf;
  const auto aalst = session_cookie(*this->server_, "spoc.aalst@demo.schakel.be", &csrf);
  auto page = http_get(this->server_->port(), "/netwerk/gemeenten/44021", aalst);
  EXPECT_EQ(page.status, 200);  // a colleague in the network reads how to reach Gent
  EXPECT_NE(page.body.find("Bel de dienst Welzijn."), std::string::npos);
  EXPECT_EQ(page.body.find("name=\"contact_text\""), std::string::npos);  // no form
  EXPECT_EQ(http_post(this->server_->port(), "/netwerk/gemeenten/44021",
                      "_csrf=" + csrf + "&contact_text=Overgenomen",
                      "application/x-www-form-urlencoded", aalst)
                .status,
            403);
  EXPECT_EQ(NetworkStore(this->db()).profile_text("44021"), "Bel de dienst Welzijn.");
  // Outside the network nobody reads it.
  EXPECT_EQ(this->get("/netwerk/gemeenten/44021",
                      session_cookie(*this->server_, "professional@demo.schakel.be")),
            403);
  EXPECT_EQ(http_get(this->server_->port(), "/netwerk/gemeenten/44021").status, 303);
  // Gent's own SPOC edits it.
  std::string gent_csrf;
  const auto gent = session_cookie(*this->server_, "spoc.gent@demo.schakel.be", &gent_csrf);
  EXPECT_EQ(http_post(this->server_->port(), "/netwerk/gemeenten/44021",
                      "_csrf=" + gent_csrf + "&contact_text=Nieuw+nummer",
                      "application/x-www-form-urlencoded", gent)
                .status,
            303);
  EXPECT_EQ(NetworkStore(this->db()).profile_text("44021"), "Nieuw nummer");
}

// "A member" has one definition (network::current_membership_sql, Member::is_current):
// a membership that ends later, or starts later, counts the same for the SPOC's role
// and pages, the SPOC directory and the kennisbank's municipality list, before and
// after the moment it ends or starts.
TYPED_TEST(RightsFollowMemberships, AMembershipCountsFromItsStartUntilItsEndEverywhere) {
  const std::int64_t later = this->now() + 3600;
  const auto professional = user_id(this->db(), "professional@demo.schakel.be");
  this->db().transact([&](soci::session& sql) {
    // Aalst leaves in an hour; Brugge joins in an hour, with a SPOC assigned already.
    NetworkStore::end_membership(sql, this->membership_of("41002"), later, this->now());
    NetworkStore::add_membership(sql, "31005", later, false, false, this->now());
    accounts::UserStore::add_spoc_municipality(sql, professional, "31005");
    accounts::UserStore::set_role(sql, professional, Role::spoc);
  });
  auto check = [&](bool aalst_member) {
    const std::string in = aalst_member ? "41002" : "31005";
    const std::string out = aalst_member ? "31005" : "41002";
    const auto aalst = session_cookie(*this->server_, "spoc.aalst@demo.schakel.be");
    const auto brugge = session_cookie(*this->server_, "professional@demo.schakel.be");
    const auto coordinator = session_cookie(*this->server_, "coordinator@demo.schakel.be");
    // The SPOC's role and pages.
    this->expect_spoc_of(aalst, "41002", aalst_member);
    EXPECT_EQ(this->get("/netwerk/mijn-gemeente", brugge), aalst_member ? 403 : 303);
    // The SPOC directory.
    const auto directory = http_get(this->server_->port(), "/netwerk/spocs", coordinator).body;
    EXPECT_EQ(directory.find("spoc.aalst@demo.schakel.be") != std::string::npos, aalst_member);
    EXPECT_EQ(directory.find("professional@demo.schakel.be") != std::string::npos, !aalst_member);
    // The municipalities the coordinator may publish a kennisbank resource for.
    const auto form =
        http_get(this->server_->port(), "/kennisbank/nieuw?soort=tool", coordinator).body;
    EXPECT_NE(form.find("<option value=\"" + in + "\">"), std::string::npos) << in;
    EXPECT_EQ(form.find("<option value=\"" + out + "\">"), std::string::npos) << out;
  };
  check(true);
  this->server_->clock().advance(2 * 3600);
  check(false);
}

}  // namespace
}  // namespace schakel::network
