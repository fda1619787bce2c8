#include "citizens/citizens.hpp"

#include "app/app.hpp"
#include "citizens/directory.hpp"
#include "citizens/help_pages.hpp"
#include "citizens/helpline.hpp"

namespace schakel::citizens {

void install(App& app) {
  // One line per part (help pages, the way to help, local help services).
  install_help_pages(app);
  install_helpline(app);
  install_directory(app);
}

}  // namespace schakel::citizens
