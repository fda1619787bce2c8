// The newsletter's rules on fixed people, on SQLite and PostgreSQL: who each
// segment reaches (hand-computed below), the template of a period's news, the
// send that happens once with its mails spread over the minutes, and drafts
// that only coordinators see.
#include "digest/newsletter_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "accounts/password.hpp"
#include "accounts/store.hpp"
#include "digest/newsletter_store.hpp"
#include "digest/preference_store.hpp"
#include "network/store.hpp"
#include "test_support.hpp"

namespace schakel::digest {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::TestServer;

// The people of every test, by short name:
//   prof      professional, no municipality
//   prof_gent professional living in Gent (44021)
//   prof_off  professional who turned the newsletter off
//   pending   professional who never confirmed the address
//   spoc_gent SPOC of Gent
//   spoc_aalst SPOC of Aalst (41002)
//   spoc_aalst_off SPOC of Aalst who turned the newsletter off
//   coord     coordinator living in Gent
//   admin     admin
//   prof_nopv professional who gets nothing about partner violence
//   spoc_nopv SPOC of Gent who gets nothing about partner violence (but
//             meetings, which have no themes, as by default)
//   prof_ca   professional who gets only resources about child abuse
// Expected (active, newsletter on):
//   role professional: prof, prof_gent, prof_nopv, prof_ca            = 4
//   role spoc: spoc_gent, spoc_aalst, spoc_nopv                       = 3
//   role coordinator: coord                                           = 1
//   municipality 44021: prof_gent, spoc_gent, spoc_nopv, coord        = 4
//   SPOCs of 41002: spoc_aalst                                        = 1
//   theme partner_violence: prof, prof_gent, spoc_gent, spoc_aalst, coord, admin = 6
//   theme child_abuse: those six and prof_nopv, prof_ca, spoc_nopv    = 9
template <class B>
class NewsletterServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = std::make_unique<TestServer>(B::backend, Config{}, false, [](App& app) {
      app.add_news_source({"test.news", news_items});
    });
    const auto hash = accounts::hash_password("een lang wachtwoord");
    const std::int64_t now = server_->clock().now();
    db().transact([&](soci::session& sql) {
      network::NetworkStore::add_membership(sql, "44021", now - 100, false, false, now);
      network::NetworkStore::add_membership(sql, "41002", now - 100, false, false, now);
      auto add = [&](const std::string& name, Role role, const std::string& nis,
                     const std::string& status = "active") {
        accounts::NewUser u{name + "@voorbeeld.be", name, "", role, nis, false};
        u.status = status;
        ids_[name] = accounts::UserStore::insert(sql, u, hash, now);
      };
      add("prof", Role::professional, "");
      add("prof_gent", Role::professional, "44021");
      add("prof_off", Role::professional, "");
      add("pending", Role::professional, "", "pending");
      add("spoc_gent", Role::spoc, "44021");
      add("spoc_aalst", Role::spoc, "41002");
      add("spoc_aalst_off", Role::spoc, "41002");
      add("coord", Role::coordinator, "44021");
      add("admin", Role::admin, "");
      add("prof_nopv", Role::professional, "");
      add("prof_ca", Role::professional, "");
      add("spoc_nopv", Role::spoc, "44021");
      const Preference off{Kind::newsletter, "", Frequency::none};
      PreferenceStore::replace(sql, ids_["prof_off"], {off}, now);
      PreferenceStore::replace(sql, ids_["spoc_aalst_off"], {off}, now);
      PreferenceStore::replace(sql, ids_["prof_nopv"],
                               {{Kind::resources, "partner_violence", Frequency::none},
                                {Kind::trainings, "partner_violence", Frequency::none},
                                {Kind::initiatives, "partner_violence", Frequency::none}},
                               now);
      PreferenceStore::replace(sql, ids_["spoc_nopv"],
                               {{Kind::resources, "partner_violence", Frequency::none},
                                {Kind::trainings, "partner_violence", Frequency::none},
                                {Kind::initiatives, "partner_violence", Frequency::none}},
                               now);
      PreferenceStore::replace(sql, ids_["prof_ca"],
                               {{Kind::resources, "", Frequency::none},
                                {Kind::trainings, "", Frequency::none},
                                {Kind::initiatives, "", Frequency::none},
                                {Kind::resources, "child_abuse", Frequency::weekly}},
                               now);
    });
  }

  // A fixed source of news: what a feature's source would answer for [from, until).
  static std::vector<NewsItem> news_items(soci::session&, std::int64_t from, std::int64_t until) {
    // 2026-05-10 12:00, 2026-04-30 23:30 and 2026-05-28 23:00 Brussels (CEST).
    const std::int64_t may_10 = 1'778'407'200, april_30_late = 1'777'584'600,
                       may_28_late = 1'780'002'000;
    std::vector<NewsItem> all = {
        {"resources",
         "resource:1",
         "Gids [nieuw]",
         "Een gids voor *scholen*.",
         "/kennisbank/gids",
         {"child_abuse"},
         may_10},
        {"trainings", "training:1", "Netwerkvorming", "", "/vorming/intern", {}, may_10, true},
        {"initiatives", "initiative:1", "Persoonlijk", "", "/kennisbank/p", {}, may_10, false, {7}},
        {"meetings", "meeting:1", "Overleg", "", "/netwerk/overleg/1", {}, may_10},
        {"resources", "resource:2", "Te vroeg", "", "/kennisbank/vroeg", {}, april_30_late},
        {"trainings", "training:2", "Laatste dag", "", "/vorming/laat", {}, may_28_late},
    };
    std::vector<NewsItem> out;
    for (auto& item : all)
      if (item.at >= from && item.at < until) out.push_back(item);
    return out;
  }

  store::Database& db() { return server_->db(); }
  App& app() { return server_->app(); }
  web::Principal person(const std::string& name, Role role) {
    return web::Principal{ids_[name], name, name + "@voorbeeld.be", role, "", {}, true, false};
  }
  std::set<std::string> names(const NewsletterSegment& segment) {
    std::set<std::string> out;
    for (const auto& r : NewsletterService(app()).recipients(segment))
      for (const auto& [name, id] : ids_)
        if (id == r.user_id) out.insert(name);
    return out;
  }
  int count(const std::string& query) {
    int n = 0;
    db().run([&](soci::session& sql) { sql << query, soci::into(n); });
    return n;
  }
  std::int64_t draft(const std::string& subject = "Nieuws") {
    auto made = NewsletterService(app()).create(person("coord", Role::coordinator),
                                                {subject, "## Hallo\n\nNieuws van het netwerk."});
    EXPECT_TRUE(made.ok());
    return made.ok() ? made.value().id : 0;
  }

  std::unique_ptr<TestServer> server_;
  std::map<std::string, std::int64_t> ids_;
};
TYPED_TEST_SUITE(NewsletterServiceTest, Backends, BackendNames);

