#pragma once
// SQL of the signals' yearly figures (attention.hpp); the lines read the
// overview's store.
#include <cstdint>

#include <soci/soci.h>

namespace schakel::signals::attention_store {

// Signals with created_at in [from, until).
std::int64_t count_signals_between(soci::session& sql, std::int64_t from, std::int64_t until);
// Needs with created_at in [from, until).
std::int64_t count_needs_between(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::signals::attention_store
