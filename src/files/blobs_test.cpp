#include "files/blobs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "files/sample_files.hpp"
#include "test_support.hpp"

namespace schakel::files {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

// A referrer of this test: the SHA-256s it holds (registered once; empty
// outside the test that fills it, so it refers to nothing elsewhere).
std::set<std::string>& held() {
  static std::set<std::string> s;
  return s;
}
std::int64_t held_references(soci::session&, const std::string& sha256) {
  return static_cast<std::int64_t>(held().count(sha256));
}

template <class B>
class BlobStoreTest : public BackendTest<B> {};
TYPED_TEST_SUITE(BlobStoreTest, Backends, BackendNames);

TYPED_TEST(BlobStoreTest, StoresTheSameBytesOnceWithTheirTypeAndSize) {
  const std::string pdf = samples::pdf();
  const SniffedType type = *sniff(pdf);
  std::string first, second;
  this->db().transact([&](soci::session& sql) {
    first = BlobStore::put(sql, pdf, type, 100);
    second = BlobStore::put(sql, pdf, type, 101);
  });
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.size(), 64u);
  this->db().run([&](soci::session& sql) {
    EXPECT_EQ(BlobStore::count(sql), 1);
    EXPECT_EQ(BlobStore::data(sql, first), pdf);
    EXPECT_EQ(BlobStore::data(sql, std::string(64, '0')), std::nullopt);
  });
}

TYPED_TEST(BlobStoreTest, KeepsEveryByteValue) {
  std::string bytes = samples::png();
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(3, '\0');
  const std::string sha = this->db().transact(
      [&](soci::session& sql) { return BlobStore::put(sql, bytes, *sniff(bytes), 1); });
  this->db().run([&](soci::session& sql) { EXPECT_EQ(BlobStore::data(sql, sha), bytes); });
}

TYPED_TEST(BlobStoreTest, ReleaseDeletesOnlyWhatNoRegisteredReferrerCounts) {
  static const bool registered = register_referrer("blobs_test", &held_references);
  ASSERT_TRUE(registered);
  const auto names = referrer_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "blobs_test"), names.end());
  const std::string pdf = samples::pdf();
  this->db().transact([&](soci::session& sql) {
    const std::string sha = BlobStore::put(sql, pdf, *sniff(pdf), 1);
    held().insert(sha);
    EXPECT_FALSE(BlobStore::release(sql, sha));
    EXPECT_EQ(BlobStore::count(sql), 1);
    held().erase(sha);
    EXPECT_TRUE(BlobStore::release(sql, sha));
    EXPECT_EQ(BlobStore::count(sql), 0);
  });
}

}  // namespace
}  // namespace schakel::files
