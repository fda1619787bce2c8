#include "trainings/trainings.hpp"

#include "app/app.hpp"
#include "trainings/service.hpp"

namespace schakel::trainings {

void install(App& app) {
  app.jobs().add(jobs::Job{"trainings.expire_offers", 300, 120,
                           [&app] { RegistrationService(app.db(), app.clock()).expire_offers(); }});
}

}  // namespace schakel::trainings
