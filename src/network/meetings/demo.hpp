#pragma once
// The demo meetings of the network (make run): one past meeting with minutes,
// decisions and action points, and one in the coming weeks with an agenda and
// a SPOC's proposal. Titles start with "[Demo]".
#include <soci/soci.h>

#include "core/clock.hpp"

namespace schakel::meetings {

// Runs inside the demo transaction, after the accounts and the network.
void load_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::meetings
