// The rules of actions on SQLite and PostgreSQL: a table of bad input (a clear
// Dutch message on the field, nothing changed), permissions, parent links without
// cycles, outputs that exist, milestones and indicators, the statuses list, the
// /acties filters, and a timeline that tells every change.
#include <gtest/gtest.h>

#include "signals/action_rules.hpp"
#include "signals/action_test_fixture.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
template <class B>
using Actions = testing::ActionTest<B>;
TYPED_TEST_SUITE(Actions, Backends, BackendNames);

TYPED_TEST(Actions, BadInputGetsAClearMessageOnItsFieldAndChangesNothing) {
  auto& s = *this->service_;
  struct Case {
    const char* field;
    std::function<void(ActionInput&)> spoil;
  };
  const std::vector<Case> cases = {
      {"title", [](ActionInput& in) { in.title = "  "; }},
      {"title", [](ActionInput& in) { in.title = std::string(201, 'a'); }},
      {"description", [](ActionInput& in) { in.description = std::string(4001, 'a'); }},
      {"status_id", [](ActionInput& in) { in.status_id = "9999"; }},
      {"status_id", [](ActionInput& in) { in.status_id = "loopt"; }},
      {"need_ids", [](ActionInput& in) { in.need_ids = {"9999"}; }},
      {"goal_numbers", [](ActionInput& in) { in.goal_numbers = {"7"}; }},
      {"ends_on", [](ActionInput& in) { in.ends_on = "2026-08-31"; }},
      {"starts_on", [](ActionInput& in) { in.starts_on = "2026-02-30"; }},
      {"progress", [](ActionInput& in) { in.progress = "101"; }},
      {"progress", [](ActionInput& in) { in.progress = "-1"; }},
      {"owner_kind", [](ActionInput& in) { in.owner_kind = "buurman"; }},
      {"owner_nis_code", [](ActionInput& in) { in.owner_nis_code = "99999"; }},
      {"owner_user_id",
       [](ActionInput& in) {
         in.owner_kind = "person";
         in.owner_user_id = "424242";
       }},
      {"owner_partner",
       [](ActionInput& in) {
         in.owner_kind = "partner";
         in.owner_partner = "";
       }},
      {"parent_id", [](ActionInput& in) { in.parent_id = "9999"; }},
  };
  for (const auto& c : cases) {
    ActionInput in = this->input();
    c.spoil(in);
    auto r = s.create(this->coordinator_, in);
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().failure, Failure::invalid) << c.field;
    EXPECT_NE(r.error().message_for(c.field), "") << c.field;
  }
  EXPECT_EQ(this->count("actions"), 0);
  EXPECT_EQ(this->count("signal_timeline"), 0);
  EXPECT_EQ(s.create(this->coordinator_, this->input()).value().title,
            "Gespreksleidraad voor leerkrachten");
}

TYPED_TEST(Actions, ThePrivacyGuardRefusesIdentifiersInEveryFreeText) {
  auto& s = *this->service_;
  ActionInput in = this->input();
  in.description = "Contact via jan.peeters@example.com voor de planning.";
  auto refused = s.create(this->coordinator_, in);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message_for("description"), "");
  EXPECT_EQ(refused.error().message_for("description").find("jan.peeters"), std::string::npos);
  EXPECT_EQ(this->count("actions"), 0);
  const auto a = s.create(this->coordinator_, this->input()).value();
  auto milestone =
      s.add_milestone(this->coordinator_, a.id, "Bel jan.peeters@example.com", "2026-12-01");
  ASSERT_FALSE(milestone);
  EXPECT_NE(milestone.error().message_for("milestone_title"), "");
  auto indicator =
      s.add_indicator(this->coordinator_, a.id, "Mail naar info@example.com", "3", "", "");
  ASSERT_FALSE(indicator);
  EXPECT_NE(indicator.error().message_for("indicator_name"), "");
  EXPECT_EQ(this->count("action_milestones"), 0);
  EXPECT_EQ(this->count("action_indicators"), 0);
}

