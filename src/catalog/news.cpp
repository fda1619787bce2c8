// The kennisbank's news for digests (contract in catalog/news.hpp). A read of
// the catalog's own tables, kept apart from store.cpp so that issue 14 adds a
// file instead of changing the store.
#include "catalog/news.hpp"

#include <unordered_map>

#include "store/row.hpp"

namespace schakel::catalog {

std::vector<NewsItem> new_resources(soci::session& sql, std::int64_t from, std::int64_t until) {
  std::vector<NewsItem> out;
  std::unordered_map<std::int64_t, std::size_t> index;
  long long low = from, high = until;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, slug, title, summary, visibility, published_at FROM resources "
                      "WHERE status = 'published' AND published_at >= :f AND published_at < :u "
                      "AND kind NOT IN ('initiative', 'funding_call') "
                      "ORDER BY published_at, id",
       soci::use(low), soci::use(high));
  for (const auto& r : rows) {
    NewsItem item;
    const std::int64_t id = store::int64_at(r, 0);
    item.kind = "resources";
    item.key = "resource:" + std::to_string(id);
    item.href = "/kennisbank/" + store::string_at(r, 1);
    item.title = store::string_at(r, 2);
    item.summary = store::string_at(r, 3);
    item.network_only = store::string_at(r, 4) == "network";
    item.at = store::int64_at(r, 5);
    index[id] = out.size();
    out.push_back(std::move(item));
  }
  if (out.empty()) return out;
  soci::rowset<soci::row> terms =
      (sql.prepare << "SELECT rt.resource_id, t.slug FROM resource_terms rt "
                      "JOIN vocabulary_terms t ON t.id = rt.term_id "
                      "JOIN resources r ON r.id = rt.resource_id "
                      "WHERE t.vocabulary = 'theme' AND r.status = 'published' "
                      "AND r.published_at >= :f AND r.published_at < :u "
                      "ORDER BY rt.resource_id, t.position",
       soci::use(low), soci::use(high));
  for (const auto& t : terms) {
    auto it = index.find(store::int64_at(t, 0));
    if (it != index.end()) out[it->second].themes.push_back(store::string_at(t, 1));
  }
  return out;
}

}  // namespace schakel::catalog
