#pragma once
// What the kennisbank contributes to the coordinator's dashboard (issue 14): the
// line "items waiting for review" and the kennisbank's figures of a year.
#include <cstdint>

#include <soci/soci.h>

namespace schakel {
class App;
}

namespace schakel::catalog {

// Registers the attention source "catalog.review": one line with the number of
// resources in review (status in_review), linking to the review list on
// /kennisbank; no line when none waits. Call once, from install().
void install_attention(App& app);

// The kennisbank's part of the yearly figures. Times are compared with the
// half-open range [from, until) of Unix seconds the caller gives (a year).
struct YearFigures {
  std::int64_t published = 0;        // published resources first published in the range
  std::int64_t published_total = 0;  // published resources first published before `until`
};
// Reads in the caller's session; nothing is written.
YearFigures year_figures(soci::session& sql, std::int64_t from, std::int64_t until);

}  // namespace schakel::catalog
