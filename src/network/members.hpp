#pragma once
// Which municipalities are members of the network, as other features ask it.
// Membership is the network's data and definition (network/store.hpp); features
// include this header, never network/store.hpp.
#include <cstdint>
#include <vector>

#include "network/types.hpp"
#include "store/database.hpp"

namespace schakel::network {

// The municipalities that are members on `at`, by name.
std::vector<Municipality> member_municipalities(store::Database& db, std::int64_t at);

}  // namespace schakel::network
