#pragma once
// SQL of the kennisbank's dashboard line and yearly figures (attention.hpp).
#include <cstdint>

#include <soci/soci.h>

namespace schakel::catalog::attention_store {

// Resources whose status is in_review.
std::int64_t count_in_review(soci::session& sql);
// Resources with status published and published_at in [from, until).
std::int64_t count_published_between(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::catalog::attention_store
