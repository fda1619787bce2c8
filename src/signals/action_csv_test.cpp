// The CSV of actions: a round trip keeps everything (needs, goals, parent,
// milestones, outputs, indicators, public flag, own progress) byte for byte on
// SQLite and PostgreSQL, and a bad file changes nothing, with messages that name
// the line and the column.
#include <gtest/gtest.h>

#include "signals/action_csv.hpp"
#include "signals/action_test_fixture.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
template <class B>
using ActionCsv = testing::ActionTest<B>;
TYPED_TEST_SUITE(ActionCsv, Backends, BackendNames);

TYPED_TEST(ActionCsv, ExportImportIntoAnEmptyDatabaseExportsTheSameBytes) {
  auto& s = *this->service_;
  ActionInput whole_in = this->input("Campagne, \"1712\"\nmet een tweede regel");
  whole_in.is_public = true;
  whole_in.progress = "35";
  whole_in.goal_numbers = {"1", "3"};
  whole_in.need_ids = {std::to_string(this->need_gent_), std::to_string(this->need_supra_)};
  const auto whole = s.create(this->coordinator_, whole_in).value();
  ActionInput part_in = this->input("Deel");
  part_in.owner_kind = "partner";
  part_in.owner_partner = "CAW Oost-Vlaanderen";
  part_in.ends_on = "";
  part_in.parent_id = std::to_string(whole.id);
  const auto part = s.create(this->coordinator_, part_in).value();
  ActionInput person_in = this->input("Van een persoon");
  person_in.owner_kind = "person";
  person_in.owner_user_id = std::to_string(this->gent_->id);
  person_in.need_ids = {};
  s.create(this->coordinator_, person_in).value();
  auto m = s.add_milestone(this->coordinator_, whole.id, "Kaarten gedrukt", "2026-10-15").value();
  ASSERT_TRUE(s.mark_milestone(this->coordinator_, whole.id, m.id, true));
  ASSERT_TRUE(s.add_milestone(this->coordinator_, whole.id, "Evaluatie", "2027-03-01"));
  ASSERT_TRUE(
      s.add_output(this->coordinator_, whole.id, "series", std::to_string(this->series_id_), ""));
  ASSERT_TRUE(s.add_output(this->coordinator_, whole.id, "resource",
                           std::to_string(this->resource_id_), "Leidraad"));
  ASSERT_TRUE(s.add_output(this->coordinator_, whole.id, "campaign", "elder_abuse", ""));
  ASSERT_TRUE(s.add_output(this->coordinator_, part.id, "link", "https://www.1712.be/?a=1,2", ""));
  ASSERT_TRUE(s.add_indicator(this->coordinator_, whole.id, "verdeelde postkaarten", "3200",
                              "10000", "postkaarten"));
  ASSERT_TRUE(s.add_indicator(this->coordinator_, part.id, "tevredenheid", "7,5", "", "op 10"));
  const std::string first = s.export_csv(this->coordinator_).value();
  EXPECT_NE(first.find("\"Campagne, \"\"1712\"\"\nmet een tweede regel\""), std::string::npos);

  schakel::testing::TestDatabase other(TypeParam::backend);
  other.migrate();
  this->seed(other.db());
  ActionService second(other.db(), this->clock_);
  EXPECT_EQ(second.import_csv(this->coordinator_, first).value(), 3);
  EXPECT_EQ(second.export_csv(this->coordinator_).value(), first);
  const auto d = second.detail(this->coordinator_, whole.id).value();
  EXPECT_EQ(d.parts.size(), 1u);
  EXPECT_EQ(d.listed.action.progress, 35);
  EXPECT_TRUE(d.listed.action.is_public);
  EXPECT_EQ(d.listed.action.milestones[0].done_on, "2026-11-01");
}

