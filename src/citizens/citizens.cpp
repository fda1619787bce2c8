#include "citizens/citizens.hpp"

#include "app/app.hpp"

namespace schakel::citizens {

void install(App& app) {
  // One line per part (help pages, the way to help, local help services).
  (void)app;
}

}  // namespace schakel::citizens
