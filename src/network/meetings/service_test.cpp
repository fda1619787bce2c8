// The rules of platform meetings on SQLite and PostgreSQL, with the demo
// network: bad input changes nothing, proposals close at their deadline, the
// coordinator orders the agenda, an action point becomes an action with the
// link kept both ways, the .ics keeps its UID and raises its SEQUENCE, and the
// dashboard lines and news come and go with their cause.
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "network/meetings/ical.hpp"
#include "network/meetings/service.hpp"
#include "network/meetings/store.hpp"
#include "signals/action_refs.hpp"
#include "signals/action_service.hpp"
#include "test_support.hpp"
#include "trainings/ical_test_support.hpp"

namespace schakel::meetings {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::principal;
using schakel::testing::TestServer;

constexpr std::int64_t day = 24 * 3600;

template <class B>
class Meetings : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    coordinator_ = principal(*server_, "coordinator@demo.schakel.be");
    gent_ = principal(*server_, "spoc.gent@demo.schakel.be");
    professional_ = principal(*server_, "professional@demo.schakel.be");
  }
  MeetingService service() {
    return MeetingService(
        server_->db(), server_->clock(), "https://schakel.test",
        [this](const std::string& to, const std::string& name, nlohmann::json model) {
          return server_->app().compose_mail(to, name, std::move(model));
        });
  }
  // A valid form: a meeting 20 days from now, proposals until 5 days before.
  MeetingInput valid() {
    const auto at = server_->clock().now() + 20 * day;
    MeetingInput in;
    in.title = "Overleg over huisartsen";
    in.date = format_date_input(at);
    in.starts = "10:00";
    in.ends = "12:00";
    in.format = "in_person";
    in.address = "Stadhuis, Markt 1, Aalst";
    in.proposals_until = format_date_input(at - 5 * day);
    in.nis_codes = {"44021"};
    in.people = "coordinator@demo.schakel.be";
    return in;
  }
  long long count(const std::string& query) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  std::vector<AttentionLine> lines() {
    for (const auto& s : server_->app().attention_sources())
      if (s.key == "meetings")
        return server_->db().run(
            [&](soci::session& sql) { return s.lines(sql, server_->clock().now()); });
    ADD_FAILURE() << "no attention source 'meetings'";
    return {};
  }
  std::unique_ptr<TestServer> server_;
  web::Principal coordinator_, gent_, professional_;
};
TYPED_TEST_SUITE(Meetings, Backends, BackendNames);

TYPED_TEST(Meetings, BadMeetingFormsAreRefusedWithAMessageAndChangeNothing) {
  auto s = this->service();
  const auto before = this->count("SELECT COUNT(*) FROM meetings");
  const auto mails = this->count("SELECT COUNT(*) FROM mail_outbox");
  auto refused = [&](MeetingInput in, const std::string& field) {
    auto r = s.create(this->coordinator_, in);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().failure, Failure::invalid) << field;
    EXPECT_FALSE(r.error().message_for(field).empty()) << field;
  };
  auto in = this->valid();
  in.title = "";
  refused(in, "title");
  in = this->valid();
  in.title = std::string(201, 'x');
  refused(in, "title");
  in = this->valid();
  in.starts = "12:00";
  in.ends = "10:00";
  refused(in, "ends");
  in = this->valid();
  in.date = "2026-02-30";
  refused(in, "date");
  in = this->valid();
  in.format = "online";
  in.online_url = "";
  refused(in, "online_url");
  in.online_url = "http://vergaderen.example.org/x";
  refused(in, "online_url");
  in = this->valid();
  in.address = "";
  refused(in, "address");
  in = this->valid();
  in.nis_codes = {"99999"};
  refused(in, "nis_codes");
  in = this->valid();
  in.people = "niemand@example.org";
  refused(in, "people");
  in = this->valid();
  in.people = "professional@demo.schakel.be";  // not of the network
  refused(in, "people");
  in = this->valid();
  in.date = format_date_input(this->server_->clock().now() - 2 * day);
  in.proposals_until = format_date_input(this->server_->clock().now() - 3 * day);
  refused(in, "date");
  in = this->valid();
  in.nis_codes = {};
  in.people = "";
  refused(in, "nis_codes");
  EXPECT_EQ(s.create(this->gent_, this->valid()).error().failure, Failure::forbidden);
  EXPECT_EQ(s.create(this->professional_, this->valid()).error().failure, Failure::forbidden);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM meetings"), before);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox"), mails);
}

