// The outbox as monitoring sees it.
#include "mail/mail.hpp"
#include "store/row.hpp"

namespace schakel::mail {

OutboxCounts outbox_counts(soci::session& sql) {
  OutboxCounts counts;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT status, COUNT(*) FROM mail_outbox WHERE status IN ('pending', "
                      "'sending', 'failed', 'uncertain') GROUP BY status");
  for (const auto& r : rows) {
    const std::string status = store::string_at(r, 0);
    const std::int64_t n = store::int64_at(r, 1);
    if (status == "pending")
      counts.pending = n;
    else if (status == "sending")
      counts.sending = n;
    else if (status == "failed")
      counts.failed = n;
    else
      counts.uncertain = n;
  }
  return counts;
}

}  // namespace schakel::mail
