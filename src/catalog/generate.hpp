#pragma once
// Generated kennisbank content for benchmarks (`schakel generate`, `make bench`):
// realistic Dutch resources in every kind, theme, track and municipality, so
// that search, facets and pages are measured on data shaped like the real thing.
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "catalog/types.hpp"
#include "store/database.hpp"

namespace schakel::catalog {

// One generated resource from `rng`. `municipalities` are NIS codes to own local
// resources; `number` makes the slug unique.
Resource generated_resource(std::mt19937_64& rng, std::int64_t number,
                            const std::vector<std::string>& municipalities);

// Inserts `count` generated published resources (seeded with `seed`, slugs
// "gen-<n>") in transactions of 1,000, calling `progress(done, count)`. Returns
// the number inserted.
std::int64_t generate_resources(store::Database& db, std::int64_t count, std::uint64_t seed,
                                std::int64_t now,
                                const std::function<void(std::int64_t, std::int64_t)>& progress);

// Search queries of one to three words from the generator's vocabulary, for
// benchmark scenarios (some with a typo-free compound, some with two words).
std::vector<std::string> generated_queries(std::mt19937_64& rng, std::size_t count);

}  // namespace schakel::catalog
