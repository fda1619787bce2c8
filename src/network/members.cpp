#include "network/members.hpp"

#include "network/store.hpp"

namespace schakel::network {

std::vector<Municipality> member_municipalities(store::Database& db, std::int64_t at) {
  return NetworkStore(db).member_municipalities(at);
}

}  // namespace schakel::network
