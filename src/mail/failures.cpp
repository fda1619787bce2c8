#include "mail/failures.hpp"

namespace schakel::mail {

std::int64_t count_failures(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM mail_outbox WHERE status IN ('failed', 'uncertain')", soci::into(n);
  return n;
}

}  // namespace schakel::mail
