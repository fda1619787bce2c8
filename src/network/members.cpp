#include "network/members.hpp"

#include "accounts/roles.hpp"
#include "network/store.hpp"

namespace schakel::network {

void provide_member_filter() {
  accounts::provide_member_filter(&NetworkStore::members_among);
  accounts::provide_membership_change_finder(&NetworkStore::next_membership_change);
}

std::vector<Municipality> member_municipalities(store::Database& db, std::int64_t at) {
  return NetworkStore(db).member_municipalities(at);
}

}  // namespace schakel::network
