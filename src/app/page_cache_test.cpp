// The page cache for anonymous visitors never serves a page that a write has
// made stale: not after a write through this node (invalidated before the
// answer), nor after a write by another node or job (the cache checks the
// change feed's position).
#include <gtest/gtest.h>

#include "catalog/service.hpp"
#include "catalog/store.hpp"
#include "test_support.hpp"

namespace schakel {
namespace {

using schakel::testing::http_get;
using schakel::testing::TestServer;

template <class B>
class PageCache : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
using CacheBackends = ::testing::Types<schakel::testing::OnSqlite, schakel::testing::OnPostgres>;
TYPED_TEST_SUITE(PageCache, CacheBackends, schakel::testing::BackendNames);

TYPED_TEST(PageCache, AResourceThatStopsBeingPublicIsNotServedFromTheCache) {
  Config config;
  config.allow_demo_accounts = true;
  TestServer server(TypeParam::backend, config, true);
  const web::Principal coordinator =
      schakel::testing::principal(server, "coordinator@demo.schakel.be");
  catalog::CatalogService service(server.db(), server.clock());
  catalog::Resource r;
  r.kind = "tool";
  r.title = "Openbare fiche";
  r.summary = "Eerst voor iedereen.";
  r.scope = "flemish";
  r.status = "published";
  r.visibility = "public";
  auto created = service.create(coordinator, r);
  ASSERT_TRUE(created.ok());
  const std::string path = "/kennisbank/" + created.value().slug;
  auto first = http_get(server.port(), path);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(http_get(server.port(), path).status, 200);  // now from the cache

  // Written outside this node's request path (as another node would), and
  // acknowledged when update returns.
  catalog::Resource changed = created.value();
  changed.visibility = "network";
  ASSERT_TRUE(service.update(coordinator, changed.id, changed).ok());
  auto after = http_get(server.port(), path);
  EXPECT_TRUE(after.status == 404 || after.status == 403) << after.status;
  EXPECT_EQ(after.body.find("Eerst voor iedereen."), std::string::npos);
}

// The page cache keeps at most --page-cache-entries pages, dropping the least
// recently used one; a hit counts as a use. Counted in /metrics.
TEST(PageCacheBounds, TheLeastRecentlyUsedPageMakesRoom) {
  Config config;
  config.page_cache_entries = 2;
  TestServer server(store::Backend::sqlite, config);
  const auto port = server.port();
  auto metric = [&](const std::string& sample) {
    return schakel::testing::metric_value(port, sample);
  };
  const std::string hits = R"(schakel_page_cache_lookups_total{result="hit"})";
  const std::string misses = R"(schakel_page_cache_lookups_total{result="miss"})";
  const std::string evictions = "schakel_page_cache_evictions_total";
  auto get = [&](const std::string& target) { ASSERT_EQ(http_get(port, target).status, 200); };
  get("/netwerk?p=1");
  get("/netwerk?p=2");
  EXPECT_EQ(metric(misses), 2);
  EXPECT_EQ(metric("schakel_page_cache_entries"), 2);
  get("/netwerk?p=1");  // a hit: now p=2 is the least recently used
  EXPECT_EQ(metric(hits), 1);
  get("/netwerk?p=3");
  EXPECT_EQ(metric(evictions), 1);
  EXPECT_EQ(metric("schakel_page_cache_entries"), 2);
  get("/netwerk?p=1");
  EXPECT_EQ(metric(hits), 2);
  get("/netwerk?p=2");  // was dropped: rendered again
  EXPECT_EQ(metric(hits), 2);
  EXPECT_EQ(metric(misses), 4);
  EXPECT_EQ(metric(evictions), 2);
  EXPECT_GT(metric("schakel_page_cache_bytes"), 0);
  EXPECT_LE(metric("schakel_page_cache_bytes"), 64.0 * 1024 * 1024);
}

}  // namespace
}  // namespace schakel
