// What digests and newsletters hear from the kennisbank about initiatives and
// funding calls (issue 14). Other kinds of resources are the digest feature's
// "resources" news; this file gives only kinds initiative and funding_call.
#include "catalog/initiative.hpp"
#include "catalog/store.hpp"

namespace schakel::catalog {

NewsSource initiative_news_source() {
  NewsSource source;
  source.key = "catalog.initiatives";
  source.items = [](soci::session& sql, std::int64_t from, std::int64_t until) {
    std::vector<NewsItem> out;
    for (const auto& r : CatalogStore::initiatives_published(sql, from, until)) {
      NewsItem item;
      item.kind = "initiatives";
      item.key = "resource:" + std::to_string(r.id);
      item.title = r.title;
      item.summary = r.summary;
      if (r.kind == "funding_call" && valid_date(r.deadline))
        item.summary += (item.summary.empty() ? "" : " ") + std::string("Indienen tot ") +
                        date_label_nl(r.deadline) + ".";
      item.href = "/kennisbank/" + r.slug;
      item.themes = r.themes;
      item.at = r.published_at.value_or(r.updated_at);
      item.network_only = r.visibility == "network";
      out.push_back(std::move(item));
    }
    return out;
  };
  return source;
}

}  // namespace schakel::catalog
