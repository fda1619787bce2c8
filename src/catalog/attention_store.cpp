#include "catalog/attention_store.hpp"

namespace schakel::catalog::attention_store {

std::int64_t count_in_review(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM resources WHERE status = 'in_review'", soci::into(n);
  return n;
}

std::int64_t count_published_between(soci::session& sql, std::int64_t from, std::int64_t until) {
  long long n = 0, f = from, u = until;
  sql << "SELECT COUNT(*) FROM resources WHERE status = 'published' AND published_at >= :f "
         "AND published_at < :u",
      soci::use(f), soci::use(u), soci::into(n);
  return n;
}

}  // namespace schakel::catalog::attention_store
