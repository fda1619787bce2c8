#pragma once
// SQL of the trainings' dashboard lines and yearly figures (attention.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "trainings/attention.hpp"

namespace schakel::trainings::attention_store {

// A published series with a number for one line.
struct SeriesCount {
  std::string slug;
  std::string title;
  std::int64_t count = 0;
};

// Per published series: its planned sessions starting in [now, now + low_fill_days)
// whose registrations holding a place (registered or offered, for the session or
// for the whole series) are fewer than low_fill_percent % of the capacity. By title.
std::vector<SeriesCount> low_sessions(soci::session& sql, std::int64_t now);
// Per published series with a planned session not yet ended at `now`: the people
// on its waitlist (state waitlisted). By title.
std::vector<SeriesCount> waitlists(soci::session& sql, std::int64_t now);
// Per series: registrations holding a place that were invited to evaluate, did
// not answer and got no reminder yet. By title.
std::vector<SeriesCount> evaluations_to_remind(soci::session& sql);
// The figures of attention.hpp.
YearFigures year_figures(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::trainings::attention_store
