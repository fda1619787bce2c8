#include "signals/retention.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "app/app.hpp"
#include "core/log.hpp"
#include "jobs/runner.hpp"
#include "signals/retention_store.hpp"
#include "signals/timeline_store.hpp"
#include "store/changes.hpp"

namespace schakel::signals {

std::int64_t retention_cutoff(std::int64_t now, int years) {
  using namespace std::chrono;
  const sys_seconds t{seconds{now}};
  const sys_days day = floor<days>(t);
  const seconds time_of_day = t - day;
  year_month_day ymd{day};
  ymd = (ymd.year() - std::chrono::years{years}) / ymd.month() / ymd.day();
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;  // 29 February in a year without one
  return (sys_days{ymd} + time_of_day).time_since_epoch().count();
}

int delete_expired_signals(store::Database& db, std::int64_t now, int years) {
  const std::int64_t cutoff = retention_cutoff(now, years);
  const auto ids =
      db.run([&](soci::session& sql) { return RetentionStore::closed_before(sql, cutoff); });
  int deleted = 0;
  for (const std::int64_t id : ids) {
    db.transact([&](soci::session& sql) {
      RetentionStore::delete_signal(sql, id);
      TimelineStore::delete_for(sql, "signal", id);
      store::record_change(sql, "signal", std::to_string(id), "deleted", now);
    });
    ++deleted;
  }
  if (deleted > 0) {
    log::app()->info("signals.retention: deleted {} signal(s) closed more than {} year(s) ago",
                     deleted, years);
  }
  return deleted;
}

void install_retention(App& app) {
  const int years = app.config().signals_retention_years;
  app.jobs().add(jobs::Job{"signals.retention", 86400, 600, [&app, years] {
                             delete_expired_signals(app.db(), app.clock().now(), years);
                           }});
}

}  // namespace schakel::signals
