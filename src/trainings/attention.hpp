#pragma once
// What the trainings contribute to the coordinator's dashboard (issue 14): the
// lines "low registrations", "people on a waitlist" and "evaluations waiting for
// a reminder", and the trainings' figures of a year.
#include <cstdint>

#include <soci/soci.h>

namespace schakel {
class App;
}

namespace schakel::trainings {

// A session is short of registrations when it starts within this many days and
// holds fewer than low_fill_percent % of its capacity.
inline constexpr std::int64_t low_fill_days = 21;
inline constexpr std::int64_t low_fill_percent = 30;

// Registers the attention sources "trainings.low", "trainings.waitlist" and
// "trainings.evaluations" (one line per published series concerned, linking to
// its participants or evaluation page). Call once, from install().
void install_attention(App& app);

// The trainings' part of the yearly figures, for the range [from, until).
struct YearFigures {
  std::int64_t series = 0;        // published series with a planned session starting in the range
  std::int64_t participants = 0;  // registrations holding a place (registered) in such a
                                  // session (or in its series, when registering per series)
  std::int64_t certificates = 0;  // certificates issued in the range and not revoked
  std::int64_t evaluations = 0;   // evaluations answered in the range
};
// Reads in the caller's session; nothing is written.
YearFigures year_figures(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::trainings
