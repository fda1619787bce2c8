#include "trainings/listing_store.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "store/row.hpp"
#include "trainings/store_rows.hpp"

namespace schakel::trainings {

int ListedSeries::capacity() const {
  std::optional<int> smallest;
  for (const auto& x : sessions)
    if (x.status == "planned" && (!smallest || x.capacity < *smallest)) smallest = x.capacity;
  return smallest.value_or(0);
}

namespace {

const char* const published_ids = "SELECT id FROM training_series WHERE status = 'published'";

}  // namespace

std::vector<ListedSeries> ListingStore::published(soci::session& sql) {
  using namespace store;
  std::vector<ListedSeries> out;
  std::map<std::int64_t, std::size_t> index;  // series id -> position in out
  {
    soci::rowset<soci::row> result =
        (sql.prepare << std::string("SELECT ") + rows::series_columns +
                            " FROM training_series WHERE status = 'published' ORDER BY id");
    for (const auto& row : result) {
      out.push_back(ListedSeries{rows::series_from(row), {}, 0, false});
      index[out.back().series.id] = out.size() - 1;
    }
  }
  if (out.empty()) return out;
  auto of = [&](std::int64_t series_id) -> ListedSeries* {
    auto it = index.find(series_id);
    return it == index.end() ? nullptr : &out[it->second];
  };
  {
    soci::rowset<soci::row> result =
        (sql.prepare << std::string("SELECT series_id, term_slug FROM training_series_themes "
                                    "WHERE series_id IN (") +
                            published_ids + ") ORDER BY series_id, term_slug");
    for (const auto& row : result)
      if (auto* s = of(int64_at(row, 0))) s->series.themes.push_back(string_at(row, 1));
  }
  {
    soci::rowset<soci::row> result =
        (sql.prepare << std::string("SELECT ") + rows::session_columns +
                            " FROM training_sessions WHERE series_id IN (" + published_ids +
                            ") ORDER BY series_id, starts_at, id");
    for (const auto& row : result) {
      Session x = rows::session_from(row);
      if (auto* s = of(x.series_id)) s->sessions.push_back(std::move(x));
    }
  }
  {
    // The registrations for the whole series (no session): places and waitlist.
    soci::rowset<soci::row> result =
        (sql.prepare << std::string(
                            "SELECT series_id, "
                            "SUM(CASE WHEN state IN ('registered', 'offered') THEN 1 ELSE 0 END), "
                            "SUM(CASE WHEN state = 'waitlisted' THEN 1 ELSE 0 END) "
                            "FROM training_registrations WHERE session_id IS NULL AND "
                            "series_id IN (") +
                            published_ids + ") GROUP BY series_id");
    for (const auto& row : result)
      if (auto* s = of(int64_at(row, 0))) {
        s->holding = static_cast<int>(int64_at(row, 1));
        s->waitlist = int64_at(row, 2) > 0;
      }
  }
  return out;
}

}  // namespace schakel::trainings
