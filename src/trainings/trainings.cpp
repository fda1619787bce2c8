#include "trainings/trainings.hpp"

#include "app/app.hpp"
#include "trainings/routes.hpp"
#include "trainings/service.hpp"

namespace schakel::trainings {

void install(App& app) {
  app.jobs().add(jobs::Job{"trainings.expire_offers", 300, 120,
                           [&app] { RegistrationService(app.db(), app.clock()).expire_offers(); }});
  install_series_routes(app);
  install_calendar_routes(app);
  install_attendance_routes(app);
  install_evaluation_routes(app);
  install_certificate_routes(app);
}

}  // namespace schakel::trainings
