// Features connect themselves to the shared layers and to each other from their
// install(App&), not from static initialisers, which the linker may drop from a
// static library: the blob referrers of the kennisbank and the training materials,
// and the network's member filter that accounts needs for a SPOC.
#include <gtest/gtest.h>

#include "accounts/roles.hpp"
#include "accounts/store.hpp"
#include "catalog/attachments.hpp"
#include "files/blobs.hpp"
#include "files/sample_files.hpp"
#include "files/sniff.hpp"
#include "network/members.hpp"
#include "network/store.hpp"
#include "test_support.hpp"
#include "trainings/materials_store.hpp"

namespace schakel {
namespace {

using schakel::testing::OnPostgres;
using schakel::testing::OnSqlite;

std::int64_t always_referenced(soci::session&, const std::string&) { return 1; }
std::vector<std::string> no_members(soci::session&, const std::vector<std::string>&, std::int64_t) {
  return {};
}

// Puts the stand-ins under the features' names; restores the real ones at the end,
// whatever the test found, so that no other test runs with a stand-in.
struct StandIns {
  StandIns() {
    files::register_referrer("resource_attachments", &always_referenced);
    files::register_referrer("training_materials", &always_referenced);
    accounts::provide_member_filter(&no_members);
  }
  ~StandIns() {
    catalog::register_blob_referrer();
    trainings::register_blob_referrer();
    network::provide_member_filter();
  }
};

struct Seen {
  bool blob_released = false;
  std::vector<std::string> spoc_of;
};

// Stores bytes no row refers to and releases them; makes a SPOC of Gent, a member.
Seen observe(store::Database& db, std::int64_t now) {
  Seen seen;
  db.transact([&](soci::session& sql) {
    const std::string pdf = files::samples::pdf();
    const std::string sha = files::BlobStore::put(sql, pdf, *files::sniff(pdf), now);
    seen.blob_released = files::BlobStore::release(sql, sha);
    network::NetworkStore::add_membership(sql, "44021", now - 10, false, false, now);
    const std::int64_t spoc = accounts::UserStore::insert(
        sql, {"spoc.gent@voorbeeld.be", "SPOC Gent", "", Role::spoc, "44021", false}, "x", now);
    seen.spoc_of = accounts::UserStore::spoc_municipalities(sql, spoc, now);
  });
  return seen;
}

template <class B>
class FeatureSeams : public ::testing::Test {
 protected:
  void SetUp() override { SCHAKEL_REQUIRE_BACKEND(B::backend); }
};
using SeamBackends = ::testing::Types<OnSqlite, OnPostgres>;
TYPED_TEST_SUITE(FeatureSeams, SeamBackends, schakel::testing::BackendNames);

TYPED_TEST(FeatureSeams, InstallRegistersBlobReferrersAndTheMemberFilter) {
  StandIns stand_ins;
  {
    // The stand-ins are in effect: the bytes count as referenced, Gent as no member.
    schakel::testing::TestDatabase database(TypeParam::backend);
    database.migrate();
    const Seen before = observe(database.db(), 1'780'000'000);
    EXPECT_FALSE(before.blob_released);
    EXPECT_TRUE(before.spoc_of.empty());
  }
  // TestServer installs every feature, as `schakel serve` does.
  schakel::testing::TestServer server(TypeParam::backend);
  const Seen after = observe(server.db(), server.clock().now());
  EXPECT_TRUE(after.blob_released);
  EXPECT_EQ(after.spoc_of, std::vector<std::string>{"44021"});
}

}  // namespace
}  // namespace schakel
