#pragma once
// SQL of the campaigns' dashboard line and yearly figures (attention.hpp).
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "campaigns/attention.hpp"

namespace schakel::campaigns::attention_store {

struct RoundReports {
  std::int64_t id = 0;
  std::string name;
  std::set<std::string> reported;  // NIS codes with at least one distribution
};
// Rounds with starts_on <= `today` and ends_on >= `since` (YYYY-MM-DD), by start and id.
std::vector<RoundReports> followed_rounds(soci::session& sql, const std::string& today,
                                          const std::string& since);
// The figures of attention.hpp for rounds starting and scans on days in first..last.
YearFigures year_figures(soci::session& sql, const std::string& first, const std::string& last);

}  // namespace schakel::campaigns::attention_store
