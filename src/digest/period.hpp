#pragma once
// The periods a digest covers: a calendar day or a week from Monday to Sunday,
// both in Europe/Brussels time.
#include <cstdint>
#include <string>

#include "digest/types.hpp"

namespace schakel::digest {

struct Period {
  Frequency frequency = Frequency::daily;
  std::string key;         // "day:2026-12-04" or "week:2026-11-30" (its Monday)
  std::int64_t from = 0;   // first second, UTC
  std::int64_t until = 0;  // first second after it, UTC
  std::string label;       // "vrijdag 4 december 2026", "de week van 30 november 2026"
};

// The latest day (daily) or week (weekly) that ended at or before `now`.
// Requires: frequency is daily or weekly.
Period last_completed(Frequency frequency, std::int64_t now);

}  // namespace schakel::digest
