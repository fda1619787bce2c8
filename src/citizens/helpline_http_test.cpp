// The way to help through HTTP: the home page and /hulp/1712 for a citizen (tel:
// links, open now, no cookie, never a stale state from the page cache), and the
// coordinator's editor with its refusals of bad input.
#include <gtest/gtest.h>

#include "citizens/helpline_store.hpp"
#include "test_support.hpp"

namespace schakel::citizens {
namespace {

using schakel::testing::demo_server;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::session_cookie;
using schakel::testing::TestServer;

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string body_of(const Fields& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + encode(v);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

template <class B>
class HelplineHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    SCHAKEL_REQUIRE_BACKEND(B::backend);
    server_ = demo_server(B::backend);
    coordinator_ = session_cookie(*server_, "coordinator@demo.schakel.be", &csrf_);
  }
  // The editor's form as the demo fills it, with `changes` applied.
  Fields editor_form(const Fields& changes = {}) {
    Fields f = {{"_csrf", csrf_},
                {"phone_offered", "1"},
                {"phone_address", "1712"},
                {"chat_offered", "1"},
                {"chat_address", "https://www.1712.be/nl"},
                {"email_offered", "1"},
                {"email_address", "https://www.1712.be/nl"},
                {"email_always", "1"}};
    for (const char* day : {"mon", "tue", "wed", "thu", "fri"})
      f.push_back({std::string("phone_") + day, "09:00-17:00"});
    for (const char* day : {"tue", "wed", "thu"})
      f.push_back({std::string("chat_") + day, "17:00-19:00"});
    for (const auto& [k, v] : changes) {
      bool replaced = false;
      for (auto& field : f)
        if (field.first == k) field.second = v, replaced = true;
      if (!replaced) f.push_back({k, v});
    }
    return f;
  }
  testing::HttpReply post(const std::string& path, const Fields& fields,
                          const std::string& cookie) {
    return http_post(server_->port(), path, body_of(fields), "application/x-www-form-urlencoded",
                     cookie);
  }
  // Everything the editor can change, as text, to show that nothing changed.
  std::string snapshot() {
    std::string out;
    HelplineStore store(server_->db());
    for (const auto& c : store.channels()) {
      out += std::string(kind_key(c.kind)) + c.address + (c.offered ? "+" : "-") +
             (c.schedule.always_open ? "A" : "H");
      for (const auto& day : c.schedule.days) out += "|" + format_day_ranges(day);
    }
    for (const auto& d : store.closing_days_from("0000-00-00")) out += ";" + d.day + d.name;
    return out;
  }
  // Moves the server's clock forward to `date` at `time` in Brussels.
  void move_to(const std::string& date, const std::string& time) {
    const auto target = brussels_to_utc(date, time).value();
    ASSERT_GE(target, server_->clock().now());
    server_->clock().advance(target - server_->clock().now());
  }
  std::unique_ptr<TestServer> server_;
  std::string coordinator_, csrf_;
};
TYPED_TEST_SUITE(HelplineHttp, schakel::testing::Backends, schakel::testing::BackendNames);

TYPED_TEST(HelplineHttp, ACitizenFindsTheWayToHelpAsTelLinksWithoutACookie) {
  for (const std::string path : {"/", "/hulp/1712"}) {
    auto reply = http_get(this->server_->port(), path);
    ASSERT_EQ(reply.status, 200) << path;
    for (const char* link : {"href=\"tel:1712\"", "href=\"tel:101\"", "href=\"tel:112\""})
      EXPECT_TRUE(contains(reply.body, link)) << path << " lacks " << link;
    EXPECT_TRUE(contains(reply.body, "1712 is geen noodnummer en geen meldpunt.")) << path;
    EXPECT_TRUE(reply.headers("Set-Cookie").empty()) << path;
    EXPECT_EQ(reply.header("Cache-Control"), "no-store") << path;
  }
  auto home = http_get(this->server_->port(), "/");
  EXPECT_TRUE(contains(home.body, "<a href=\"/hulp\">Meer over hulp en hoe je iemand helpt</a>"));
  EXPECT_TRUE(contains(home.body, "<a href=\"/hulp/1712\">"));
  // The old citizen card is gone: 112 is said once in the page's main part.
  const auto start = home.body.find("<main");
  const auto main = home.body.substr(start, home.body.find("</main>") - start);
  EXPECT_EQ(main.find("tel:112"), main.rfind("tel:112"));
  auto page = http_get(this->server_->port(), "/hulp/1712");
  EXPECT_TRUE(contains(page.body, "<title>Praat met 1712 \xE2\x80\x93 "));
  EXPECT_TRUE(contains(page.body, "maandag tot en met vrijdag:</span> 09:00-17:00"));
  EXPECT_TRUE(contains(page.body, ">Zo bereik je 1712</h2>"));  // one "Praat met 1712": the h1
  EXPECT_TRUE(contains(page.body, "Kerstmis"));
  EXPECT_FALSE(contains(page.body, "/hulp/1712/bewerken"));  // only for the coordinator
}

TYPED_TEST(HelplineHttp, OpenNowFollowsTheClockAlsoFromThePageCache) {
  this->move_to("2026-06-01", "10:00");  // a Monday
  for (const std::string path : {"/", "/hulp/1712"}) {
    auto open = http_get(this->server_->port(), path);
    EXPECT_TRUE(contains(open.body, "Nu open tot 17:00.")) << path;
    EXPECT_TRUE(contains(open.body, "Gesloten. Opent morgen om 17:00.")) << path;  // chat
  }
  // Nothing was written since: only the time tells the cache the page is stale.
  this->move_to("2026-06-01", "17:00");
  for (const std::string path : {"/", "/hulp/1712"}) {
    auto closed = http_get(this->server_->port(), path);
    EXPECT_FALSE(contains(closed.body, "Nu open tot 17:00.")) << path;
    EXPECT_TRUE(contains(closed.body, "Gesloten. Opent morgen om 09:00.")) << path;
  }
  // A closing day the coordinator entered: Tuesday closed.
  this->coordinator_ = session_cookie(*this->server_, "coordinator@demo.schakel.be", &this->csrf_);
  ASSERT_EQ(this->post("/hulp/1712/sluitingsdagen",
                       {{"_csrf", this->csrf_}, {"day", "2026-06-02"}, {"name", "Teamdag"}},
                       this->coordinator_)
                .status,
            303);
  auto after = http_get(this->server_->port(), "/");
  EXPECT_TRUE(contains(after.body, "Gesloten. Opent woensdag 3 juni om 09:00.")) << after.body;
}

TYPED_TEST(HelplineHttp, TheCoordinatorChangesTheChatHoursAndAddsAClosingDay) {
  auto editor = http_get(this->server_->port(), "/hulp/1712/bewerken", this->coordinator_);
  ASSERT_EQ(editor.status, 200);
  EXPECT_TRUE(contains(editor.body, "value=\"17:00-19:00\""));
  auto saved = this->post(
      "/hulp/1712/bewerken",
      this->editor_form(
          {{"chat_mon", "09:00-12:00, 13:00-17:00"}, {"chat_tue", ""}, {"phone_address", "17 12"}}),
      this->coordinator_);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(saved.header("Location"), "/hulp/1712/bewerken");
  HelplineStore store(this->server_->db());
  const auto chat = store.channels()[1];
  EXPECT_EQ(format_day_ranges(chat.schedule.days[0]), "09:00-12:00, 13:00-17:00");
  EXPECT_TRUE(chat.schedule.days[1].empty());
  EXPECT_EQ(store.channels()[0].address, "1712");

  auto added =
      this->post("/hulp/1712/sluitingsdagen",
                 {{"_csrf", this->csrf_}, {"day", "2026-07-11"}, {"name", "Vlaamse feestdag"}},
                 this->coordinator_);
  ASSERT_EQ(added.status, 303);
  auto page = http_get(this->server_->port(), "/hulp/1712", this->coordinator_);
  EXPECT_TRUE(contains(page.body, "zaterdag 11 juli 2026: Vlaamse feestdag"));
  EXPECT_TRUE(contains(page.body, "href=\"/hulp/1712/bewerken\""));
  EXPECT_TRUE(contains(page.body, "09:00-12:00, 13:00-17:00"));

  // And removes it again.
  const auto id = store.closing_days_from("2026-07-11").front().id;
  EXPECT_EQ(this->post("/hulp/1712/sluitingsdagen/" + std::to_string(id) + "/verwijderen",
                       {{"_csrf", this->csrf_}}, this->coordinator_)
                .status,
            303);
  EXPECT_NE(store.closing_days_from("2026-07-11").front().day, "2026-07-11");
  EXPECT_EQ(this->post("/hulp/1712/sluitingsdagen/" + std::to_string(id) + "/verwijderen",
                       {{"_csrf", this->csrf_}}, this->coordinator_)
                .status,
            404);
}

TYPED_TEST(HelplineHttp, BadHoursGetAClearDutchMessageAnd422AndChangeNothing) {
  const std::string before = this->snapshot();
  const std::pair<Fields, std::string> cases[] = {
      {{{"chat_tue", "25:00-26:00"}}, "Dinsdag (Chat): 25:00 is geen uur van de dag."},
      {{{"phone_mon", "09:00-12:00, 11:00-13:00"}},
       "Maandag (Telefoon): 09:00-12:00 en 11:00-13:00 overlappen."},
      {{{"chat_fri", "22:00-02:00"}}, "een tijdvak kan niet over middernacht lopen"},
      {{{"chat_sat", "ochtend"}}, "Zaterdag (Chat): &quot;ochtend&quot; is geen tijdvak."},
      {{{"chat_address", "javascript:alert(1)"}}, "Vul het adres van de chat in."},
      {{{"phone_address", "112 of 101"}}, "Vul het telefoonnummer in met alleen cijfers"},
  };
  for (const auto& [changes, message] : cases) {
    // A valid change beside the wrong one: all or nothing.
    Fields fields = changes;
    fields.push_back({"phone_sun", "10:00-11:00"});
    auto reply = this->post("/hulp/1712/bewerken", this->editor_form(fields), this->coordinator_);
    EXPECT_EQ(reply.status, 422) << message;
    std::string lower = reply.body;
    EXPECT_TRUE(contains(reply.body, message) ||
                contains(reply.body,
                         "Vrijdag (Chat): 22:00-02:00: het einde komt niet na het "
                         "begin. Een tijdvak kan niet over middernacht lopen"))
        << message;
    EXPECT_TRUE(contains(reply.body, "aria-invalid=\"true\"")) << message;
    EXPECT_EQ(this->snapshot(), before) << message;
  }
}

TYPED_TEST(HelplineHttp, BadClosingDaysGetAClearDutchMessageAnd422AndChangeNothing) {
  const std::string before = this->snapshot();
  const std::pair<Fields, std::string> cases[] = {
      {{{"day", "2026-02-30"}, {"name", "Geen dag"}}, "Vul een bestaande datum in"},
      {{{"day", "30/12/2026"}, {"name", "Verkeerd geschreven"}}, "Vul een bestaande datum in"},
      {{{"day", "2026-01-01"}, {"name", "Voorbij"}}, "Die datum is al voorbij."},
      {{{"day", "2026-12-25"}, {"name", "Nog eens"}},
       "Op 25 december 2026 is 1712 al gesloten (Kerstmis)."},
      {{{"day", "2026-12-31"}, {"name", " "}}, "Geef de dag een naam"},
  };
  for (const auto& [fields, message] : cases) {
    Fields form = fields;
    form.push_back({"_csrf", this->csrf_});
    auto reply = this->post("/hulp/1712/sluitingsdagen", form, this->coordinator_);
    EXPECT_EQ(reply.status, 422) << message;
    EXPECT_TRUE(contains(reply.body, message)) << message;
    EXPECT_EQ(this->snapshot(), before) << message;
  }
}

TYPED_TEST(HelplineHttp, OnlyTheCoordinatorMayChangeIt) {
  const std::string before = this->snapshot();
  for (const char* email :
       {"professional@demo.schakel.be", "spoc.gent@demo.schakel.be", "admin@demo.schakel.be"}) {
    std::string csrf;
    const auto cookie = session_cookie(*this->server_, email, &csrf);
    auto fields = this->editor_form({{"_csrf", csrf}, {"chat_mon", "09:00-10:00"}});
    EXPECT_EQ(this->post("/hulp/1712/bewerken", fields, cookie).status, 403) << email;
    EXPECT_EQ(this->post("/hulp/1712/sluitingsdagen",
                         {{"_csrf", csrf}, {"day", "2026-12-31"}, {"name", "Oudjaar"}}, cookie)
                  .status,
              403)
        << email;
    EXPECT_EQ(http_get(this->server_->port(), "/hulp/1712/bewerken", cookie).status, 403) << email;
  }
  EXPECT_EQ(this->snapshot(), before);
}

}  // namespace
}  // namespace schakel::citizens
