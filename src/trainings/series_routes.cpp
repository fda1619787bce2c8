// HTTP routes of the training series, one file per page (see series_pages.hpp):
// the calendar, the series page, registration and the organiser's pages.
#include "trainings/routes.hpp"
#include "trainings/series_pages.hpp"

namespace schakel::trainings {

void install_series_routes(App& app) {
  pages::install_calendar_page(app);
  pages::install_series_page(app);
  pages::install_registration_routes(app);
  pages::install_organiser_routes(app);
}

}  // namespace schakel::trainings
