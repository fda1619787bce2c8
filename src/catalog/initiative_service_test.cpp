// Initiatives and funding calls (issue 14): the policy fields' rules in the
// service, their round trip through the store and the revisions on SQLite and
// PostgreSQL, "running" and "open" at the edges of their dates, the 30-day
// list, and the news digests read.
#include <gtest/gtest.h>

#include "catalog/initiative.hpp"
#include "catalog/search.hpp"
#include "catalog/service.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

web::Principal coordinator() {
  web::Principal p;
  p.id = 1;
  p.name = "Coördinator";
  p.role = Role::coordinator;
  return p;
}

Resource call(const std::string& title, const std::string& deadline) {
  Resource r;
  r.kind = "funding_call";
  r.title = title;
  r.summary = "Een oproep om projectgeld aan te vragen.";
  r.scope = "flemish";
  r.status = "published";
  r.themes = {"partner_violence"};
  r.policy_level = "flemish";
  r.policy_domains = {"welfare", "justice"};
  r.deadline = deadline;
  return r;
}

Resource initiative(const std::string& title, const std::string& from, const std::string& until) {
  Resource r = call(title, "");
  r.kind = "initiative";
  r.policy_level = "local";
  r.policy_domains = {"police"};
  r.running_from = from;
  r.running_until = until;
  return r;
}

