#pragma once
// Demo content of the help pages (loaded by `schakel demo`).
#include <vector>

#include "citizens/help_page_types.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace schakel::citizens {

// The general page and the pages on partner violence, child abuse and elder abuse.
std::vector<HelpPage> demo_help_pages();
// Adds the demo pages, each with its first revision by the demo coordinator.
void load_help_page_demo(soci::session& sql, const Clock& clock);

}  // namespace schakel::citizens
