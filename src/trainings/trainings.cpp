#include "trainings/trainings.hpp"

#include "app/app.hpp"
#include "search/engine.hpp"
#include "trainings/attention.hpp"
#include "trainings/demo.hpp"
#include "trainings/jobs.hpp"
#include "trainings/materials_store.hpp"
#include "trainings/news.hpp"
#include "trainings/routes.hpp"
#include "trainings/search.hpp"
#include "trainings/service.hpp"
#include "trainings/store.hpp"

namespace schakel::trainings {

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(archive_tables_of(
      "trainings",
      {"training_series", "training_sessions", "training_registrations", "training_series_themes",
       "training_questions", "training_answers", "training_materials", "training_attendance",
       "training_evaluations", "training_confidence", "training_certificates",
       "training_evaluation_invites"}));
  // A guest's pending registration and a private calendar feed live by their tokens.
  app.add_archive_tables(archive_tables_of(
      "trainings", {"training_pending", "training_calendar_feeds"}, ArchiveTable::Mode::secret));
  register_blob_referrer();
  app.jobs().add(jobs::Job{"trainings.expire_offers", 300, 120,
                           [&app] { RegistrationService(app.db(), app.clock()).expire_offers(); }});
  app.jobs().add(jobs::Job{"trainings.reminders", 900, 300, [&app] { send_reminders(app); }});
  app.jobs().add(
      jobs::Job{"trainings.delete_answers", 3600, 600, [&app] { delete_expired_answers(app); }});
  app.search().add_source(series_source());
  app.add_demo_loader(DemoLoader{"trainings", 60, load_demo, &TrainingStore::delete_demo});
  install_series_routes(app);
  install_calendar_routes(app);
  install_attendance_routes(app);
  install_evaluation_routes(app);
  install_certificate_routes(app);
  install_materials_routes(app);
  // The dashboard lines (issue 14).
  install_attention(app);
  app.add_news_source(NewsSource{"trainings.series", &new_series});
}

}  // namespace schakel::trainings
