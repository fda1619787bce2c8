#pragma once
// The retention rule of signals (issue 13, "Privacy guard"): a signal closed
// longer ago than the configured number of years (serve
// --signals-retention-years, default 3) is really deleted, with its themes, its
// links to needs and its timeline, and the change feed records the deletion so
// the search index and the page cache forget it. Open signals are never deleted.
#include <cstdint>

#include "store/database.hpp"

namespace schakel {
class App;
}

namespace schakel::signals {

// The moment `years` calendar years before `now` (both Unix seconds, UTC; 29
// February falls back to 28 February). Requires: years >= 0.
std::int64_t retention_cutoff(std::int64_t now, int years);

// Deletes every signal closed before retention_cutoff(now, years), one
// transaction per signal, and returns how many it deleted. Logs the count,
// never a text.
int delete_expired_signals(store::Database& db, std::int64_t now, int years);

// Registers the daily job "signals.retention" with the years of app.config().
void install_retention(App& app);

}  // namespace schakel::signals