TYPED_TEST(Actions, OnlyTheCoordinatorCreatesAndASpocEditsHerMunicipalitysActions) {
  auto& s = *this->service_;
  EXPECT_EQ(s.create(this->gent_, this->input()).error().failure, Failure::forbidden);
  EXPECT_EQ(s.create(std::nullopt, this->input()).error().failure, Failure::forbidden);
  const auto a = s.create(this->coordinator_, this->input()).value();
  ActionInput edit = this->input("Leidraad voor schoolteams");
  EXPECT_EQ(s.update(this->aalst_, a.id, edit).error().failure, Failure::forbidden);
  EXPECT_EQ(s.add_milestone(this->aalst_, a.id, "Eerste versie", "2026-12-01").error().failure,
            Failure::forbidden);
  ASSERT_TRUE(s.update(this->gent_, a.id, edit));
  edit.owner_nis_code = "41002";
  EXPECT_NE(s.update(this->gent_, a.id, edit).error().message_for("owner_nis_code"), "");
  EXPECT_TRUE(s.detail(this->aalst_, a.id).value().may_edit == false);
  EXPECT_TRUE(s.detail(this->gent_, a.id).value().may_edit);
  EXPECT_EQ(s.detail(std::nullopt, a.id).error().failure, Failure::forbidden);
  EXPECT_EQ(s.update(this->coordinator_, a.id + 99, edit).error().failure, Failure::not_found);
}

TYPED_TEST(Actions, AParentThatIsTheActionItselfOrOneOfItsPartsIsCircular) {
  auto& s = *this->service_;
  const auto whole = s.create(this->coordinator_, this->input("Campagne")).value();
  ActionInput part_in = this->input("Deel A");
  part_in.parent_id = std::to_string(whole.id);
  const auto part = s.create(this->coordinator_, part_in).value();
  ActionInput sub_in = this->input("Deel A1");
  sub_in.parent_id = std::to_string(part.id);
  const auto sub = s.create(this->coordinator_, sub_in).value();
  for (const auto parent : {whole.id, part.id, sub.id}) {
    ActionInput in = this->input("Campagne");
    in.parent_id = std::to_string(parent);
    auto r = s.update(this->coordinator_, whole.id, in);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message_for("parent_id").find("kringverwijzing"), std::string::npos);
  }
  EXPECT_FALSE(s.detail(this->coordinator_, whole.id).value().listed.action.parent_id);
  EXPECT_EQ(s.detail(this->coordinator_, whole.id).value().parts.size(), 1u);
}

TYPED_TEST(Actions, OutputsPointAtThingsThatExist) {
  auto& s = *this->service_;
  const auto a = s.create(this->coordinator_, this->input()).value();
  auto missing = s.add_output(this->coordinator_, a.id, "resource", "99999", "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message_for("output_target"),
            "Dit hulpmiddel bestaat niet in de kennisbank.");
  EXPECT_NE(s.add_output(this->coordinator_, a.id, "link", "http://example.com", "")
                .error()
                .message_for("output_target"),
            "");
  EXPECT_NE(s.add_output(this->coordinator_, a.id, "series", "/vorming/bestaat-niet", "")
                .error()
                .message_for("output_target"),
            "");
  EXPECT_NE(s.add_output(this->coordinator_, a.id, "campaign", "sibling_violence", "")
                .error()
                .message_for("output_target"),
            "");
  EXPECT_NE(
      s.add_output(this->coordinator_, a.id, "poster", "x", "").error().message_for("output_kind"),
      "");
  EXPECT_EQ(this->count("action_outputs"), 0);
  auto series = s.add_output(this->coordinator_, a.id, "series", "/vorming/ouderen-test", "");
  ASSERT_TRUE(series);
  EXPECT_EQ(series.value().target, std::to_string(this->series_id_));
  EXPECT_EQ(series.value().label, "Ouderenmis(be)handeling");
  ASSERT_TRUE(s.add_output(this->coordinator_, a.id, "resource", std::to_string(this->resource_id_),
                           "De leidraad"));
  ASSERT_TRUE(s.add_output(this->coordinator_, a.id, "campaign", "elder_abuse", ""));
  ASSERT_TRUE(s.add_output(this->coordinator_, a.id, "link", "https://www.1712.be/", "1712"));
  EXPECT_EQ(s.detail(this->gent_, a.id).value().listed.action.outputs.size(), 4u);
}

