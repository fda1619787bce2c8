#include "signals/attention_store.hpp"

namespace schakel::signals::attention_store {

std::int64_t count_signals_between(soci::session& sql, std::int64_t from, std::int64_t until) {
  long long n = 0, f = from, u = until;
  sql << "SELECT COUNT(*) FROM signals WHERE created_at >= :f AND created_at < :u", soci::use(f),
      soci::use(u), soci::into(n);
  return n;
}

std::int64_t count_needs_between(soci::session& sql, std::int64_t from, std::int64_t until) {
  long long n = 0, f = from, u = until;
  sql << "SELECT COUNT(*) FROM needs WHERE created_at >= :f AND created_at < :u", soci::use(f),
      soci::use(u), soci::into(n);
  return n;
}

}  // namespace schakel::signals::attention_store
