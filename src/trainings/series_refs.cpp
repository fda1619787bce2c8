#include "trainings/series_refs.hpp"

#include "store/row.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

std::optional<SeriesRef> series_ref(soci::session& sql, std::int64_t id) {
  auto s = TrainingStore::find_series(sql, id);
  if (!s) return std::nullopt;
  return SeriesRef{s->id, s->slug, s->title, s->status == "published" && s->visibility == "public"};
}

std::optional<SeriesRef> series_ref_by_slug(soci::session& sql, const std::string& slug) {
  auto s = TrainingStore::find_series_by_slug(sql, slug);
  if (!s) return std::nullopt;
  return SeriesRef{s->id, s->slug, s->title, s->status == "published" && s->visibility == "public"};
}

std::vector<SeriesRef> series_refs(soci::session& sql) {
  std::vector<SeriesRef> out;
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, slug, title, status, visibility FROM "
                                                 "training_series WHERE status <> 'cancelled' "
                                                 "ORDER BY title, id");
  for (const auto& r : rows)
    out.push_back(
        SeriesRef{store::int64_at(r, 0), store::string_at(r, 1), store::string_at(r, 2),
                  store::string_at(r, 3) == "published" && store::string_at(r, 4) == "public"});
  return out;
}

}  // namespace schakel::trainings
