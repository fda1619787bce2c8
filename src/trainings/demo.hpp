#pragma once
// Demo content of the training series (see demo.cpp).
#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::trainings {

// Loads the six demo series into an empty database. Requires: the network's
// and the kennisbank's demo content (municipalities, themes) loaded first.
void load_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::trainings
