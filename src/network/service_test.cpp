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
                                    Role::coordinator, "44021", false})
                      .value());
    candidate_ = principal(accounts
                               .create_user({"els@aalst.be", "Els Aalst", "een lang wachtwoord",
                                             Role::professional, "", false})
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

TYPED_TEST(NetworkServiceTest, EndingAMembershipEndsItsSpocsRightsInTheSameTransaction) {
  auto s = this->service();
  ASSERT_TRUE(s.assign_spoc(this->coordinator_, "els@aalst.be", "41002", "ip").ok());
  // A second SPOC, of Aalst and of Brugge: keeps Brugge.
  accounts::AccountService accounts(this->db(), this->clock_);
  const auto both = accounts
                        .create_user({"jan@brugge.be", "Jan Brugge", "een lang wachtwoord",
                                      Role::professional, "", false})
                        .value();
  ASSERT_TRUE(s.add_membership(this->coordinator_, "31005", "ip").ok());
  ASSERT_TRUE(s.assign_spoc(this->coordinator_, "jan@brugge.be", "41002", "ip").ok());
  ASSERT_TRUE(s.assign_spoc(this->coordinator_, "jan@brugge.be", "31005", "ip").ok());
  std::int64_t aalst = 0;
  for (const auto& m : this->store_->all_memberships())
    if (m.municipality.nis_code == "41002") aalst = m.membership_id;
  ASSERT_TRUE(s.end_membership(this->coordinator_, aalst, "ip").ok());

  accounts::UserStore users(this->db(), this->clock_);
  const auto els = users.find_by_id(this->candidate_.id).value();
  EXPECT_EQ(els.role, Role::professional);
  EXPECT_TRUE(els.spoc_of.empty());
  EXPECT_EQ(this->role_of(this->candidate_.id), "professional");  // stored, not only derived
  const auto jan = users.find_by_id(both.id).value();
  EXPECT_EQ(jan.role, Role::spoc);
  EXPECT_EQ(jan.spoc_of, std::vector<std::string>{"31005"});
  for (const auto& entry : this->store_->spocs(this->clock_.now()))
    EXPECT_NE(entry.nis_code, "41002");

  int demoted = 0, removed = 0;
  const std::string object = "user:" + std::to_string(this->candidate_.id);
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'role_changed' AND object = :o AND "
           "detail = 'spoc -> professional'",
        soci::use(object), soci::into(demoted);
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'spoc_removed' AND detail LIKE "
           "'municipality:41002%'",
        soci::into(removed);
  });
  EXPECT_EQ(demoted, 1);
  EXPECT_EQ(removed, 2);
}

TYPED_TEST(NetworkServiceTest, ASpocSpeaksOnlyForMunicipalitiesThatAreMembersNow) {
  // An assignment left behind for a municipality that is no member (e.g. rows
  // from before this rule) gives no rights: the role is derived from it.
  accounts::AccountService accounts(this->db(), this->clock_);
  const auto old = accounts
                       .create_user({"oud@genk.be", "Oude SPOC", "een lang wachtwoord", Role::spoc,
                                     "71016", false})
                       .value();
  EXPECT_EQ(old.role, Role::professional);
  EXPECT_TRUE(old.spoc_of.empty());
  auto s = this->service();
  ASSERT_TRUE(s.add_membership(this->coordinator_, "71016", "ip").ok());
  const auto now_member = accounts::UserStore(this->db(), this->clock_).find_by_id(old.id).value();
  EXPECT_EQ(now_member.role, Role::spoc);
  EXPECT_EQ(now_member.spoc_of, std::vector<std::string>{"71016"});
}

}  // namespace
}  // namespace schakel::network