template <class B>
class InitiativeServiceTest : public BackendTest<B> {
 protected:
  void SetUp() override {
    BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->db().transact([&](soci::session& sql) {
      sql << "INSERT INTO users (email, display_name, password_hash, role, created_at) VALUES "
             "('c@voorbeeld.be', 'c', 'x', 'coordinator', 1)";
    });
  }
  std::int64_t count_resources() {
    return this->db().run([](soci::session& sql) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM resources", soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }
  // The message of field `field`, "" when it has none.
  static std::string message(const Error& e, const std::string& field) {
    for (const auto& f : e.fields)
      if (f.field == field) return f.message;
    return "";
  }
  // 2027-01-15 09:00 in Brussels.
  ManualClock clock_{1'800'000'000};
};
TYPED_TEST_SUITE(InitiativeServiceTest, Backends, BackendNames);

TEST(InitiativeDates, CalendarArithmeticAcrossMonthsYearsAndLeapDays) {
  EXPECT_TRUE(valid_date("2028-02-29"));
  EXPECT_FALSE(valid_date("2027-02-29"));
  EXPECT_FALSE(valid_date("2027-13-01"));
  EXPECT_FALSE(valid_date("2027-1-01"));
  EXPECT_FALSE(valid_date("31/12/2027"));
  EXPECT_FALSE(valid_date(""));
  EXPECT_EQ(add_days("2027-01-15", 30), "2027-02-14");
  EXPECT_EQ(add_days("2027-12-31", 1), "2028-01-01");
  EXPECT_EQ(add_days("2028-03-01", -1), "2028-02-29");
  EXPECT_EQ(days_between("2027-01-15", "2027-02-14"), 30);
  EXPECT_EQ(days_between("2027-01-15", "2027-01-14"), -1);
  EXPECT_EQ(date_of(1'800'000'000), "2027-01-15");
  // 23:30 UTC on 31 March 2027 is already 1 April in Brussels (summer time).
  EXPECT_EQ(date_of(1'806'535'800), "2027-04-01");
  EXPECT_EQ(next_midnight(1'800'000'000), 1'800'054'000);  // 00:00 in Brussels is 23:00 UTC
  EXPECT_EQ(days_left_label("2027-01-15", "2027-01-15"), "sluit vandaag");
  EXPECT_EQ(days_left_label("2027-01-16", "2027-01-15"), "nog 1 dag");
  EXPECT_EQ(days_left_label("2027-02-14", "2027-01-15"), "nog 30 dagen");
  EXPECT_EQ(days_left_label("2027-01-14", "2027-01-15"), "afgesloten");
}

TEST(InitiativeDates, RunningAndOpenAtTheEdgesOfTheirDates) {
  auto c = call("Oproep", "2027-01-15");
  EXPECT_TRUE(is_current(c, "2027-01-15")) << "open on its deadline";
  EXPECT_FALSE(is_current(c, "2027-01-16"));
  c.status = "draft";
  EXPECT_FALSE(is_current(c, "2027-01-10")) << "only published resources are current";
  EXPECT_TRUE(is_current(initiative("I", "", ""), "2027-01-15")) << "no period: ongoing";
  EXPECT_TRUE(is_current(initiative("I", "2027-01-15", "2027-01-15"), "2027-01-15"));
  EXPECT_FALSE(is_current(initiative("I", "2027-01-16", ""), "2027-01-15"));
  EXPECT_FALSE(is_current(initiative("I", "", "2027-01-14"), "2027-01-15"));
  auto tool = initiative("I", "", "");
  tool.kind = "tool";
  EXPECT_FALSE(is_current(tool, "2027-01-15"));
}

TYPED_TEST(InitiativeServiceTest, BadPolicyValuesAreFieldErrorsAndStoreNothing) {
  CatalogService s(this->db(), this->clock_);
  auto no_deadline = s.create(coordinator(), call("Oproep zonder deadline", ""));
  ASSERT_FALSE(no_deadline.ok());
  EXPECT_EQ(no_deadline.error().failure, Failure::invalid);
  EXPECT_EQ(this->message(no_deadline.error(), "deadline"),
            "Vul de uiterste indiendatum van de oproep in.");

  auto bad_date = s.create(coordinator(), call("Oproep met een rare datum", "2027-02-30"));
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(this->message(bad_date.error(), "deadline").find("jjjj-mm-dd"), std::string::npos);

  auto level = call("Oproep op de maan", "2027-03-01");
  level.policy_level = "lunar";
  level.policy_domains = {"welfare", "astronomy"};
  auto unknown = s.create(coordinator(), level);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(this->message(unknown.error(), "policy_level"), "Kies een beleidsniveau uit de lijst.");
  EXPECT_EQ(this->message(unknown.error(), "policy_domains"), "Kies beleidsdomeinen uit de lijst.");

  auto none = call("Oproep zonder niveau", "2027-03-01");
  none.policy_level.clear();
  none.policy_domains.clear();
  auto missing = s.create(coordinator(), none);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(this->message(missing.error(), "policy_level"), "Kies een beleidsniveau.");
  EXPECT_EQ(this->message(missing.error(), "policy_domains"), "Kies minstens één beleidsdomein.");

  auto backwards = s.create(coordinator(), initiative("Omgekeerd", "2027-06-01", "2027-05-31"));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(this->message(backwards.error(), "running_until"),
            "De einddatum ligt voor de startdatum.");
  auto garbled = s.create(coordinator(), initiative("Onleesbaar", "morgen", ""));
  ASSERT_FALSE(garbled.ok());
  EXPECT_FALSE(this->message(garbled.error(), "running_from").empty());

  EXPECT_EQ(this->count_resources(), 0);
}

TYPED_TEST(InitiativeServiceTest, PolicyFieldsRoundTripAndRevisionsKeepThem) {
  CatalogService s(this->db(), this->clock_);
  auto created = s.create(coordinator(), call("Europese oproep", "2027-02-01"));
  ASSERT_TRUE(created.ok()) << created.error().fields.front().message;
  auto found = CatalogStore(this->db()).find(created.value().id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->policy_level, "flemish");
  EXPECT_EQ(found->deadline, "2027-02-01");
  // In the vocabulary's order: welzijn before justitie.
  EXPECT_EQ(found->policy_domains, (std::vector<std::string>{"welfare", "justice"}));

  auto changed = *found;
  changed.policy_level = "european";
  changed.policy_domains = {"work"};
  changed.deadline = "2027-03-15";
  ASSERT_TRUE(s.update(coordinator(), found->id, changed).ok());
  auto again = CatalogStore(this->db()).find(found->id);
  EXPECT_EQ(again->policy_level, "european");
  EXPECT_EQ(again->policy_domains, (std::vector<std::string>{"work"}));
  EXPECT_EQ(again->deadline, "2027-03-15");

  // Restoring the first revision brings the first level, domains and deadline back.
  auto restored = s.restore(coordinator(), found->id, 1);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored.value().policy_level, "flemish");
  EXPECT_EQ(restored.value().policy_domains, (std::vector<std::string>{"welfare", "justice"}));
  EXPECT_EQ(restored.value().deadline, "2027-02-01");

  auto started = s.create(coordinator(), initiative("Lokaal project", "2026-09-01", "2027-08-31"));
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started.value().running_from, "2026-09-01");
  EXPECT_EQ(started.value().running_until, "2027-08-31");
  EXPECT_EQ(started.value().deadline, "") << "an initiative has no deadline";
}

TYPED_TEST(InitiativeServiceTest, OtherKindsDropThePolicyFieldsTheFormStillSent) {
  CatalogService s(this->db(), this->clock_);
  auto tool = call("Een tool", "2027-02-01");
  tool.kind = "tool";
  tool.running_from = "2027-01-01";
  auto created = s.create(coordinator(), tool);
  ASSERT_TRUE(created.ok()) << created.error().fields.front().message;
  EXPECT_EQ(created.value().policy_level, "");
  EXPECT_TRUE(created.value().policy_domains.empty());
  EXPECT_EQ(created.value().deadline, "");
  EXPECT_EQ(created.value().running_from, "");
  // A funding call keeps no running period.
  auto with_period = call("Oproep met periode", "2027-02-01");
  with_period.running_from = "2027-01-01";
  auto saved = s.create(coordinator(), with_period);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved.value().running_from, "");
  EXPECT_EQ(saved.value().deadline, "2027-02-01");
}

TYPED_TEST(InitiativeServiceTest, TheThirtyDayListAtItsEdges) {
  CatalogService s(this->db(), this->clock_);
  const std::string today = date_of(this->clock_.now());
  ASSERT_EQ(today, "2027-01-15");
  for (int days : {-1, 0, 29, 30, 31}) {
    auto c = call("Oproep over " + std::to_string(days) + " dagen", add_days(today, days));
    ASSERT_TRUE(s.create(coordinator(), c).ok()) << days;
  }
  auto hidden = call("Oproep voor het netwerk", add_days(today, 3));
  hidden.visibility = "network";
  ASSERT_TRUE(s.create(coordinator(), hidden).ok());
  auto titles = [&](const std::vector<std::string>& visibilities) {
    std::vector<std::string> out;
    this->db().run([&](soci::session& sql) {
      for (const auto& r :
           CatalogStore::calls_closing(sql, visibilities, today, add_days(today, closing_days)))
        out.push_back(r.title);
    });
    return out;
  };
  EXPECT_EQ(titles({"public"}),
            (std::vector<std::string>{"Oproep over 0 dagen", "Oproep over 29 dagen",
                                      "Oproep over 30 dagen"}));
  EXPECT_EQ(titles({"public", "professionals", "network"}),
            (std::vector<std::string>{"Oproep over 0 dagen", "Oproep voor het netwerk",
                                      "Oproep over 29 dagen", "Oproep over 30 dagen"}));
}

TYPED_TEST(InitiativeServiceTest, NewsGivesInitiativesAndCallsPublishedInThePeriodOnly) {
  CatalogService s(this->db(), this->clock_);
  const std::int64_t start = this->clock_.now();
  auto first = call("Oproep in de periode", "2027-03-01");
  first.visibility = "network";
  ASSERT_TRUE(s.create(coordinator(), first).ok());
  auto tool = call("Een tool in de periode", "");
  tool.kind = "tool";
  ASSERT_TRUE(s.create(coordinator(), tool).ok());
  auto draft = initiative("Nog een concept", "", "");
  draft.status = "draft";
  ASSERT_TRUE(s.create(coordinator(), draft).ok());
  this->clock_.advance(3600);
  ASSERT_TRUE(s.create(coordinator(), initiative("Initiatief later", "", "")).ok());

  const auto source = initiative_news_source();
  EXPECT_EQ(source.key, "catalog.initiatives");
  auto items =
      this->db().run([&](soci::session& sql) { return source.items(sql, start, start + 3600); });
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].kind, "initiatives");
  EXPECT_EQ(items[0].title, "Oproep in de periode");
  EXPECT_EQ(items[0].href, "/kennisbank/oproep-in-de-periode");
  EXPECT_EQ(items[0].themes, (std::vector<std::string>{"partner_violence"}));
  EXPECT_TRUE(items[0].network_only);
  EXPECT_EQ(items[0].at, start);
  EXPECT_NE(items[0].summary.find("Indienen tot 1 maart 2027."), std::string::npos);
  auto later = this->db().run(
      [&](soci::session& sql) { return source.items(sql, start + 3600, start + 7200); });
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].title, "Initiatief later");
  EXPECT_FALSE(later[0].network_only);
}

TEST(InitiativeIndex, PolicyFacetsAndTheCurrentFacetInTheIndexDocument) {
  auto c = call("Oproep", "2027-01-15");
  c.id = 7;
  auto has = [](const search::IndexDocument& d, const std::string& f, const std::string& v) {
    return std::find(d.facets.begin(), d.facets.end(), std::pair{f, v}) != d.facets.end();
  };
  const auto open = index_document(c, "2027-01-15");
  EXPECT_TRUE(has(open, "policy_level", "flemish"));
  EXPECT_TRUE(has(open, "policy_domain", "welfare"));
  EXPECT_TRUE(has(open, "policy_domain", "justice"));
  EXPECT_TRUE(has(open, "current", current_value));
  EXPECT_FALSE(has(index_document(c, "2027-01-16"), "current", current_value));
}

}  // namespace
}  // namespace schakel::catalog
