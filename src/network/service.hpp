#pragma once
// Rules of the network feature.
#include <vector>

#include "core/clock.hpp"
#include "network/store.hpp"

namespace schakel::network {

class NetworkService {
 public:
  NetworkService(NetworkStore& store, const Clock& clock) : store_(store), clock_(clock) {}
  // The members today, lead municipality first. Public information.
  std::vector<Member> public_members() { return store_.current_members(clock_.now()); }

 private:
  NetworkStore& store_;
  const Clock& clock_;
};

// The demo network: Gent as lead and a handful of Flemish municipalities, all
// marked as demo membership. Runs inside the demo transaction.
void load_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::network
