#pragma once
// Demo content of the newsletter (loaded by `schakel demo`): one sent
// newsletter in the archive, clearly marked as demo.
#include <soci/soci.h>

#include "core/clock.hpp"

namespace schakel::digest {

// Adds the demo newsletter, sent a week before `clock`'s now.
void load_newsletter_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::digest
