#include "app/app.hpp"
#include "trainings/routes.hpp"

namespace schakel::trainings {

void install_evaluation_routes(App& app) { (void)app; }

}  // namespace schakel::trainings