TYPED_TEST(Meetings, CreatingMailsTheInvitedAndTheSpocsOfInvitedMunicipalities) {
  const auto mails = this->count("SELECT COUNT(*) FROM mail_outbox");
  auto made = this->service().create(this->coordinator_, this->valid());
  ASSERT_TRUE(made.ok());
  // The coordinator (invited) and the SPOC of Gent (44021).
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox"), mails + 2);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = "
                        "'spoc.gent@demo.schakel.be' AND subject LIKE 'Uitnodiging:%'"),
            1);
}

TYPED_TEST(Meetings, ProposalsAreRefusedAfterTheDeadline) {
  auto s = this->service();
  auto m = s.create(this->coordinator_, this->valid()).value();
  auto proposed =
      s.add_item(this->gent_, m.id, {"Cijfers van de politiezone", "", "15", "", "", ""});
  ASSERT_TRUE(proposed.ok());
  EXPECT_EQ(proposed.value().status, "proposed");
  this->server_->clock().advance(16 * day);  // past the proposals' date
  const auto items = this->count("SELECT COUNT(*) FROM meeting_items");
  auto late = s.add_item(this->gent_, m.id, {"Te laat", "", "", "", "", ""});
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message_for("title").find("voorbij"), std::string::npos);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM meeting_items"), items);
  // The coordinator still adds items.
  EXPECT_TRUE(s.add_item(this->coordinator_, m.id, {"Rondvraag", "", "", "", "", ""}).ok());
}

TYPED_TEST(Meetings, BadAgendaItemsAreRefused) {
  auto s = this->service();
  auto m = s.create(this->coordinator_, this->valid()).value();
  const auto items = this->count("SELECT COUNT(*) FROM meeting_items");
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {"", "", "", "", "", ""}).ok());
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {"x", "", "0", "", "", ""}).ok());
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {"x", "", "abc", "", "", ""}).ok());
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {"x", "", "", "99999999", "", ""}).ok());
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {"x", "", "", "", "99999999", ""}).ok());
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {"x", "", "", "", "", "99999999"}).ok());
  EXPECT_FALSE(s.add_item(this->gent_, m.id, {std::string(300, 'a'), "", "", "", "", ""}).ok());
  EXPECT_EQ(s.add_item(this->professional_, m.id, {"x", "", "", "", "", ""}).error().failure,
            Failure::forbidden);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM meeting_items"), items);
}

TYPED_TEST(Meetings, TheCoordinatorAcceptsAndOrdersTheAgenda) {
  auto s = this->service();
  auto m = s.create(this->coordinator_, this->valid()).value();
  const auto a = s.add_item(this->coordinator_, m.id, {"Eerste", "", "", "", "", ""}).value();
  const auto b = s.add_item(this->coordinator_, m.id, {"Tweede", "", "", "", "", ""}).value();
  const auto p = s.add_item(this->gent_, m.id, {"Voorstel", "", "", "", "", ""}).value();
  EXPECT_EQ(s.place_item(this->gent_, m.id, p.id, "accept").error().failure, Failure::forbidden);
  ASSERT_TRUE(s.place_item(this->coordinator_, m.id, p.id, "accept").ok());
  ASSERT_TRUE(s.place_item(this->coordinator_, m.id, p.id, "up").ok());
  auto titles = [&] {
    std::vector<std::string> out;
    const auto record = s.record(this->coordinator_, m.id).value();
    for (const auto& i : record.items)
      if (i.status == "accepted") out.push_back(i.title);
    return out;
  };
  EXPECT_EQ(titles(), (std::vector<std::string>{"Eerste", "Voorstel", "Tweede"}));
  ASSERT_TRUE(s.place_item(this->coordinator_, m.id, a.id, "down").ok());
  EXPECT_EQ(titles(), (std::vector<std::string>{"Voorstel", "Eerste", "Tweede"}));
  ASSERT_TRUE(s.place_item(this->coordinator_, m.id, b.id, "down").ok());  // already last
  EXPECT_EQ(titles(), (std::vector<std::string>{"Voorstel", "Eerste", "Tweede"}));
  EXPECT_FALSE(s.place_item(this->coordinator_, m.id, a.id, "sideways").ok());
}

