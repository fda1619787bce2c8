#pragma once
// Demo content of the digest feature: mail choices of three demo accounts.
#include <soci/soci.h>

#include "core/clock.hpp"

namespace schakel::digest {

// Stores the demo choices (after the demo accounts exist).
void load_demo(soci::session& sql, const Clock& clock);
// Removes them again (demo --force), before the accounts go.
void unload_demo(soci::session& sql);

}  // namespace schakel::digest
