#pragma once
// What the campaigns contribute to the coordinator's dashboard (issue 14): the
// line "postcard rounds not yet reported by some municipalities", and the
// postcard figures of goal 3 for a year.
#include <cstdint>

#include "store/database.hpp"

namespace schakel {
class App;
}

namespace schakel::campaigns {

// A round is followed up from its first day until this many days after its last.
inline constexpr std::int64_t report_grace_days = 30;

// Registers the attention source "campaigns.rounds": one line per round that
// has started and ended at most report_grace_days ago, while some member
// municipalities (network::member_municipalities now) have reported no
// distribution in it, linking to the round's totals. Call once, from install().
void install_attention(App& app);

// The postcards' part of the yearly figures, for the Brussels year [from, until).
struct YearFigures {
  std::int64_t rounds = 0;          // rounds starting in the year
  std::int64_t cards = 0;           // cards distributed in those rounds
  std::int64_t municipalities = 0;  // municipalities that distributed cards in those rounds
  std::int64_t scans = 0;           // QR scans counted on days of the year
};
// Reads on one connection; nothing is written.
YearFigures year_figures(store::Database& db, std::int64_t from, std::int64_t until);

}  // namespace schakel::campaigns