TYPED_TEST(Meetings, AnActionPointBecomesAnActionWithTheLinkBothWays) {
  auto s = this->service();
  auto m = s.create(this->coordinator_, this->valid()).value();
  const auto gent = std::to_string(this->gent_.id);
  EXPECT_FALSE(s.add_action_point(this->coordinator_, m.id, "", gent, "2030-01-01").ok());
  EXPECT_FALSE(s.add_action_point(this->coordinator_, m.id, "x", "999999", "2030-01-01").ok());
  EXPECT_FALSE(s.add_action_point(this->coordinator_, m.id, "x", gent, "morgen").ok());
  EXPECT_FALSE(s.add_action_point(this->coordinator_, m.id, "x",
                                  std::to_string(this->professional_.id), "2030-01-01")
                   .ok());
  auto p = s.add_action_point(this->coordinator_, m.id, "Lijst van huisartsen opmaken", gent,
                              format_date_input(this->server_->clock().now() + 30 * day));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(s.make_action(this->gent_, m.id, p.value().id).error().failure, Failure::forbidden);
  auto action = s.make_action(this->coordinator_, m.id, p.value().id);
  ASSERT_TRUE(action.ok());
  // Meeting -> action.
  auto record = s.record(this->coordinator_, m.id).value();
  ASSERT_EQ(record.action_points.size(), 1u);
  EXPECT_EQ(record.action_points[0].action_id, action.value());
  // Action -> meeting, through the signals feature.
  auto detail = signals::ActionService(this->server_->db(), this->server_->clock())
                    .detail(this->coordinator_, action.value());
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail.value().listed.action.title, "Lijst van huisartsen opmaken");
  EXPECT_EQ(detail.value().listed.action.owner_user_id, this->gent_.id);
  const auto origins = signals::action_origins(this->server_->db(), action.value());
  ASSERT_EQ(origins.size(), 1u);
  EXPECT_EQ(origins[0].href,
            "/overleg/" + std::to_string(m.id) + "#actiepunt-" + std::to_string(p.value().id));
  // Once only.
  EXPECT_EQ(s.make_action(this->coordinator_, m.id, p.value().id).error().failure,
            Failure::conflict);
}

