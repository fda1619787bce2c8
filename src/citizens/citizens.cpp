#include "citizens/citizens.hpp"

#include "app/app.hpp"
#include "citizens/directory.hpp"
#include "citizens/help_pages.hpp"
#include "citizens/helpline.hpp"

namespace schakel::citizens {

void install(App& app) {
  // Every table of this feature in the full export (archive/, issue 15).
  app.add_archive_tables(archive_tables_of(
      "citizens", {"help_pages", "helpline_hours", "helpline_closing_days", "help_organizations",
                   "help_services", "help_service_areas", "help_locations", "help_phones"}));
  app.add_archive_tables(
      archive_tables_of("citizens", {"helpline_channels"}, ArchiveTable::Mode::seeded));
  // One line per part (help pages, the way to help, local help services).
  install_help_pages(app);
  install_helpline(app);
  install_directory(app);
}

}  // namespace schakel::citizens