TYPED_TEST(Actions, MilestonesAndIndicatorsAreCheckedAndKept) {
  auto& s = *this->service_;
  const auto a = s.create(this->coordinator_, this->input()).value();
  EXPECT_NE(s.add_milestone(this->coordinator_, a.id, "", "morgen")
                .error()
                .message_for("milestone_due_on"),
            "");
  auto m = s.add_milestone(this->coordinator_, a.id, "Eerste versie", "2026-12-01").value();
  ASSERT_TRUE(s.mark_milestone(this->gent_, a.id, m.id, true));
  EXPECT_EQ(s.detail(this->gent_, a.id).value().listed.action.milestones[0].done_on, "2026-11-01");
  EXPECT_EQ(s.mark_milestone(this->gent_, a.id, m.id + 99, true).error().failure,
            Failure::not_found);
  EXPECT_NE(s.add_indicator(this->coordinator_, a.id, "Deelnemers", "veel", "", "")
                .error()
                .message_for("indicator_value"),
            "");
  auto i =
      s.add_indicator(this->coordinator_, a.id, "bereikte deelnemers", "84", "120,5", "deelnemers")
          .value();
  EXPECT_DOUBLE_EQ(*i.target, 120.5);
  ASSERT_TRUE(s.update_indicator(this->coordinator_, a.id, i.id, "96", "120,5"));
  const auto d = s.detail(this->coordinator_, a.id).value();
  EXPECT_DOUBLE_EQ(d.listed.action.indicators[0].value, 96);
  ASSERT_TRUE(s.remove_milestone(this->coordinator_, a.id, m.id));
  ASSERT_TRUE(s.remove_indicator(this->coordinator_, a.id, i.id));
  EXPECT_EQ(this->count("action_milestones"), 0);
}

TYPED_TEST(Actions, TheTimelineTellsEveryChange) {
  auto& s = *this->service_;
  const auto a = s.create(this->coordinator_, this->input()).value();
  this->clock_.advance(60);
  ActionInput edit = this->input();
  edit.status_id = std::to_string(this->status_id("Afgerond"));
  edit.need_ids = {std::to_string(this->need_supra_)};
  edit.progress = "100";
  ASSERT_TRUE(s.update(this->coordinator_, a.id, edit));
  this->clock_.advance(60);
  auto m = s.add_milestone(this->coordinator_, a.id, "Leidraad klaar", "2026-12-01").value();
  ASSERT_TRUE(s.mark_milestone(this->coordinator_, a.id, m.id, true));
  ASSERT_TRUE(
      s.add_output(this->coordinator_, a.id, "series", std::to_string(this->series_id_), ""));
  ASSERT_TRUE(s.add_indicator(this->coordinator_, a.id, "bereikte deelnemers", "84", "", ""));
  std::vector<std::string> summaries;
  const auto detail = s.detail(this->coordinator_, a.id).value();
  for (const auto& e : detail.timeline) summaries.push_back(e.summary);
  const std::vector<std::string> expected = {
      "Actie aangemaakt: Gespreksleidraad voor leerkrachten",
      "Status: Loopt → Afgerond",
      "Gekoppeld aan nood: Eerstelijnswerkers herkennen het niet",
      "Niet meer gekoppeld aan nood: Leerkrachten weten niet hoe te beginnen",
      "Aangepast: eigen voortgang (100%)",
      "Mijlpaal toegevoegd: Leidraad klaar (tegen 2026-12-01)",
      "Mijlpaal bereikt: Leidraad klaar",
      "Output toegevoegd: vormingsreeks Ouderenmis(be)handeling",
      "Indicator toegevoegd: bereikte deelnemers = 84",
  };
  EXPECT_EQ(summaries, expected);
  long long feed = 0;
  this->db().run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM changes WHERE entity = 'action'", soci::into(feed);
  });
  EXPECT_EQ(feed, 6);
}

