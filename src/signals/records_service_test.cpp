// The rules of signals and needs on a server with the demo content: bad input
// gets a field error in Dutch and changes nothing, SPOCs write only for their
// own municipalities, hidden signals stay hidden, and every change leaves its
// timeline entry in order. Typed tests run on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/privacy_guard.hpp"
#include "signals/need_service.hpp"
#include "signals/need_store.hpp"
#include "signals/records_rules.hpp"
#include "signals/signal_service.hpp"
#include "signals/timeline_store.hpp"
#include "test_support.hpp"

namespace schakel::signals {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::demo_server;
using schakel::testing::principal;
using schakel::testing::TestServer;

template <class B>
class RecordsService : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    gent_ = principal(*server_, "spoc.gent@demo.schakel.be");
    aalst_ = principal(*server_, "spoc.aalst@demo.schakel.be");
    coordinator_ = principal(*server_, "coordinator@demo.schakel.be");
    professional_ = principal(*server_, "professional@demo.schakel.be");
  }
  long long count(const std::string& query) {
    long long n = 0;
    server_->db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  // Rows of every table a write of signals or needs touches, as one fingerprint.
  std::string fingerprint() {
    std::string out;
    for (const char* q :
         {"SELECT COUNT(*) FROM signals", "SELECT COUNT(*) FROM signal_themes",
          "SELECT COUNT(*) FROM needs", "SELECT COUNT(*) FROM need_signals",
          "SELECT COUNT(*) FROM need_themes", "SELECT COUNT(*) FROM signal_timeline",
          "SELECT COALESCE(MAX(updated_at), 0) FROM signals",
          "SELECT COALESCE(MAX(updated_at), 0) FROM needs"})
      out += std::to_string(count(q)) + "/";
    return out;
  }
  // The id of the demo signal whose description starts with `start`.
  std::int64_t demo_signal(const std::string& start) {
    long long id = 0;
    const std::string like = start + "%";
    server_->db().run([&](soci::session& sql) {
      sql << "SELECT id FROM signals WHERE description LIKE :d", soci::use(like), soci::into(id);
    });
    return id;
  }
  std::int64_t demo_need(const std::string& title) {
    long long id = 0;
    server_->db().run([&](soci::session& sql) {
      sql << "SELECT id FROM needs WHERE title = :t", soci::use(title), soci::into(id);
    });
    return id;
  }
  Signal good_signal() {
    Signal s;
    s.description = "Schoolteams zien meer kinderen die thuis spanningen ervaren.";
    s.nis_code = "44021";
    s.themes = {"child_abuse"};
    s.observed_on = today(server_->clock().now());
    return s;
  }
  SignalService signals() { return SignalService(server_->db(), server_->clock()); }
  NeedService needs() { return NeedService(server_->db(), server_->clock()); }
  std::unique_ptr<TestServer> server_;
  web::Principal gent_, aalst_, coordinator_, professional_;
};
TYPED_TEST_SUITE(RecordsService, Backends, BackendNames);

TYPED_TEST(RecordsService, BadSignalsGetAFieldErrorAndChangeNothing) {
  const auto now = this->server_->clock().now();
  struct Case {
    const char* name;
    std::function<void(Signal&)> spoil;
    const char* field;
    const char* message;  // a part of the message
  };
  const std::vector<Case> cases = {
      {"no description", [](Signal& s) { s.description = "  "; }, "description", "Beschrijf"},
      {"no municipality", [](Signal& s) { s.nis_code = ""; }, "nis_code", "Kies de gemeente"},
      {"unknown municipality", [](Signal& s) { s.nis_code = "99999"; }, "nis_code", "bestaat niet"},
      {"no theme", [](Signal& s) { s.themes.clear(); }, "themes", "minstens één thema"},
      {"unknown theme", [](Signal& s) { s.themes = {"weather"}; }, "themes", "uit de lijst"},
      {"no date", [](Signal& s) { s.observed_on = ""; }, "observed_on", "Geef de datum"},
      {"not a date", [](Signal& s) { s.observed_on = "2026-02-30"; }, "observed_on", "echte datum"},
      {"future date", [&](Signal& s) { s.observed_on = today(now + 3 * 86400); }, "observed_on",
       "toekomst"},
      {"huge text", [](Signal& s) { s.description = std::string(2001, 'a'); }, "description",
       "te lang"},
      {"huge source", [](Signal& s) { s.source = std::string(201, 'b'); }, "source", "te lang"},
      {"unknown track", [](Signal& s) { s.track = "elsewhere"; }, "track", "spoor"},
      {"unknown frequency", [](Signal& s) { s.frequency = "always"; }, "frequency", "hoe vaak"},
  };
  const auto before = this->fingerprint();
  for (const auto& c : cases) {
    Signal s = this->good_signal();
    c.spoil(s);
    auto created = this->signals().create(this->gent_, s);
    ASSERT_FALSE(created) << c.name;
    EXPECT_EQ(created.error().failure, Failure::invalid) << c.name;
    EXPECT_NE(created.error().message_for(c.field).find(c.message), std::string::npos)
        << c.name << ": " << created.error().message_for(c.field);
  }
  EXPECT_EQ(this->fingerprint(), before);
  // A good one is saved with a timeline entry.
  auto created = this->signals().create(this->gent_, this->good_signal());
  ASSERT_TRUE(created);
  auto entries = this->server_->db().run([&](soci::session& sql) {
    return TimelineStore::entries(sql, "signal", created.value().id);
  });
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].summary, "Signaal gemeld in Gent");
}