TYPED_TEST(Meetings, TheIcsKeepsItsUidAndRaisesItsSequenceAndACancellationCancels) {
  auto s = this->service();
  auto m = s.create(this->coordinator_, this->valid()).value();
  auto first = schakel::trainings::testing::parse_ics(
      meeting_ics(m, {}, "https://schakel.test", true, this->server_->clock().now()));
  auto in = this->valid();
  in.starts = "13:00";
  in.ends = "15:00";
  auto changed = s.update(this->coordinator_, m.id, in);
  ASSERT_TRUE(changed.ok());
  auto second = schakel::trainings::testing::parse_ics(
      meeting_ics(changed.value(), {}, "https://schakel.test", true, this->server_->clock().now()));
  ASSERT_EQ(first["events"].size(), 1u);
  ASSERT_EQ(second["events"].size(), 1u);
  EXPECT_EQ(first["events"][0]["uid"], "meeting-" + std::to_string(m.id) + "@schakel.test");
  EXPECT_EQ(second["events"][0]["uid"], first["events"][0]["uid"]);
  EXPECT_GT(second["events"][0]["sequence"].template get<int>(),
            first["events"][0]["sequence"].template get<int>());
  EXPECT_EQ(second["events"][0]["start"].template get<std::string>().substr(11), "13:00:00");
  EXPECT_EQ(first["method"], "PUBLISH");
  ASSERT_TRUE(s.cancel(this->coordinator_, m.id).ok());
  auto cancelled = s.record(this->coordinator_, m.id).value().meeting;
  auto third = schakel::trainings::testing::parse_ics(
      meeting_ics(cancelled, {}, "https://schakel.test", true, this->server_->clock().now()));
  EXPECT_EQ(third["method"], "CANCEL");
  EXPECT_EQ(third["events"][0]["status"], "CANCELLED");
  EXPECT_EQ(third["events"][0]["uid"], first["events"][0]["uid"]);
  EXPECT_GT(third["events"][0]["sequence"].template get<int>(),
            second["events"][0]["sequence"].template get<int>());
  EXPECT_EQ(s.cancel(this->coordinator_, m.id).error().failure, Failure::conflict);
}

TYPED_TEST(Meetings, WhoIsNoLongerInvitedGetsTheCancellationOfTheSameEvent) {
  auto s = this->service();
  auto m = s.create(this->coordinator_, this->valid()).value();  // Gent and the coordinator
  auto in = this->valid();
  in.nis_codes = {"41002"};  // Aalst instead of Gent
  ASSERT_TRUE(s.update(this->coordinator_, m.id, in).ok());
  auto mails_to = [&](const std::string& who, const std::string& subject) {
    return this->count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '" + who +
                       "' AND subject LIKE '" + subject + "%'");
  };
  EXPECT_EQ(mails_to("spoc.gent@demo.schakel.be", "Geannuleerd: "), 1);
  EXPECT_EQ(mails_to("spoc.gent@demo.schakel.be", "Gewijzigd: "), 0);
  EXPECT_EQ(mails_to("spoc.aalst@demo.schakel.be", "Gewijzigd: "), 1);
  EXPECT_EQ(mails_to("coordinator@demo.schakel.be", "Gewijzigd: "), 1);
  EXPECT_EQ(mails_to("coordinator@demo.schakel.be", "Geannuleerd: "), 0);
  // The mail's calendar file cancels the same event.
  std::optional<mail::Mail> sent;
  for (const auto& e : this->server_->app().outbox().recent(10))
    if (e.recipient == "spoc.gent@demo.schakel.be" && e.subject.rfind("Geannuleerd: ", 0) == 0)
      sent = this->server_->app().outbox().find(e.id);
  ASSERT_TRUE(sent && sent->attachments.size() == 1u);
  auto ics = schakel::trainings::testing::parse_ics(sent->attachments[0].data);
  EXPECT_EQ(ics["method"], "CANCEL");
  EXPECT_EQ(ics["events"][0]["uid"], "meeting-" + std::to_string(m.id) + "@schakel.test");
}

TYPED_TEST(Meetings, TheOnlineLinkIsOnlyForTheInvited) {
  auto s = this->service();
  auto in = this->valid();
  in.format = "online";
  in.online_url = "https://vergaderen.example.org/geheim";
  in.nis_codes = {"41002"};  // Aalst, not Gent
  in.people = "";
  auto m = s.create(this->coordinator_, in).value();
  EXPECT_TRUE(s.sees_link(this->coordinator_, m));
  EXPECT_TRUE(s.sees_link(principal(*this->server_, "spoc.aalst@demo.schakel.be"), m));
  EXPECT_FALSE(s.sees_link(this->gent_, m));
}

