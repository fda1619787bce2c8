#include "dashboard/dashboard.hpp"

#include "app/app.hpp"

namespace schakel::dashboard {

void install(App& app) { (void)app; }

}  // namespace schakel::dashboard
