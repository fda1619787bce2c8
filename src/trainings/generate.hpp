#pragma once
// Generated training series for benchmarks (`schakel generate --series N`,
// `make bench`): published series open for registration, so that the bench
// can measure registrations per second without two of them hitting the same
// series (a person registers once per series).
#include <cstdint>
#include <functional>

#include "store/database.hpp"

namespace schakel::trainings {

// Inserts `count` published, public series registered per whole series
// ("vorming-gen-<n>", numbered on after any generated before), each with one
// webinar session between 30 and 120 days after `now` with 10,000 seats and no
// questions, in transactions of 500, calling `progress(done, count)` after each.
// Seeded with `seed` (themes, titles and days). Requires: a migrated database
// with the kennisbank's theme vocabulary (demo content). Returns the number
// inserted; throws StoreError when the database refuses.
std::int64_t generate_series(store::Database& db, std::int64_t count, std::uint64_t seed,
                             std::int64_t now,
                             const std::function<void(std::int64_t, std::int64_t)>& progress);

}  // namespace schakel::trainings