TYPED_TEST(RecordsService, ASpocWritesOnlyForHerOwnMunicipalities) {
  const auto gent_signal = this->demo_signal("Leerkrachten in het basisonderwijs");
  ASSERT_GT(gent_signal, 0);
  const auto before = this->fingerprint();
  // Aalst's SPOC may read Gent's shared signal, not change, close or move it.
  auto read = this->signals().get(this->aalst_, gent_signal);
  ASSERT_TRUE(read);
  Signal edited = read.value();
  edited.description = "Aangepast door een andere gemeente.";
  EXPECT_EQ(this->signals().update(this->aalst_, edited).error().failure, Failure::forbidden);
  EXPECT_EQ(this->signals().close(this->aalst_, gent_signal).error().failure, Failure::forbidden);
  Signal elsewhere = this->good_signal();
  auto refused = this->signals().create(this->aalst_, elsewhere);
  EXPECT_EQ(refused.error().failure, Failure::forbidden);
  EXPECT_FALSE(refused.error().message_for("nis_code").empty());
  // Gent's SPOC may not move her signal to Aalst.
  Signal moved = read.value();
  moved.nis_code = "41002";
  EXPECT_EQ(this->signals().update(this->gent_, moved).error().failure, Failure::forbidden);
  // Professionals see nothing.
  EXPECT_EQ(this->signals().get(this->professional_, gent_signal).error().failure,
            Failure::forbidden);
  EXPECT_EQ(this->signals().list(this->professional_, {}).error().failure, Failure::forbidden);
  EXPECT_EQ(this->fingerprint(), before);
  // Gent's SPOC and the coordinator may.
  EXPECT_TRUE(this->signals().update(this->gent_, edited));
  EXPECT_TRUE(this->signals().close(this->coordinator_, gent_signal));
  EXPECT_EQ(this->signals().close(this->gent_, gent_signal).error().failure, Failure::conflict);
  EXPECT_TRUE(this->signals().reopen(this->gent_, gent_signal));
}

TYPED_TEST(RecordsService, OwnMunicipalityOnlySignalsStayHidden) {
  const auto hidden = this->demo_signal("Het wijkteam meldt");
  ASSERT_GT(hidden, 0);
  EXPECT_TRUE(this->signals().get(this->gent_, hidden));
  EXPECT_TRUE(this->signals().get(this->coordinator_, hidden));
  EXPECT_EQ(this->signals().get(this->aalst_, hidden).error().failure, Failure::not_found);
  auto network = this->signals().list(this->aalst_, {"alle", "", "alle"});
  ASSERT_TRUE(network);
  for (const auto& s : network.value().signals) EXPECT_NE(s.id, hidden);
  auto all = this->signals().list(this->coordinator_, {"alle", "", "alle"});
  EXPECT_EQ(all.value().count, network.value().count + 1);
  // Grouping it is refused to Aalst's SPOC, by draft and by create.
  const auto before = this->fingerprint();
  auto draft = this->needs().draft(this->aalst_, {hidden});
  EXPECT_NE(draft.error().message_for("signals"), "");
  Need n;
  n.title = "Een nood";
  n.themes = {"partner_violence"};
  n.signal_ids = {hidden};
  auto created = this->needs().create(this->aalst_, n);
  EXPECT_EQ(created.error().failure, Failure::invalid);
  EXPECT_NE(created.error().message_for("signals"), "");
  EXPECT_EQ(this->fingerprint(), before);
}

