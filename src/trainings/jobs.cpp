#include "trainings/jobs.hpp"

#include "app/app.hpp"
#include "store/locks.hpp"
#include "trainings/notifications.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

int send_reminders(App& app) {
  const std::int64_t now = app.clock().now();
  Mailer mailer(app);
  std::vector<Session> due;
  app.db().run([&](soci::session& sql) {
    for (const auto& s : TrainingStore::sessions_between(sql, now, now + 2 * 86400))
      if (s.status == "planned" && !s.reminded_at) due.push_back(s);
  });
  int sent = 0;
  for (const auto& candidate : due) {
    app.db().transact([&](soci::session& sql) {
      // The series lock makes the check and the mark one step across nodes.
      store::lock_row(sql, "training_series", candidate.series_id);
      auto session = TrainingStore::find_session(sql, candidate.id);
      auto series = TrainingStore::find_series(sql, candidate.series_id);
      if (!session || session->reminded_at || session->status != "planned" || !series) return;
      if (series->status == "published")
        for (const auto& r : TrainingStore::of_series(sql, series->id)) {
          if (r.state != "registered") continue;
          if (r.unit.session_id && *r.unit.session_id != session->id) continue;
          mailer.reminder(sql, *series, *session, r);
          ++sent;
        }
      TrainingStore::mark_reminded(sql, session->id, now);
    });
  }
  return sent;
}

int delete_expired_answers(App& app) {
  const std::int64_t now = app.clock().now();
  int deleted = 0;
  app.db().transact([&](soci::session& sql) {
    TrainingStore::delete_expired_pending(sql, now);
    for (const auto& series : TrainingStore::all_series(sql)) {
      if (series.answers_deleted_at) continue;
      std::int64_t last_end = 0;
      bool planned = false;
      for (const auto& s : TrainingStore::sessions_of(sql, series.id)) {
        last_end = std::max(last_end, s.ends_at);
        planned = true;
      }
      const bool over = series.status == "cancelled" || (planned && last_end + 86400 < now);
      if (!over) continue;
      TrainingStore::mark_answers_deleted(sql, series.id, now);
      ++deleted;
    }
  });
  return deleted;
}

}  // namespace schakel::trainings
