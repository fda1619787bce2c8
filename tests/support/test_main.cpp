#include <gtest/gtest.h>

#include "core/log.hpp"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  schakel::log::init("error", "");
  return RUN_ALL_TESTS();
}
