#include "app/app.hpp"
#include "trainings/routes.hpp"

namespace schakel::trainings {

void install_certificate_routes(App& app) { (void)app; }

}  // namespace schakel::trainings
