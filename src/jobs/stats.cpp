#include "jobs/stats.hpp"

#include "store/row.hpp"

namespace schakel::jobs {

std::vector<ScheduledJobState> scheduled_job_states(soci::session& sql, std::int64_t now) {
  std::vector<ScheduledJobState> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT name, next_run_at, lease_until, failures, runs FROM job_leases "
                      "ORDER BY name");
  for (const auto& r : rows) {
    ScheduledJobState s;
    s.name = store::string_at(r, 0);
    const std::int64_t lease_until = store::int64_at(r, 2);
    s.running = lease_until >= now;
    s.due = !s.running && store::int64_at(r, 1) <= now;
    s.failures = store::int64_at(r, 3);
    s.runs = store::int64_at(r, 4);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<QueuedJobCounts> queued_job_counts(soci::session& sql, std::int64_t now) {
  long long at = now;
  std::vector<QueuedJobCounts> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, "
                      "SUM(CASE WHEN status = 'queued' AND run_at <= :n THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END), "
                      "SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) "
                      "FROM job_queue WHERE status IN ('queued', 'running', 'failed') "
                      "GROUP BY kind ORDER BY kind",
       soci::use(at));
  for (const auto& r : rows)
    out.push_back(QueuedJobCounts{store::string_at(r, 0), store::int64_at(r, 1),
                                  store::int64_at(r, 2), store::int64_at(r, 3)});
  return out;
}

}  // namespace schakel::jobs