TYPED_TEST(RecordsService, ListsApplyTheAgreedFiltersAndDefaults) {
  auto mine = this->signals().list(this->gent_, {});
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine.value().filter.gemeente, "mijn");
  EXPECT_EQ(mine.value().filter.status, "open");
  for (const auto& s : mine.value().signals) {
    EXPECT_EQ(s.nis_code, "44021");
    EXPECT_FALSE(s.closed_at);
  }
  EXPECT_EQ(mine.value().count, 5);  // the demo's open signals of Gent
  auto coordinator = this->signals().list(this->coordinator_, {});
  EXPECT_EQ(coordinator.value().filter.gemeente, "alle");
  EXPECT_EQ(coordinator.value().count, 9);  // 11 demo signals, 2 closed
  EXPECT_EQ(
      this->signals().list(this->coordinator_, {"41002", "elder_abuse", "open"}).value().count, 1);
  EXPECT_EQ(
      this->signals().list(this->coordinator_, {"41002", "elder_abuse", "gesloten"}).value().count,
      1);
  EXPECT_EQ(this->signals().list(this->coordinator_, {"alle", "", "alle"}).value().count, 11);
  EXPECT_EQ(this->signals().list(this->coordinator_, {"nergens", "", ""}).error().fields[0].field,
            "gemeente");
  EXPECT_EQ(this->signals().list(this->coordinator_, {"", "weer", ""}).error().fields[0].field,
            "thema");
  EXPECT_EQ(this->signals().list(this->coordinator_, {"", "", "half"}).error().fields[0].field,
            "status");
  // Needs: openstaand by default, supra-local, a municipality, a theme.
  auto needs = this->needs().list(this->gent_, {});
  EXPECT_EQ(needs.value().filter.status, "openstaand");
  EXPECT_EQ(needs.value().count, 4);
  EXPECT_EQ(this->needs().list(this->gent_, {"bovenlokaal", "", ""}).value().count, 2);
  EXPECT_EQ(this->needs().list(this->gent_, {"41002", "", ""}).value().count, 1);
  EXPECT_EQ(this->needs().list(this->gent_, {"41002", "", "in_progress"}).value().count, 0);
  EXPECT_EQ(this->needs().list(this->gent_, {"alle", "elder_abuse", "alle"}).value().count, 2);
  EXPECT_EQ(this->needs().list(this->gent_, {"", "", "misschien"}).error().fields[0].field,
            "status");
}

TYPED_TEST(RecordsService, GroupingSignalsPrefillsThemesAndTheirMunicipality) {
  const auto a = this->demo_signal("Leerkrachten in het basisonderwijs");
  const auto b = this->demo_signal("Het CLB hoort");
  const auto c = this->demo_signal("De politiezone ziet");
  auto same = this->needs().draft(this->coordinator_, {a, b});
  ASSERT_TRUE(same);
  EXPECT_EQ(same.value().nis_code, std::optional<std::string>("44021"));
  EXPECT_EQ(same.value().themes, std::vector<std::string>{"child_abuse"});
  auto mixed = this->needs().draft(this->coordinator_, {a, c});
  ASSERT_TRUE(mixed);
  EXPECT_FALSE(mixed.value().nis_code);
  EXPECT_EQ(mixed.value().themes, (std::vector<std::string>{"child_abuse", "partner_violence"}));
  EXPECT_FALSE(this->needs().draft(this->coordinator_, {a, 999999}));
}

