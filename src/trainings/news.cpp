// The training offer's news for digests (contract in trainings/news.hpp). A
// read of the feature's own tables, in a file of its own so that issue 14 adds
// it beside the store instead of changing it.
#include "trainings/news.hpp"

#include <unordered_map>

#include "core/clock.hpp"
#include "store/row.hpp"

namespace schakel::trainings {

std::vector<NewsItem> new_series(soci::session& sql, std::int64_t from, std::int64_t until) {
  std::vector<NewsItem> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  long long low = from, high = until;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.id, s.slug, s.title, s.visibility, s.updated_at, "
                      "(SELECT MIN(x.starts_at) FROM training_sessions x "
                      "WHERE x.series_id = s.id AND x.status = 'planned') "
                      "FROM training_series s WHERE s.status = 'published' "
                      "AND s.updated_at >= :f AND s.updated_at < :u ORDER BY s.updated_at, s.id",
       soci::use(low), soci::use(high));
  for (const auto& r : rows) {
    NewsItem item;
    const std::int64_t id = store::int64_at(r, 0);
    item.kind = "trainings";
    item.key = "training:" + std::to_string(id);
    item.href = "/vorming/" + store::string_at(r, 1);
    item.title = store::string_at(r, 2);
    item.network_only = store::string_at(r, 3) == "network";
    item.at = store::int64_at(r, 4);
    if (const auto first = store::optional_int64_at(r, 5))
      item.summary = "Eerste sessie op " + format_weekday_date_nl(*first) + ".";
    index[id] = out.size();
    out.push_back(std::move(item));
  }
  if (out.empty()) return out;
  soci::rowset<soci::row> themes =
      (sql.prepare << "SELECT t.series_id, t.term_slug FROM training_series_themes t "
                      "JOIN training_series s ON s.id = t.series_id "
                      "WHERE s.status = 'published' AND s.updated_at >= :f AND s.updated_at < :u "
                      "ORDER BY t.series_id, t.term_slug",
       soci::use(low), soci::use(high));
  for (const auto& t : themes) {
    auto it = index.find(store::int64_at(t, 0));
    if (it != index.end()) out[it->second].themes.push_back(store::string_at(t, 1));
  }
  return out;
}

}  // namespace schakel::trainings
