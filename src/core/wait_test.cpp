#include "core/wait.hpp"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(WaitMessage, RoundsUpToWholeMinutesInDutch) {
  EXPECT_EQ(wait_message(1), "Te veel pogingen na elkaar. Probeer opnieuw over 1 minuut.");
  EXPECT_EQ(wait_message(60), "Te veel pogingen na elkaar. Probeer opnieuw over 1 minuut.");
  EXPECT_EQ(wait_message(61), "Te veel pogingen na elkaar. Probeer opnieuw over 2 minuten.");
  EXPECT_EQ(wait_message(900), "Te veel pogingen na elkaar. Probeer opnieuw over 15 minuten.");
}

}  // namespace
}  // namespace schakel
