#include "core/choice.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(Choices, NameTheLabelOfAValue) {
  const std::vector<Choice> list = {{"a", "Eerste"}, {"b", "Tweede"}};
  EXPECT_EQ(label_of(list, "b"), "Tweede");
  EXPECT_EQ(label_of(list, "c"), "c");
  EXPECT_EQ(label_of(list, ""), "");
  EXPECT_TRUE(is_choice(list, "a"));
  EXPECT_FALSE(is_choice(list, "A"));
  EXPECT_FALSE(is_choice(list, ""));
}

}  // namespace
}  // namespace schakel