NewsletterSegment role_segment(Role role) {
  NewsletterSegment s;
  s.role = role;
  return s;
}

NewsletterSegment segment_of(NewsletterSegment::By by, const std::string& value) {
  NewsletterSegment s;
  s.by = by;
  s.value = value;
  return s;
}

TYPED_TEST(NewsletterServiceTest, EachSegmentReachesTheHandCountedPeople) {
  using By = NewsletterSegment::By;
  using Names = std::set<std::string>;
  EXPECT_EQ(this->names(role_segment(Role::professional)),
            (Names{"prof", "prof_gent", "prof_nopv", "prof_ca"}));
  EXPECT_EQ(this->names(role_segment(Role::spoc)), (Names{"spoc_gent", "spoc_aalst", "spoc_nopv"}));
  EXPECT_EQ(this->names(role_segment(Role::coordinator)), (Names{"coord"}));
  EXPECT_EQ(this->names(segment_of(By::municipality, "44021")),
            (Names{"prof_gent", "spoc_gent", "spoc_nopv", "coord"}));
  EXPECT_EQ(this->names(segment_of(By::municipality_spocs, "41002")), (Names{"spoc_aalst"}));
  EXPECT_EQ(this->names(segment_of(By::municipality_spocs, "44021")),
            (Names{"spoc_gent", "spoc_nopv"}));
  EXPECT_EQ(this->names(segment_of(By::theme, "partner_violence")),
            (Names{"prof", "prof_gent", "spoc_gent", "spoc_aalst", "coord", "admin"}));
  EXPECT_EQ(this->names(segment_of(By::theme, "child_abuse")),
            (Names{"prof", "prof_gent", "spoc_gent", "spoc_aalst", "coord", "admin", "prof_nopv",
                   "prof_ca", "spoc_nopv"}));
}

