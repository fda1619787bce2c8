#pragma once
// Demo content of the postcards campaign (see demo.cpp).
#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::campaigns {

// The three postcards, help lines for Gent and Aalst, one round with
// distributions and a week of scan counts. Requires: the reference data.
void load_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::campaigns
