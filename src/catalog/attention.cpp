#include "catalog/attention.hpp"

#include <limits>

#include "app/app.hpp"
#include "catalog/attention_store.hpp"

namespace schakel::catalog {

void install_attention(App& app) {
  app.add_attention_source(AttentionSource{
      "catalog.review", "Kennisbank", 10, [](soci::session& sql, std::int64_t) {
        std::vector<AttentionLine> out;
        const std::int64_t n = attention_store::count_in_review(sql);
        if (n > 0)
          out.push_back({n == 1 ? "1 kennisbankitem wacht op nalezing"
                                : std::to_string(n) + " kennisbankitems wachten op nalezing",
                         "/kennisbank#nalezen-titel", n, "info"});
        return out;
      }});
}

YearFigures year_figures(soci::session& sql, std::int64_t from, std::int64_t until) {
  YearFigures f;
  f.published = attention_store::count_published_between(sql, from, until);
  f.published_total = attention_store::count_published_between(
      sql, std::numeric_limits<std::int64_t>::min(), until);
  return f;
}

}  // namespace schakel::catalog
