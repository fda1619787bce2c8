#include "digest/digest.hpp"

#include "app/app.hpp"
#include "digest/demo.hpp"
#include "digest/digest_service.hpp"
#include "digest/newsletter.hpp"
#include "digest/routes.hpp"

namespace schakel::digest {

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(
      archive_tables_of("digest", {"notification_preferences", "digest_sends", "digest_sent_items",
                                   "newsletters", "newsletter_recipients"}));
  install_routes(app);
  // Every 15 minutes: a day's digest goes out in the first quarter hour after
  // midnight (Brussels), a week's after Sunday midnight. Sends are idempotent
  // per person and period, so a run on another node or after a crash is safe.
  app.jobs().add(jobs::Job{digest_job, 900, 1800, [&app] { DigestRunner(app).run(); }});
  app.add_demo_loader(DemoLoader{"digest", 80, load_demo, unload_demo});
  install_newsletters(app);
}

}  // namespace schakel::digest
