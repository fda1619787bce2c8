#include "store/settings.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace schakel::store {
namespace {

using schakel::testing::BackendNames;
using schakel::testing::Backends;
using schakel::testing::BackendTest;

template <class B>
class SettingsTest : public BackendTest<B> {};
TYPED_TEST_SUITE(SettingsTest, Backends, BackendNames);

TYPED_TEST(SettingsTest, AreWrittenReplacedKeptOnceAndRemoved) {
  this->db().transact([&](soci::session& sql) {
    EXPECT_FALSE(read_setting(sql, "demo").has_value());
    write_setting(sql, "demo", "1");
    write_setting(sql, "demo", "2");
    EXPECT_EQ(read_setting(sql, "demo"), "2");
    EXPECT_EQ(write_setting_once(sql, "first", "a"), "a");
    EXPECT_EQ(write_setting_once(sql, "first", "b"), "a");  // the first one stays
    remove_setting(sql, "demo");
    EXPECT_FALSE(read_setting(sql, "demo").has_value());
    EXPECT_EQ(read_setting(sql, "first"), "a");
  });
}

}  // namespace
}  // namespace schakel::store
