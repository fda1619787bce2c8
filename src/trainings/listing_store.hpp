#pragma once
// SQL of the calendar (/vorming): every published series with what its card
// shows, read in a fixed number of queries whatever the number of series.
#include <cstdint>
#include <vector>

#include "store/database.hpp"
#include "trainings/types.hpp"

namespace schakel::trainings {

// A published series as the calendar lists it.
struct ListedSeries {
  Series series;                  // with its themes
  std::vector<Session> sessions;  // all of them, whatever their status, by start time
  // For registration per series (the unit of the whole series): the places taken
  // (registered or offered) and whether anyone is on the waitlist.
  int holding = 0;
  bool waitlist = false;
  // The places of the series unit: the smallest capacity of its planned
  // sessions, 0 when none is planned (as TrainingStore::capacity).
  int capacity() const;
};

class ListingStore {
 public:
  // Every published series by id, with its themes, sessions and the counts of
  // its series unit. Four queries (series, themes, sessions, registrations),
  // independent of the number of series. Who may see which series is the
  // caller's rule (permissions.hpp).
  static std::vector<ListedSeries> published(soci::session& sql);
};

}  // namespace schakel::trainings
