#pragma once
// What monitoring reads of the jobs: the state of every scheduled job's lease and
// the queued one-off jobs by kind (for /metrics). Read-only.
#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace schakel::jobs {

// One scheduled job (a row of job_leases) at time `now`.
struct ScheduledJobState {
  std::string name;
  bool due = false;           // its next run is due and no node holds its lease
  bool running = false;       // a node holds its lease now
  std::int64_t failures = 0;  // consecutive failed runs (0 after a success)
  std::int64_t runs = 0;      // successful runs so far, on all nodes
};

// Queued one-off jobs of one kind (job_queue) at time `now`.
struct QueuedJobCounts {
  std::string kind;
  std::int64_t due = 0;      // queued and due to run
  std::int64_t running = 0;  // claimed by a node
  std::int64_t failed = 0;   // given up after their last attempt
};

// Every scheduled job, by name.
std::vector<ScheduledJobState> scheduled_job_states(soci::session& sql, std::int64_t now);
// The queued jobs of every kind that has any due, running or failed, by kind.
std::vector<QueuedJobCounts> queued_job_counts(soci::session& sql, std::int64_t now);

}  // namespace schakel::jobs
