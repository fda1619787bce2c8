// The read API /api/v1 on a demo server with a real search index.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "catalog/store.hpp"
#include "test_support.hpp"

namespace schakel::catalog {
namespace {

using nlohmann::json;
using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::http_get;
using schakel::testing::http_post;
using schakel::testing::HttpReply;
using schakel::testing::TestServer;

Config demo_config() {
  Config config;
  config.allow_demo_accounts = true;
  return config;
}

// The Cookie header line of a new session of the demo professional.
std::string professional_cookie(TestServer& server) {
  return schakel::testing::session_cookie(server, "professional@demo.schakel.be");
}

json body_of(const HttpReply& reply) {
  auto parsed = json::parse(reply.body, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << reply.body;
  return parsed;
}

// A published resource only signed-in professionals may see, with a theme and a
// municipality that no demo resource has.
void add_professionals_resource(TestServer& server) {
  server.db().transact([&](soci::session& sql) {
    sql << "INSERT INTO vocabulary_terms (vocabulary, slug, label, position) VALUES "
           "('theme', 'stalking', 'Stalking', 99)";
  });
  Resource r;
  r.slug = "draaiboek-huisbezoek";
  r.kind = "tool";
  r.title = "Draaiboek huisbezoek bij vermoeden van mishandeling";
  r.summary = "Alleen voor professionals: een draaiboek voor een huisbezoek.";
  r.scope = "local";
  r.owner_nis_code = "71016";
  r.visibility = "professionals";
  r.status = "published";
  r.themes = {"stalking"};
  r.tracks = {"care"};
  const std::int64_t now = server.clock().now();
  r.published_at = now;
  server.db().transact([&](soci::session& sql) { CatalogStore::insert(sql, r, now); });
}

// Waits until a search as `cookie` for `target` satisfies `done` (the index
// follows the change feed), up to five seconds.
json wait_for(TestServer& server, const std::string& target, const std::string& cookie,
              const std::function<bool(const json&)>& done) {
  json last;
  for (int i = 0; i < 100; ++i) {
    auto reply = http_get(server.port(), target, cookie);
    last = json::parse(reply.body, nullptr, false);
    if (reply.status == 200 && !last.is_discarded() && done(last)) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "gave up waiting for " << target << ": " << last.dump();
  return last;
}

bool has_slug(const json& items, const std::string& slug) {
  for (const auto& item : items)
    if (item.value("slug", "") == slug) return true;
  return false;
}

bool facet_has(const json& body, const std::string& facet, const std::string& value) {
  for (const auto& v : body["facets"][facet])
    if (v.value("value", "") == value) return true;
  return false;
}

template <class B>
class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
TYPED_TEST_SUITE(ApiTest, Backends, BackendNames);

TYPED_TEST(ApiTest, SearchFindsResourcesWithFacetsAndPages) {
  TestServer server(TypeParam::backend, demo_config(), true);
  auto reply = http_get(server.port(), "/api/v1/resources?q=mishandeling");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type").rfind("application/json", 0), 0u);
  EXPECT_NE(reply.header("Cache-Control").find("max-age"), std::string::npos);
  auto body = body_of(reply);
  EXPECT_GT(body["total"].get<int>(), 0);
  ASSERT_FALSE(body["items"].empty());
  const auto& item = body["items"][0];
  for (const char* key : {"id", "slug", "title", "summary", "kind", "url", "published_at"})
    EXPECT_TRUE(item.contains(key)) << key;
  EXPECT_EQ(item["url"].get<std::string>(),
            server.app().base_url() + "/kennisbank/" + item["slug"].get<std::string>());
  EXPECT_EQ(item["published_at"].get<std::string>().size(), 20u);  // 2026-05-28T20:26:40Z
  EXPECT_EQ(body["page"], 1);
  EXPECT_EQ(body["per_page"], 20);
  for (const char* facet :
       {"kind", "theme", "track", "audience", "age_group", "scope", "municipality", "evidence"})
    EXPECT_TRUE(body["facets"].contains(facet)) << facet;

  // Everything, one per page.
  auto all = body_of(http_get(server.port(), "/api/v1/resources?per_page=1&page=2&sort=date"));
  EXPECT_EQ(all["per_page"], 1);
  EXPECT_EQ(all["page"], 2);
  EXPECT_EQ(all["pages"], all["total"]);
  EXPECT_EQ(all["items"].size(), 1u);
}

TYPED_TEST(ApiTest, FiltersCombineWithOrWithinAFacet) {
  TestServer server(TypeParam::backend, demo_config(), true);
  auto count_for = [&](const std::string& query) {
    auto reply = http_get(server.port(), "/api/v1/resources?" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return body_of(reply)["total"].get<int>();
  };
  const int child = count_for("theme=child_abuse");
  const int elder = count_for("theme=elder_abuse");
  const int either = count_for("theme=child_abuse&theme=elder_abuse");
  EXPECT_GT(child, 0);
  EXPECT_GT(elder, 0);
  EXPECT_GE(either, std::max(child, elder));
  EXPECT_LE(either, child + elder);

  // The counts of the theme facet ignore the theme selection itself (OR), and
  // the selected values say so.
  auto body = body_of(http_get(server.port(), "/api/v1/resources?theme=child_abuse"));
  bool found_selected = false, found_other = false;
  for (const auto& v : body["facets"]["theme"]) {
    if (v["value"] == "child_abuse") {
      found_selected = v["selected"].get<bool>();
      EXPECT_EQ(v["count"].get<int>(), child);
    }
    if (v["value"] == "elder_abuse") {
      found_other = true;
      EXPECT_FALSE(v["selected"].get<bool>());
      EXPECT_EQ(v["count"].get<int>(), elder);
    }
  }
  EXPECT_TRUE(found_selected);
  EXPECT_TRUE(found_other);
  EXPECT_EQ(body["total"], child);
  // Across facets: AND.
  EXPECT_LE(count_for("theme=child_abuse&track=care"), child);
}

TYPED_TEST(ApiTest, BadParametersAreJsonErrorsWithTheField) {
  TestServer server(TypeParam::backend, demo_config(), true);
  struct Case {
    std::string query;
    std::string field;
  };
  for (const auto& c : std::vector<Case>{{"page=abc", "page"},
                                         {"page=0", "page"},
                                         {"page=-1", "page"},
                                         {"per_page=1000", "per_page"},
                                         {"per_page=0", "per_page"},
                                         {"sort=oldest", "sort"},
                                         {"q=" + std::string(600, 'a'), "q"}}) {
    auto reply = http_get(server.port(), "/api/v1/resources?" + c.query);
    EXPECT_EQ(reply.status, 400) << c.query;
    EXPECT_EQ(reply.header("Content-Type").rfind("application/json", 0), 0u) << c.query;
    auto body = body_of(reply);
    EXPECT_EQ(body["error"]["status"], 400) << c.query;
    EXPECT_EQ(body["error"]["field"], c.field) << c.query;
    EXPECT_FALSE(body["error"].value("message", std::string()).empty()) << c.query;
  }
}

TYPED_TEST(ApiTest, UnknownPathsAndMethodsAnswerJson) {
  TestServer server(TypeParam::backend, demo_config(), true);
  for (const char* path : {"/api/v1/bestaat-niet", "/api/v1/resources/a/b", "/api/v2/resources",
                           "/api/v1/resources/bestaat-niet"}) {
    auto reply = http_get(server.port(), path);
    EXPECT_EQ(reply.status, 404) << path;
    EXPECT_EQ(reply.header("Content-Type").rfind("application/json", 0), 0u) << path;
    EXPECT_EQ(body_of(reply)["error"]["status"], 404) << path;
  }
  auto post = http_post(server.port(), "/api/v1/resources", "");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(body_of(post)["error"]["status"], 405);
  EXPECT_NE(post.header("Allow").find("GET"), std::string::npos);
  // A broken query string.
  auto broken = http_get(server.port(), "/api/v1/resources?q=%zz");
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(body_of(broken)["error"]["status"], 400);
}

TYPED_TEST(ApiTest, OneResourceWithItsVocabularies) {
  TestServer server(TypeParam::backend, demo_config(), true);
  auto reply = http_get(server.port(), "/api/v1/resources/barst");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = body_of(reply);
  EXPECT_EQ(body["slug"], "barst");
  EXPECT_EQ(body["title"], "Barst?! met IFG-module");
  EXPECT_EQ(body["kind"], "tool");
  EXPECT_FALSE(body["body"].get<std::string>().empty());
  EXPECT_EQ(body["themes"][0]["slug"], "child_abuse");
  EXPECT_EQ(body["themes"][0]["label"], "Kindermishandeling");
  EXPECT_EQ(body["tracks"][0]["slug"], "prevention");
  EXPECT_EQ(body["audiences"].size(), 2u);
  EXPECT_EQ(body["age_groups"][0]["slug"], "secondary_school");
  EXPECT_TRUE(body["municipality"].is_null());
}

TYPED_TEST(ApiTest, DraftsAreNotFound) {
  TestServer server(TypeParam::backend, demo_config(), true);
  Resource r;
  r.slug = "ontwerp-fiche";
  r.kind = "tool";
  r.title = "Ontwerp";
  r.summary = "Nog niet klaar.";
  r.status = "draft";
  server.db().transact(
      [&](soci::session& sql) { CatalogStore::insert(sql, r, server.clock().now()); });
  EXPECT_EQ(http_get(server.port(), "/api/v1/resources/ontwerp-fiche").status, 404);
  EXPECT_EQ(http_get(server.port(), "/api/v1/resources/ontwerp-fiche", professional_cookie(server))
                .status,
            404);
}

TYPED_TEST(ApiTest, ProfessionalsOnlyResourceIsHiddenFromAnonymousCallers) {
  TestServer server(TypeParam::backend, demo_config(), true);
  add_professionals_resource(server);
  const std::string cookie = professional_cookie(server);
  const std::string target = "/api/v1/resources?q=draaiboek%20huisbezoek";

  // Signed in: found once the index has it, with its facet values.
  auto pro = wait_for(server, target, cookie,
                      [](const json& b) { return has_slug(b["items"], "draaiboek-huisbezoek"); });
  EXPECT_TRUE(facet_has(pro, "theme", "stalking"));
  EXPECT_TRUE(facet_has(pro, "municipality", "71016"));
  auto pro_reply = http_get(server.port(), "/api/v1/resources/draaiboek-huisbezoek", cookie);
  EXPECT_EQ(pro_reply.status, 200);
  EXPECT_EQ(pro_reply.header("Cache-Control"), "private, no-store");

  // Anonymous: not in the items, not in any facet count, not by slug.
  for (const std::string& query : {target, std::string("/api/v1/resources?per_page=100"),
                                   std::string("/api/v1/resources?theme=stalking"),
                                   std::string("/api/v1/resources?municipality=71016")}) {
    auto reply = http_get(server.port(), query);
    ASSERT_EQ(reply.status, 200) << query;
    auto body = body_of(reply);
    EXPECT_FALSE(has_slug(body["items"], "draaiboek-huisbezoek")) << query;
    EXPECT_FALSE(reply.body.find("draaiboek") != std::string::npos) << query;
    for (const auto& v : body["facets"]["theme"]) {
      if (v["value"] == "stalking") {
        EXPECT_EQ(v["count"], 0) << query;
      }
    }
    for (const auto& v : body["facets"]["municipality"]) {
      if (v["value"] == "71016") {
        EXPECT_EQ(v["count"], 0) << query;
      }
    }
  }
  auto anonymous = http_get(server.port(), "/api/v1/resources/draaiboek-huisbezoek");
  EXPECT_EQ(anonymous.status, 404);
  EXPECT_EQ(body_of(anonymous)["error"]["status"], 404);
}

TYPED_TEST(ApiTest, ThemesHaveSlugAndLabel) {
  TestServer server(TypeParam::backend, demo_config(), true);
  auto reply = http_get(server.port(), "/api/v1/themes");
  ASSERT_EQ(reply.status, 200);
  auto body = body_of(reply);
  std::set<std::string> slugs;
  for (const auto& t : body["items"]) {
    slugs.insert(t["slug"].get<std::string>());
    EXPECT_FALSE(t["label"].get<std::string>().empty());
  }
  EXPECT_TRUE(slugs.count("child_abuse"));
  EXPECT_TRUE(slugs.count("partner_violence"));
}

}  // namespace
}  // namespace schakel::catalog