TYPED_TEST(NewsletterServiceTest, TheFormsSegmentIsCheckedAgainstMembersAndThemes) {
  NewsletterService service(this->app());
  EXPECT_EQ(service.segment("spocs", "", "").value().key(), "role:spoc");
  EXPECT_EQ(service.segment("municipality", "44021", "").value().key(), "municipality:44021");
  EXPECT_EQ(service.segment("theme", "", "elder_abuse").value().key(), "theme:elder_abuse");
  const auto unknown = service.segment("iedereen", "", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.front().field, "segment");
  // Hasselt (71072) is a municipality but no member.
  const auto outsider = service.segment("municipality_spocs", "71072", "");
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().message_for("municipality"), "Kies een gemeente van het netwerk.");
  EXPECT_FALSE(service.segment("theme", "", "geen_thema").ok());
  EXPECT_FALSE(service.segment("municipality", "", "").ok());
}

TYPED_TEST(NewsletterServiceTest, TheTemplateListsThePeriodsPublicNewsWithAbsoluteLinks) {
  NewsletterService service(this->app());
  const auto body = service.template_body({"2026-05-01", "2026-05-28"});
  ASSERT_TRUE(body.ok());
  const std::string& md = body.value();
  const std::string base = this->app().base_url();
  EXPECT_NE(md.find("## Nieuw in de kennisbank\n\n- [Gids \\[nieuw\\]](" + base +
                    "/kennisbank/gids): Een gids voor \\*scholen\\*."),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Nieuwe vormingen\n\n- [Laatste dag](" + base + "/vorming/laat)"),
            std::string::npos)
      << "the last day is included";
  for (const char* hidden : {"Netwerkvorming", "Persoonlijk", "Overleg", "Te vroeg"})
    EXPECT_EQ(md.find(hidden), std::string::npos) << hidden;
  EXPECT_NE(md.find("1 mei 2026 tot en met 28 mei 2026"), std::string::npos) << md;

  const auto reversed = service.template_body({"2026-05-28", "2026-05-01"});
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().message_for("until"),
            "De einddatum ligt voor de begindatum. Kies een latere einddatum.");
  const auto malformed = service.template_body({"gisteren", "2026-02-30"});
  ASSERT_FALSE(malformed.ok());
  EXPECT_FALSE(malformed.error().message_for("from").empty());
  EXPECT_FALSE(malformed.error().message_for("until").empty());
  EXPECT_FALSE(service.template_body({"2024-01-01", "2026-05-01"}).ok()) << "over a year";
}

TYPED_TEST(NewsletterServiceTest, ASendHappensOnceWithOneMailPerPersonSpreadOverMinutes) {
  const auto id = this->draft();
  const std::int64_t now = this->server_->clock().now();
  NewsletterService service(this->app(), 2);  // two mails a minute
  const auto coord = this->person("coord", Role::coordinator);
  const auto professionals = role_segment(Role::professional);
  // The confirmed number must be the number now.
  const auto stale = service.send(coord, id, professionals, 5);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().failure, Failure::conflict);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox"), 0);

  const auto sent = service.send(coord, id, professionals, 4);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent.value(), 4);
  const auto again = service.send(coord, id, professionals, 4);  // a double click
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().failure, Failure::conflict);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox"), 4);
  EXPECT_EQ(this->count("SELECT COUNT(DISTINCT recipient) FROM mail_outbox"), 4);

  // Recipients by send_at: with 2 a minute, mails 0 and 1 now, 2 and 3 a minute later.
  const auto recorded =
      this->db().run([&](soci::session& sql) { return NewsletterStore::recipients(sql, id); });
  ASSERT_EQ(recorded.size(), 4u);
  EXPECT_EQ(recorded[0].second, now);
  EXPECT_EQ(recorded[1].second, now);
  EXPECT_EQ(recorded[2].second, now + 60);
  EXPECT_EQ(recorded[3].second, now + 60);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox WHERE next_attempt_at = " +
                        std::to_string(now + 60)),
            2);
  const auto letter = service.find(std::nullopt, id);
  ASSERT_TRUE(letter.ok());
  EXPECT_EQ(letter.value().status, NewsletterStatus::sent);
  EXPECT_EQ(letter.value().recipient_count, 4);
  EXPECT_EQ(letter.value().segment, "role:professional");
  // A sent newsletter no longer changes.
  EXPECT_EQ(service.update(coord, id, {"Anders", "Anders"}).error().failure, Failure::conflict);
}

