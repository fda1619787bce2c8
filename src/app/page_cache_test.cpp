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

}  // namespace
}  // namespace schakel
