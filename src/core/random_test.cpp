#include "core/random.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace schakel {
namespace {

TEST(IncidentId, FourAndFourReadableLettersEveryOneDifferent) {
  const std::string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::set<std::string> ids;
  std::set<char> seen[8];
  // More than one refill of the per-thread pool (128 ids).
  for (int n = 0; n < 2000; ++n) {
    const std::string id = incident_id();
    ASSERT_EQ(id.size(), 9u) << id;
    ASSERT_EQ(id[4], '-') << id;
    for (int i = 0, at = 0; i < 9; ++i) {
      if (i == 4) continue;
      ASSERT_NE(alphabet.find(id[i]), std::string::npos) << id;
      seen[at++].insert(id[i]);
    }
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 2000u);  // 40 random bits: a repeat here is a broken pool
  // Every position takes every letter: all 40 bits are used.
  for (const auto& letters : seen) EXPECT_EQ(letters.size(), alphabet.size());
}

}  // namespace
}  // namespace schakel
