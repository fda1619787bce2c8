#include "app/app.hpp"
#include "trainings/routes.hpp"

namespace schakel::trainings {

void install_attendance_routes(App& app) { (void)app; }

}  // namespace schakel::trainings