TYPED_TEST(NewsletterServiceTest, TwoSendsAtOnceQueueOneMailPerPerson) {
  const auto id = this->draft();
  const auto coord = this->person("coord", Role::coordinator);
  const auto spocs = role_segment(Role::spoc);
  std::atomic<int> succeeded{0};
  std::vector<std::thread> clicks;
  for (int i = 0; i < 4; ++i)
    clicks.emplace_back([&] {
      if (NewsletterService(this->app()).send(coord, id, spocs, 3).ok()) ++succeeded;
    });
  for (auto& t : clicks) t.join();
  EXPECT_EQ(succeeded.load(), 1);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM mail_outbox"), 3);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM newsletter_recipients"), 3);
}

TYPED_TEST(NewsletterServiceTest, ANewsletterToTheNetworkStaysOutOfThePublicArchive) {
  const auto coord = this->person("coord", Role::coordinator);
  const auto prof = this->person("prof", Role::professional);
  const auto spoc = this->person("spoc_aalst", Role::spoc);
  NewsletterService service(this->app());
  const auto to_spocs = this->draft("Voor de SPOC's");
  ASSERT_TRUE(service.send(coord, to_spocs, role_segment(Role::spoc), 3).ok());
  EXPECT_TRUE(service.archive(std::nullopt).empty());
  EXPECT_TRUE(service.archive(prof).empty());
  EXPECT_EQ(service.find(std::nullopt, to_spocs).error().failure, Failure::not_found);
  EXPECT_EQ(service.find(prof, to_spocs).error().failure, Failure::not_found);
  EXPECT_TRUE(service.find(spoc, to_spocs).ok());
  ASSERT_EQ(service.archive(spoc).size(), 1u);

  const auto to_all = this->draft("Voor iedereen");
  ASSERT_TRUE(service.send(coord, to_all, role_segment(Role::professional), 4).ok());
  ASSERT_EQ(service.archive(std::nullopt).size(), 1u);
  EXPECT_EQ(service.archive(std::nullopt).front().id, to_all);
  EXPECT_TRUE(service.find(std::nullopt, to_all).ok());
  EXPECT_EQ(service.archive(spoc).size(), 2u);
}

TYPED_TEST(NewsletterServiceTest, DraftsAreOnlyForCoordinators) {
  const auto id = this->draft();
  NewsletterService service(this->app());
  EXPECT_EQ(service.find(std::nullopt, id).error().failure, Failure::not_found);
  for (const auto& who :
       {this->person("prof", Role::professional), this->person("spoc_gent", Role::spoc),
        this->person("admin", Role::admin)}) {
    EXPECT_EQ(service.find(who, id).error().failure, Failure::not_found) << who.name;
    EXPECT_EQ(service.create(who, {"X", "Y"}).error().failure, Failure::forbidden) << who.name;
    EXPECT_EQ(service.send(who, id, role_segment(Role::spoc), 3).error().failure,
              Failure::forbidden);
  }
  EXPECT_TRUE(service.find(this->person("coord", Role::coordinator), id).ok());
  EXPECT_TRUE(service.archive(std::nullopt).empty());
  EXPECT_EQ(service.unsent().size(), 1u);
}

TYPED_TEST(NewsletterServiceTest, BadDraftsAndEmptySegmentsChangeNothing) {
  NewsletterService service(this->app());
  const auto coord = this->person("coord", Role::coordinator);
  const auto bad = service.create(coord, {"", std::string(50'001, 'x')});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().failure, Failure::invalid);
  EXPECT_EQ(this->count("SELECT COUNT(*) FROM newsletters"), 0);
  const auto id = this->draft("Eerste versie");
  EXPECT_FALSE(service.update(coord, id, {"Nieuw", ""}).ok());
  EXPECT_EQ(service.find(coord, id).value().subject, "Eerste versie");
  // Hasselt has no members: nobody to send to, and the draft stays a draft.
  NewsletterSegment nobody;
  nobody.by = NewsletterSegment::By::municipality_spocs;
  nobody.value = "71072";
  const auto empty = service.send(coord, id, nobody, 0);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message_for("segment"),
            "Niemand in deze groep krijgt de nieuwsbrief. Kies een andere groep.");
  EXPECT_EQ(service.find(coord, id).value().status, NewsletterStatus::draft);
  EXPECT_EQ(
      service.update(this->person("coord", Role::coordinator), 999'999, {"A", "B"}).error().failure,
      Failure::not_found);
}

}  // namespace
}  // namespace schakel::digest