TYPED_TEST(ActionCsv, ABadFileChangesNothingAndNamesLineAndColumn) {
  auto& s = *this->service_;
  s.create(this->coordinator_, this->input()).value();
  const std::string good = s.export_csv(this->coordinator_).value();
  const std::string header = good.substr(0, good.find("\r\n") + 2);
  const std::string row = good.substr(header.size());
  auto problems = [&](const std::string& file) {
    std::vector<std::string> out;
    auto r = s.import_csv(this->coordinator_, file);
    EXPECT_FALSE(r);
    if (!r)
      for (const auto& f : r.error().fields) out.push_back(f.message);
    return out;
  };
  auto replace = [](std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
  };
  EXPECT_EQ(problems("a,b\r\n1,2\r\n").at(0).substr(0, 8), "Regel 1:");
  const std::string phone = replace(row, "Een leidraad", "Bel 0470 12 34 56 voor een leidraad");
  const auto p = problems(header + row + phone);
  ASSERT_EQ(p.size(), 1u);  // the file is read first: its duplicate ref stops it
  EXPECT_EQ(p[0], "Regel 3, kolom ref: dit nummer komt al eerder voor.");
  const auto guard = problems(header + replace(phone, "1,", "2,"));
  ASSERT_EQ(guard.size(), 1u);
  EXPECT_EQ(guard[0].substr(0, 28), "Regel 2, kolom description: ");
  EXPECT_EQ(guard[0].find("0470"), std::string::npos);
  EXPECT_EQ(problems(header + replace(row, "2027-06-30", "2026-01-01")).at(0),
            "Regel 2, kolom ends_on: De einddatum ligt voor de begindatum.");
  EXPECT_EQ(problems(header + replace(row, ",Loopt,", ",Bezig,")).at(0).substr(0, 22),
            "Regel 2, kolom status:");
  EXPECT_EQ(problems(header + replace(row, "1,,", "1,1,")).at(0).substr(0, 26),
            "Regel 2, kolom parent_ref:");
  EXPECT_EQ(problems(header + row + "\"open").at(0).substr(0, 8), "Regel 3:");
  EXPECT_EQ(this->count("actions"), 1);
}

TEST(ActionCsvParser, ReadsQuotedFieldsAndRefusesWhatIsNoFile) {
  const std::string header =
      "ref,parent_ref,title,description,owner_kind,owner_user_id,owner_nis_code,owner_partner,"
      "starts_on,ends_on,status,progress,public,needs,goals,milestones,outputs,indicators\r\n";
  auto ok = parse_actions_csv(header +
                              "7,,\"Titel, met komma\",\"Twee\nregels\",partner,,,CAW,2026-01-01,,"
                              "Loopt,,ja,1;2,3,\"[{\"\"title\"\":\"\"M\"\",\"\"due_on\"\":\"\"2026-"
                              "02-01\"\",\"\"done_on\"\":null}]\",,\r\n");
  ASSERT_TRUE(ok.errors.empty()) << ok.errors[0];
  ASSERT_EQ(ok.rows.size(), 1u);
  EXPECT_EQ(ok.rows[0].input.title, "Titel, met komma");
  EXPECT_EQ(ok.rows[0].input.description, "Twee\nregels");
  EXPECT_EQ(ok.rows[0].input.need_ids, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(ok.rows[0].milestones.at(0).title, "M");
  EXPECT_FALSE(ok.rows[0].milestones.at(0).done_on);
  EXPECT_FALSE(parse_actions_csv("").errors.empty());
  EXPECT_FALSE(parse_actions_csv(header + "1,,T,,partner,,,X,2026-01-01,,Loopt,,misschien,,,,,\r\n")
                   .errors.empty());
  EXPECT_FALSE(parse_actions_csv(header + "1,,T,,partner,,,X,2026-01-01,,Loopt,,ja,,,[1],,\r\n")
                   .errors.empty());
  EXPECT_FALSE(parse_actions_csv(header + "1,,T\r\n").errors.empty());
}

}  // namespace
}  // namespace schakel::signals