TYPED_TEST(Meetings, TheMeetingsToPrepareLineComesAndGoes) {
  auto s = this->service();
  auto has_line = [&](const std::string& words) {
    for (const auto& l : this->lines())
      if (l.text.find(words) != std::string::npos) return true;
    return false;
  };
  // The demo's coming meeting waits for a decision on a SPOC's proposal.
  EXPECT_TRUE(has_line("voor te bereiden"));
  const auto upcoming = s.upcoming(this->coordinator_).value();
  for (const auto& m : upcoming) {
    const auto record = s.record(this->coordinator_, m.id).value();
    for (const auto& i : record.items)
      if (i.status == "proposed") {
        ASSERT_TRUE(s.place_item(this->coordinator_, m.id, i.id, "accept").ok());
      }
  }
  EXPECT_FALSE(has_line("voor te bereiden"));
  // A new meeting within 14 days without agenda items needs preparing.
  auto in = this->valid();
  const auto at = this->server_->clock().now() + 7 * day;
  in.date = format_date_input(at);
  in.proposals_until = format_date_input(at - day);
  auto m = s.create(this->coordinator_, in).value();
  EXPECT_TRUE(has_line("voor te bereiden"));
  ASSERT_TRUE(s.add_item(this->coordinator_, m.id, {"Welkom", "", "", "", "", ""}).ok());
  EXPECT_FALSE(has_line("voor te bereiden"));
}

TYPED_TEST(Meetings, TheOverdueActionPointsLineComesAndGoes) {
  auto s = this->service();
  auto overdue = [&]() -> std::int64_t {
    for (const auto& l : this->lines())
      if (l.href == "/overleg/actiepunten") return l.count;
    return 0;
  };
  // The demo holds one overdue action point.
  EXPECT_EQ(overdue(), 1);
  const auto open = s.open_action_points(this->coordinator_, true).value();
  for (const auto& p : open)
    ASSERT_TRUE(s.mark_done(this->coordinator_, p.meeting_id, p.id, true).ok());
  EXPECT_EQ(overdue(), 0);
  auto m = s.create(this->coordinator_, this->valid()).value();
  auto p = s.add_action_point(this->coordinator_, m.id, "Verslag rondsturen",
                              std::to_string(this->gent_.id),
                              format_date_input(this->server_->clock().now() + day))
               .value();
  EXPECT_EQ(overdue(), 0);
  this->server_->clock().advance(3 * day);
  EXPECT_EQ(overdue(), 1);
  // Only its owner (or an organiser) ticks it off.
  EXPECT_EQ(s.mark_done(this->professional_, m.id, p.id, true).error().failure, Failure::forbidden);
  ASSERT_TRUE(s.mark_done(this->gent_, m.id, p.id, true).ok());
  EXPECT_EQ(overdue(), 0);
}

TYPED_TEST(Meetings, NewsNamesTheConcernedPeople) {
  const auto from = this->server_->clock().now();
  auto m = this->service().create(this->coordinator_, this->valid()).value();
  auto p = this->service()
               .add_action_point(this->coordinator_, m.id, "Affiche ontwerpen",
                                 std::to_string(this->gent_.id), "2030-01-01")
               .value();
  std::vector<NewsItem> items;
  for (const auto& source : this->server_->app().news_sources())
    if (source.key.starts_with("meetings."))
      this->server_->db().run([&](soci::session& sql) {
        for (auto& i : source.items(sql, from, from + 1)) items.push_back(i);
      });
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].key, "meeting:" + std::to_string(m.id));
  EXPECT_TRUE(items[0].network_only);
  EXPECT_EQ(items[0].for_users,
            (std::vector<std::int64_t>{std::min(this->coordinator_.id, this->gent_.id),
                                       std::max(this->coordinator_.id, this->gent_.id)}));
  EXPECT_EQ(items[1].key, "meeting-action-point:" + std::to_string(p.id));
  EXPECT_EQ(items[1].for_users, (std::vector<std::int64_t>{this->gent_.id}));
}

}  // namespace
}  // namespace schakel::meetings