TYPED_TEST(Actions, TheListFiltersAsTheMatrixCounts) {
  auto& s = *this->service_;
  const auto gent = s.create(this->coordinator_, this->input("Gent")).value();
  ActionInput supra = this->input("Bovenlokaal");
  supra.owner_kind = "partner";
  supra.owner_partner = "CAW";
  supra.need_ids = {std::to_string(this->need_supra_)};
  supra.goal_numbers = {"2"};
  supra.starts_on = "2027-01-01";
  supra.ends_on = "";
  s.create(this->coordinator_, supra).value();
  ActionInput late = this->input("Te laat");
  late.ends_on = "2026-10-01";
  late.starts_on = "2026-01-01";
  s.create(this->coordinator_, late).value();
  auto titles = [&](ActionFilter f) {
    std::vector<std::string> out;
    const auto listed = s.list(this->gent_, f).value();
    for (const auto& l : listed) out.push_back(l.action.title);
    return out;
  };
  EXPECT_EQ(titles({}).size(), 3u);
  EXPECT_EQ(titles({"44021", "", "", "alle"}), (std::vector<std::string>{"Gent", "Te laat"}));
  EXPECT_EQ(titles({"alle", "elder_abuse", "", "alle"}), (std::vector<std::string>{"Bovenlokaal"}));
  EXPECT_EQ(titles({"alle", "", "2", "alle"}), (std::vector<std::string>{"Bovenlokaal"}));
  EXPECT_EQ(titles({"alle", "", "", "gepland"}), (std::vector<std::string>{"Bovenlokaal"}));
  EXPECT_EQ(titles({"alle", "", "", "lopend"}), (std::vector<std::string>{"Gent"}));
  EXPECT_EQ(titles({"alle", "", "", "voorbij"}), (std::vector<std::string>{"Te laat"}));
  EXPECT_EQ(s.list(this->gent_, {"gent", "", "", "alle"}).error().failure, Failure::invalid);
  EXPECT_NE(s.list(this->gent_, {"alle", "", "", "bijna"}).error().message_for("stand"), "");
  EXPECT_EQ(s.list(this->gent_, {"99999", "", "", "alle"}).error().message_for("gemeente"),
            "Deze gemeente bestaat niet.");
  EXPECT_EQ(s.list(this->gent_, {"alle", "geen_thema", "", "alle"}).error().message_for("thema"),
            "Dit thema bestaat niet.");
  EXPECT_EQ(s.detail(this->gent_, gent.id).value().listed.progress, 50);
}

TYPED_TEST(Actions, AStatusInUseCannotBeDeletedAndOnlyTheCoordinatorEditsThem) {
  auto& s = *this->service_;
  EXPECT_EQ(s.add_status(this->gent_, "Uitgesteld", "10").error().failure, Failure::forbidden);
  EXPECT_NE(s.add_status(this->coordinator_, "Loopt", "10").error().message_for("label"), "");
  EXPECT_NE(s.add_status(this->coordinator_, "Uitgesteld", "101").error().message_for("progress"),
            "");
  const auto added = s.add_status(this->coordinator_, "Uitgesteld", "10").value();
  EXPECT_EQ(s.statuses().back().label, "Uitgesteld");
  ASSERT_TRUE(s.update_status(this->coordinator_, added.id, "On hold", "15", "0"));
  EXPECT_EQ(s.statuses().front().label, "On hold");
  s.create(this->coordinator_, this->input()).value();
  EXPECT_EQ(s.delete_status(this->coordinator_, this->status_id("Loopt")).error().failure,
            Failure::conflict);
  ASSERT_TRUE(s.delete_status(this->coordinator_, added.id));
  EXPECT_EQ(s.statuses().size(), 5u);
}

TYPED_TEST(Actions, WritesPastTheRateLimitAreRefusedAndChangeNothing) {
  auto& s = *this->service_;
  const auto a = s.create(this->coordinator_, this->input()).value();
  for (int i = 1; i < action_writes_per_hour.limit; ++i)
    ASSERT_TRUE(
        s.add_milestone(this->coordinator_, a.id, "Stap " + std::to_string(i % 40), "2026-12-01") ||
        i > 50)
        << i;
  auto busy = s.add_indicator(this->coordinator_, a.id, "deelnemers", "5", "", "");
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().failure, Failure::busy);
  EXPECT_EQ(this->count("action_indicators"), 0);
  this->clock_.advance(3601);
  EXPECT_TRUE(s.add_indicator(this->coordinator_, a.id, "deelnemers", "5", "", ""));
}

TEST(ActionNumbers, ParseDutchAndDotDecimalsAndShowThemDutch) {
  EXPECT_DOUBLE_EQ(*parse_number("84"), 84);
  EXPECT_DOUBLE_EQ(*parse_number(" 84,5 "), 84.5);
  EXPECT_DOUBLE_EQ(*parse_number("1.25"), 1.25);
  EXPECT_FALSE(parse_number("veel"));
  EXPECT_FALSE(parse_number("1e400"));
  EXPECT_FALSE(parse_number(""));
  EXPECT_EQ(format_number(84), "84");
  EXPECT_EQ(format_number(84.5), "84,5");
}

}  // namespace
}  // namespace schakel::signals
