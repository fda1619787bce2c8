#pragma once
// Which municipalities are members of the network, as other features ask it.
// Membership is the network's data and definition (network/store.hpp); features
// include this header, never network/store.hpp.
#include <cstdint>
#include <vector>

#include "network/types.hpp"
#include "store/database.hpp"

namespace schakel::network {

// Gives accounts the network's definition of a member municipality
// (accounts::provide_member_filter with NetworkStore::members_among) and when
// it next changes by date (accounts::provide_membership_change_finder with
// NetworkStore::next_membership_change). Accounts
// sits below network (network changes roles and SPOC assignments through
// accounts/roles.hpp), so accounts cannot ask network itself; loading a SPOC
// throws until this was called. network::install calls it; a program that loads
// users without installing network calls it first.
void provide_member_filter();

// The municipalities that are members on `at`, by name.
std::vector<Municipality> member_municipalities(store::Database& db, std::int64_t at);

}  // namespace schakel::network
