#pragma once
// The route groups of the training feature, one file each; install() in
// trainings.cpp calls them all. Each registers its pages, and jobs if any.
namespace schakel {
class App;
}

namespace schakel::trainings {

void install_series_routes(App& app);       // series_routes.cpp: calendar, pages, registration
void install_calendar_routes(App& app);     // calendar_routes.cpp: iCalendar feeds
void install_attendance_routes(App& app);   // attendance_routes.cpp: lists, QR check-in, reports
void install_evaluation_routes(App& app);   // evaluation_routes.cpp: forms, results, impact
void install_certificate_routes(App& app);  // certificate_routes.cpp: PDF, verification

}  // namespace schakel::trainings
