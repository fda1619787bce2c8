#pragma once
// Training series as other features refer to them (signals' action outputs): a
// small read-only facade, so no other feature includes trainings/store.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace schakel::trainings {

// What another feature needs to name and link a series: /vorming/{slug}.
struct SeriesRef {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  bool is_public = false;  // published and visible to anonymous visitors
};

// The series with `id`, or nullopt when there is none (any status).
std::optional<SeriesRef> series_ref(soci::session& sql, std::int64_t id);
// The series with `slug`, or nullopt.
std::optional<SeriesRef> series_ref_by_slug(soci::session& sql, const std::string& slug);

// Every series that is not cancelled, by title (for a choice list).
std::vector<SeriesRef> series_refs(soci::session& sql);

}  // namespace schakel::trainings
