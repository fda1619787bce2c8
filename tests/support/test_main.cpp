#include <gtest/gtest.h>

#include "catalog/attachments.hpp"
#include "core/log.hpp"
#include "network/members.hpp"
#include "trainings/materials_store.hpp"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  schakel::log::init("error", "");
  // Many tests use stores without an App: connect the features as their install()
  // does in a program (root/features_test.cpp checks that install() does).
  schakel::catalog::register_blob_referrer();
  schakel::trainings::register_blob_referrer();
  schakel::network::provide_member_filter();
  return RUN_ALL_TESTS();
}
