// GET /metrics: this node's state in the Prometheus text format (0.0.4), for
// loopback (a local Prometheus or node exporter) or a bearer token; anyone else
// gets 404 as if it did not exist. docs/operations.md lists the series.
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "core/log.hpp"
#include "jobs/stats.hpp"
#include "mail/mail.hpp"
#include "search/engine.hpp"
#include "store/changes.hpp"

namespace schakel {

namespace {

using web::Exposition;

void write_jobs(Exposition& out, const std::vector<jobs::ScheduledJobState>& jobs) {
  out.family("schakel_job_state", "gauge",
             "Scheduled jobs: 1 when the job is due and waits for a node (state=due), or a "
             "node holds its lease now (state=running).");
  for (const auto& j : jobs) {
    out.sample("schakel_job_state", {{"job", j.name}, {"state", "due"}}, j.due ? 1 : 0);
    out.sample("schakel_job_state", {{"job", j.name}, {"state", "running"}}, j.running ? 1 : 0);
  }
  out.family("schakel_job_consecutive_failures", "gauge",
             "Failed runs of a scheduled job since its last success (0: healthy).");
  for (const auto& j : jobs)
    out.sample("schakel_job_consecutive_failures", {{"job", j.name}},
               static_cast<double>(j.failures));
  out.family("schakel_job_runs_total", "counter",
             "Successful runs of a scheduled job on all nodes together.");
  for (const auto& j : jobs)
    out.sample("schakel_job_runs_total", {{"job", j.name}}, static_cast<double>(j.runs));
}

void write_queue(Exposition& out, const std::vector<jobs::QueuedJobCounts>& queue) {
  out.family("schakel_job_queue", "gauge",
             "Queued one-off jobs by kind and state: due, running or failed (given up).");
  for (const auto& q : queue) {
    out.sample("schakel_job_queue", {{"kind", q.kind}, {"state", "due"}},
               static_cast<double>(q.due));
    out.sample("schakel_job_queue", {{"kind", q.kind}, {"state", "running"}},
               static_cast<double>(q.running));
    out.sample("schakel_job_queue", {{"kind", q.kind}, {"state", "failed"}},
               static_cast<double>(q.failed));
  }
}

void write_outbox(Exposition& out, const mail::OutboxCounts& mails) {
  out.family("schakel_mail_outbox", "gauge",
             "Mails not delivered, by state: pending, sending, failed or uncertain (the last "
             "two wait for an admin on /beheer/mails).");
  out.sample("schakel_mail_outbox", {{"state", "pending"}}, static_cast<double>(mails.pending));
  out.sample("schakel_mail_outbox", {{"state", "sending"}}, static_cast<double>(mails.sending));
  out.sample("schakel_mail_outbox", {{"state", "failed"}}, static_cast<double>(mails.failed));
  out.sample("schakel_mail_outbox", {{"state", "uncertain"}}, static_cast<double>(mails.uncertain));
}

void write_feed(Exposition& out, std::int64_t feed, std::int64_t indexed) {
  out.family("schakel_change_feed_position", "gauge", "The newest change id in the change feed.");
  out.sample("schakel_change_feed_position", {}, static_cast<double>(feed));
  out.family("schakel_search_index_position", "gauge",
             "The change id this node's search index has applied (-1: index not open).");
  out.sample("schakel_search_index_position", {}, static_cast<double>(indexed));
  out.family("schakel_search_index_lag", "gauge",
             "Changes in the feed that this node's search index has not applied yet.");
  out.sample("schakel_search_index_lag", {},
             static_cast<double>(indexed < 0 ? feed : std::max<std::int64_t>(0, feed - indexed)));
}

}  // namespace

void App::write_page_cache_metrics(Exposition& out) {
  std::size_t entries = 0, bytes = 0;
  std::uint64_t evictions = 0;
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    entries = page_cache_.size();
    bytes = page_cache_.bytes();
    evictions = page_cache_.evictions();
  }
  out.family("schakel_page_cache_lookups_total", "counter",
             "Page cache lookups of this node: result=hit served a cached page, result=miss "
             "found none or a stale one and rendered the page.");
  out.sample("schakel_page_cache_lookups_total", {{"result", "hit"}},
             static_cast<double>(page_cache_hits_.load(std::memory_order_relaxed)));
  out.sample("schakel_page_cache_lookups_total", {{"result", "miss"}},
             static_cast<double>(page_cache_misses_.load(std::memory_order_relaxed)));
  out.family("schakel_page_cache_evictions_total", "counter",
             "Cached pages dropped to keep the page cache within its bytes and entries.");
  out.sample("schakel_page_cache_evictions_total", {}, static_cast<double>(evictions));
  out.family("schakel_page_cache_entries", "gauge", "Pages in this node's page cache now.");
  out.sample("schakel_page_cache_entries", {}, static_cast<double>(entries));
  out.family("schakel_page_cache_bytes", "gauge",
             "What the pages in this node's page cache cost against --page-cache-mib.");
  out.sample("schakel_page_cache_bytes", {}, static_cast<double>(bytes));
}

void App::write_database_metrics(Exposition& out) {
  std::vector<jobs::ScheduledJobState> scheduled;
  std::vector<jobs::QueuedJobCounts> queue;
  mail::OutboxCounts mails;
  std::int64_t feed = 0;
  const std::int64_t now = clock_.now();
  bool up = true;
  try {
    db_.run([&](soci::session& sql) {
      scheduled = jobs::scheduled_job_states(sql, now);
      queue = jobs::queued_job_counts(sql, now);
      mails = mail::outbox_counts(sql);
      feed = store::latest_change_id(sql);
    });
  } catch (const std::exception& e) {
    log::app()->warn("metrics: the database did not answer: {}", e.what());
    up = false;
  }
  out.family("schakel_database_up", "gauge", "1 when this node could read the database now.");
  out.sample("schakel_database_up", {}, up ? 1 : 0);
  if (!up) return;
  write_jobs(out, scheduled);
  write_queue(out, queue);
  write_outbox(out, mails);
  // Read after the feed: the index may only be behind, never ahead.
  write_feed(out, feed, search_->position());
}

web::Response App::metrics_page(const web::Request& req) {
  if (!web::metrics_allowed(req, config_.metrics_token)) return error_page(&req, 404);
  Exposition out;
  out.family("schakel_uptime_seconds", "gauge", "Seconds since this node's process started.");
  out.sample("schakel_uptime_seconds", {},
             std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  request_metrics_.write(out);
  write_page_cache_metrics(out);
  write_database_metrics(out);
  web::Response res;
  res.body = out.text();
  res.headers.set("Content-Type", Exposition::content_type);
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace schakel