TYPED_TEST(RecordsService, BadNeedsGetAFieldErrorAndChangeNothing) {
  const auto before = this->fingerprint();
  Need good;
  good.title = "Geen opvang voor jongeren na schooltijd";
  good.nis_code = "44021";
  good.themes = {"child_abuse"};
  struct Case {
    const char* name;
    std::function<void(Need&)> spoil;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"no title", [](Need& n) { n.title = ""; }, "title"},
      {"huge title", [](Need& n) { n.title = std::string(201, 'x'); }, "title"},
      {"huge description", [](Need& n) { n.description = std::string(3000, 'x'); }, "description"},
      {"unknown kind", [](Need& n) { n.kind = "wish"; }, "kind"},
      {"unknown municipality", [](Need& n) { n.nis_code = "00000"; }, "nis_code"},
      {"no theme", [](Need& n) { n.themes.clear(); }, "themes"},
      {"unknown status", [](Need& n) { n.status = "done"; }, "status"},
      {"not addressed without reason", [](Need& n) { n.status = "not_addressed"; },
       "status_reason"},
      {"unknown signal", [](Need& n) { n.signal_ids = {999999}; }, "signals"},
  };
  for (const auto& c : cases) {
    Need n = good;
    c.spoil(n);
    auto created = this->needs().create(this->gent_, n);
    ASSERT_FALSE(created) << c.name;
    EXPECT_FALSE(created.error().message_for(c.field).empty()) << c.name;
  }
  // Aalst's SPOC may not create a need of Gent, nor edit one.
  EXPECT_EQ(this->needs().create(this->aalst_, good).error().failure, Failure::forbidden);
  const auto n3 =
      this->demo_need("Leerkrachten weten niet hoe ze een gesprek over de thuissituatie starten");
  auto need = this->needs().get(this->aalst_, n3).value();
  need.title = "Overgenomen";
  EXPECT_EQ(this->needs().update(this->aalst_, need).error().failure, Failure::forbidden);
  // Gent's SPOC may not hand her need to Aalst or make it supra-local.
  auto own = this->needs().get(this->gent_, n3).value();
  own.nis_code = "41002";
  EXPECT_NE(this->needs().update(this->gent_, own).error().message_for("nis_code"), "");
  own.nis_code.reset();
  EXPECT_NE(this->needs().update(this->gent_, own).error().message_for("nis_code"), "");
  // A supra-local need is the coordinator's to edit.
  const auto n1 = this->demo_need("Eerstelijnswerkers herkennen ouderenmis(be)handeling niet");
  auto supra = this->needs().get(this->gent_, n1).value();
  EXPECT_EQ(this->needs().update(this->gent_, supra).error().failure, Failure::forbidden);
  EXPECT_EQ(this->fingerprint(), before);
  // A SPOC may create a supra-local need.
  Need supra_new = good;
  supra_new.nis_code.reset();
  EXPECT_TRUE(this->needs().create(this->gent_, supra_new));
}

TYPED_TEST(RecordsService, EveryChangeOfANeedIsInItsTimelineInOrder) {
  const auto a = this->demo_signal("Leerkrachten in het basisonderwijs");
  const auto b = this->demo_signal("Het CLB hoort");
  auto draft = this->needs().draft(this->gent_, {a}).value();
  draft.title = "Leidraad voor gesprekken op school";
  auto created = this->needs().create(this->gent_, draft);
  ASSERT_TRUE(created);
  Need n = created.value();
  this->server_->clock().advance(60);
  n.description = "Scholen vragen een leidraad.";
  ASSERT_TRUE(this->needs().update(this->gent_, n));
  this->server_->clock().advance(60);
  n.status = "in_progress";
  ASSERT_TRUE(this->needs().update(this->gent_, n));
  this->server_->clock().advance(60);
  ASSERT_TRUE(this->needs().link_signal(this->gent_, n.id, b));
  EXPECT_FALSE(this->needs().link_signal(this->gent_, n.id, b));  // already in it
  this->server_->clock().advance(60);
  n.signal_ids = {b};  // takes a out
  n.status = "not_addressed";
  n.status_reason = "Het onderwijs neemt dit zelf op.";
  ASSERT_TRUE(this->needs().update(this->gent_, n));
  auto entries = this->server_->db().run(
      [&](soci::session& sql) { return TimelineStore::entries(sql, "need", n.id); });
  std::vector<std::string> summaries;
  for (const auto& e : entries) summaries.push_back(e.event + ": " + e.summary);
  const std::string a_label = "#" + std::to_string(a);
  const std::string b_label = "#" + std::to_string(b);
  ASSERT_EQ(summaries.size(), 7u) << ::testing::PrintToString(summaries);
  EXPECT_EQ(summaries[0], "created: Nood benoemd: Leidraad voor gesprekken op school");
  EXPECT_TRUE(summaries[1].starts_with("linked: Signaal gekoppeld: " + a_label + " uit Gent"));
  EXPECT_EQ(summaries[2], "edited: Aangepast: beschrijving");
  EXPECT_EQ(summaries[3], "status: Status gewijzigd: open → wordt aangepakt");
  EXPECT_TRUE(summaries[4].starts_with("linked: Signaal gekoppeld: " + b_label));
  EXPECT_EQ(summaries[5],
            "status: Status gewijzigd: wordt aangepakt → niet aangepakt (reden: Het onderwijs "
            "neemt dit zelf op.)");
  EXPECT_TRUE(summaries[6].starts_with("unlinked: Signaal losgekoppeld: " + a_label));
  // The need's story: its entries, its signal's observation, and the entries of
  // an action that answers it, oldest first.
  long long action = 0;
  const long long nid = n.id;
  const auto later = this->server_->clock().now() + 60;
  this->server_->db().transact([&](soci::session& sql) {
    sql << "INSERT INTO actions (title, owner_kind, starts_on, status_id, created_at, updated_at) "
           "VALUES ('Leidraad', 'partner', '2026-01-01', (SELECT MIN(id) FROM action_statuses), "
           "1, 1) RETURNING id",
        soci::into(action);
    sql << "INSERT INTO action_needs (action_id, need_id) VALUES (:a, :n)", soci::use(action),
        soci::use(nid);
    TimelineStore::append(
        sql, {0, "action", action, later, std::nullopt, "created", "Actie gestart: Leidraad"});
  });
  auto story = this->needs().story(this->gent_, n.id);
  ASSERT_TRUE(story);
  const auto& lines = story.value().lines;
  ASSERT_EQ(lines.size(), 9u);              // 7 own entries, 1 signal, 1 action entry
  EXPECT_EQ(lines.front().kind, "signal");  // observed before the need was named
  EXPECT_EQ(lines.back().kind, "action");
  EXPECT_EQ(lines.back().summary, "Actie gestart: Leidraad");
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_LE(lines[i - 1].at, lines[i].at);
  EXPECT_EQ(story.value().signals.size(), 1u);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM changes WHERE entity = 'need' AND entity_id = '" +
                        std::to_string(n.id) + "'"),
            5);
}

