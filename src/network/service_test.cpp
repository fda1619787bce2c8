#include "network/service.hpp"

#include <gtest/gtest.h>

#include "accounts/service.hpp"
#include "accounts/store.hpp"
#include "test_support.hpp"

namespace schakel::network {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class NetworkServiceTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    store_ = std::make_unique<NetworkStore>(this->db());
    this->db().transact([&](soci::session& sql) {
      NetworkStore::add_membership(sql, "44021", 1, true, false, 1);   // Gent, lead
      NetworkStore::add_membership(sql, "41002", 1, false, false, 1);  // Aalst
    });
    accounts::AccountService accounts(this->db(), clock_);
    coordinator_ =
        principal(accounts
                      .create_user({"coord@gent.be", "Coördinator Gent", "een lang wachtwoord",
                                    "coordinator", "44021", false})
                      .value());
    candidate_ = principal(accounts
                               .create_user({"els@aalst.be", "Els Aalst", "een lang wachtwoord",
                                             "professional", "", false})
                               .value());
    this->db().transact([&](soci::session& sql) {
      NetworkStore::open_lead(sql, coordinator_.id, coordinator_.name, "44021", 1);
    });
  }
  static web::Principal principal(const accounts::User& u) {
    return web::Principal{u.id,       u.display_name, u.email,        u.role,
                          u.nis_code, u.spoc_of,      u.totp_enabled, false};
  }
  std::string role_of(std::int64_t id) {
    std::string role;
    long long key = id;
    this->db().run([&](soci::session& sql) {
      sql << "SELECT role FROM users WHERE id = :i", soci::use(key), soci::into(role);
    });
    return role;
  }
  NetworkService service() { return NetworkService(this->db(), *store_, clock_); }
  ManualClock clock_{1'800'000'000};
  std::unique_ptr<NetworkStore> store_;
  web::Principal coordinator_, candidate_;
};
TYPED_TEST_SUITE(NetworkServiceTest, Backends, BackendNames);

TYPED_TEST(NetworkServiceTest, MembershipsAreAddedOnceAndTheLeadCannotLeave) {
  auto s = this->service();
  EXPECT_TRUE(s.add_membership(this->coordinator_, "31005", "1.2.3.4").ok());  // Brugge
  EXPECT_FALSE(s.add_membership(this->coordinator_, "31005", "1.2.3.4").ok());
  EXPECT_FALSE(
      s.add_membership(this->coordinator_, "21004", "1.2.3.4").ok());  // Brussel: not Flemish
  EXPECT_FALSE(s.add_membership(this->coordinator_, "99999", "1.2.3.4").ok());
  for (const auto& m : this->store_->all_memberships()) {
    auto ended = s.end_membership(this->coordinator_, m.membership_id, "1.2.3.4");
    EXPECT_EQ(ended.ok(), !m.is_lead) << m.municipality.name_nl;
  }
  EXPECT_EQ(this->store_->current_members(this->clock_.now() + 1).size(),
            1u);  // only the lead remains
  int audited = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action IN ('membership_added', "
           "'membership_ended')",
        soci::into(audited);
  });
  EXPECT_EQ(audited, 3);
}

TYPED_TEST(NetworkServiceTest, AssigningAndRemovingSpocsChangesTheRole) {
  auto s = this->service();
  EXPECT_TRUE(s.assign_spoc(this->coordinator_, "ELS@aalst.be", "41002", "ip").ok());
  EXPECT_EQ(this->role_of(this->candidate_.id), "spoc");
  EXPECT_FALSE(s.assign_spoc(this->coordinator_, "els@aalst.be", "41002", "ip").ok());  // already
  EXPECT_FALSE(
      s.assign_spoc(this->coordinator_, "els@aalst.be", "31005", "ip").ok());  // not a member
  EXPECT_FALSE(
      s.assign_spoc(this->coordinator_, "coord@gent.be", "41002", "ip").ok());  // the coordinator
  EXPECT_FALSE(s.assign_spoc(this->coordinator_, "onbekend@x.be", "41002", "ip").ok());
  EXPECT_TRUE(s.remove_spoc(this->coordinator_, this->candidate_.id, "41002", "ip").ok());
  EXPECT_EQ(this->role_of(this->candidate_.id), "professional");
  EXPECT_EQ(s.remove_spoc(this->coordinator_, this->candidate_.id, "41002", "ip").error().failure,
            Failure::not_found);
}

TYPED_TEST(NetworkServiceTest, HandingOverTheLeadNeedsTheNewCoordinatorsAcceptance) {
  auto s = this->service();
  EXPECT_FALSE(s.propose_handover(this->coordinator_, "els@aalst.be", "44021", "ip")
                   .ok());  // the current lead
  EXPECT_FALSE(
      s.propose_handover(this->coordinator_, "coord@gent.be", "41002", "ip").ok());  // oneself
  auto proposal = s.propose_handover(this->coordinator_, "els@aalst.be", "41002", "ip");
  ASSERT_TRUE(proposal.ok());
  EXPECT_EQ(this->role_of(this->coordinator_.id),
            "coordinator");  // nothing changes before acceptance
  EXPECT_EQ(s.accept_handover(this->coordinator_, proposal.value(), "ip").error().failure,
            Failure::not_found);
  ASSERT_TRUE(s.accept_handover(this->candidate_, proposal.value(), "ip").ok());
  EXPECT_EQ(this->role_of(this->candidate_.id), "coordinator");
  EXPECT_EQ(this->role_of(this->coordinator_.id), "spoc");  // keeps the account, as SPOC of Gent
  auto members = this->store_->current_members(this->clock_.now());
  ASSERT_FALSE(members.empty());
  EXPECT_EQ(members.front().municipality.nis_code, "41002");
  EXPECT_TRUE(members.front().is_lead);
  auto history = this->store_->lead_history();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].municipality, "Aalst");
  EXPECT_FALSE(history[0].until_at.has_value());
  EXPECT_TRUE(history[1].until_at.has_value());
  EXPECT_EQ(s.accept_handover(this->candidate_, proposal.value(), "ip").error().failure,
            Failure::conflict);
}

TYPED_TEST(NetworkServiceTest, ADeclinedProposalChangesNothing) {
  auto s = this->service();
  auto proposal = s.propose_handover(this->coordinator_, "els@aalst.be", "41002", "ip");
  ASSERT_TRUE(s.decline_handover(this->candidate_, proposal.value(), "ip").ok());
  EXPECT_EQ(this->role_of(this->coordinator_.id), "coordinator");
  EXPECT_EQ(this->role_of(this->candidate_.id), "professional");
  EXPECT_FALSE(s.accept_handover(this->candidate_, proposal.value(), "ip").ok());
}

TYPED_TEST(NetworkServiceTest, TheContactTextIsBoundedAndAudited) {
  auto s = this->service();
  EXPECT_FALSE(s.set_profile_text(this->coordinator_, "44021", std::string(2001, 'x'), "ip").ok());
  EXPECT_FALSE(s.set_profile_text(this->coordinator_, "44021", "\xFF", "ip").ok());
  EXPECT_EQ(s.set_profile_text(this->coordinator_, "31005", "Brugge", "ip").error().failure,
            Failure::not_found);
  EXPECT_TRUE(
      s.set_profile_text(this->coordinator_, "44021", "Bel het SPOC-nummer op werkdagen.", "ip")
          .ok());
  EXPECT_EQ(this->store_->profile_text("44021"), "Bel het SPOC-nummer op werkdagen.");
}

}  // namespace
}  // namespace schakel::network