TYPED_TEST(RecordsService, ThePrivacyGuardRefusesIdentifiersInEveryFreeTextAndStoresNothing) {
  const auto before = this->fingerprint();
  const std::string phone = "Een buurvrouw belt 0470 12 34 56 als het escaleert.";
  const std::string mail = "Meer info via iemand@voorbeeld.be bij de school.";
  const std::vector<std::pair<const char*, std::function<void(Signal&)>>> signal_cases = {
      {"description", [&](Signal& s) { s.description = phone; }},
      {"target_group", [&](Signal& s) { s.target_group = mail; }},
      {"sector", [&](Signal& s) { s.sector = phone; }},
      {"source", [&](Signal& s) { s.source = mail; }},
  };
  for (const auto& [field, spoil] : signal_cases) {
    Signal s = this->good_signal();
    spoil(s);
    auto refused = this->signals().create(this->gent_, s);
    ASSERT_FALSE(refused) << field;
    EXPECT_NE(refused.error().message_for(field).find("Deze tekst bevat een"), std::string::npos)
        << field << ": " << refused.error().message_for(field);
    EXPECT_EQ(refused.error().message_for(field).find("0470"), std::string::npos) << field;
  }
  Need n;
  n.title = "Nood van " + mail;
  n.description = phone;
  n.status = "not_addressed";
  n.status_reason = phone;
  n.themes = {"child_abuse"};
  auto refused = this->needs().create(this->gent_, n);
  ASSERT_FALSE(refused);
  for (const char* field : {"title", "description", "status_reason"})
    EXPECT_NE(refused.error().message_for(field).find("Deze tekst bevat een"), std::string::npos)
        << field;
  EXPECT_EQ(this->fingerprint(), before);
}

TYPED_TEST(RecordsService, TheDemoTextsPassThePrivacyGuard) {
  this->server_->db().run([&](soci::session& sql) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT description || ' ' || target_group || ' ' || sector || ' ' || "
                        "source FROM signals UNION ALL SELECT title || ' ' || description FROM "
                        "needs UNION ALL SELECT summary FROM signal_timeline");
    int checked = 0;
    for (const auto& r : rows) {
      const auto text = r.get<std::string>(0);
      EXPECT_TRUE(find_identifiers(text).empty()) << text;
      ++checked;
    }
    EXPECT_GT(checked, 20);
  });
}

TYPED_TEST(RecordsService, NewSignalsAreRateLimited) {
  for (int i = 0; i < signals_per_hour; ++i)
    ASSERT_TRUE(this->signals().create(this->gent_, this->good_signal())) << i;
  const auto before = this->fingerprint();
  auto refused = this->signals().create(this->gent_, this->good_signal());
  EXPECT_EQ(refused.error().failure, Failure::busy);
  EXPECT_EQ(this->fingerprint(), before);
  this->server_->clock().advance(3601);
  EXPECT_TRUE(this->signals().create(this->gent_, this->good_signal()));
}

TYPED_TEST(RecordsService, NewNeedsAreRateLimited) {
  Need n;
  n.title = "Een bovenlokale nood";
  n.themes = {"elder_abuse"};
  for (int i = 0; i < needs_per_hour; ++i) ASSERT_TRUE(this->needs().create(this->gent_, n)) << i;
  const auto before = this->fingerprint();
  EXPECT_EQ(this->needs().create(this->gent_, n).error().failure, Failure::busy);
  EXPECT_EQ(this->fingerprint(), before);
  this->server_->clock().advance(3601);
  EXPECT_TRUE(this->needs().create(this->gent_, n));
}

}  // namespace
}  // namespace schakel::signals
