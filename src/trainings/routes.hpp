#pragma once
// The route groups of the training feature, one file each; install() in
// trainings.cpp calls them all. Each registers its pages, and jobs if any.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "trainings/materials_store.hpp"
#include "trainings/types.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::trainings {

void install_series_routes(App& app);       // series_routes.cpp: calendar, pages, registration
void install_calendar_routes(App& app);     // calendar_routes.cpp: iCalendar feeds
void install_attendance_routes(App& app);   // attendance_routes.cpp: lists, QR check-in, reports
void install_evaluation_routes(App& app);   // evaluation_routes.cpp: forms, results, impact
void install_certificate_routes(App& app);  // certificate_routes.cpp: PDF, verification
void install_materials_routes(App& app);    // materials_routes.cpp: session materials

// --- Session materials for other pages (materials_routes.cpp) ---------------------
// The download path of material `m` of series `slug`.
std::string material_path(const std::string& slug, const Material& m);
// The materials of session `session_id` of `series` for the series page:
// [{id, name, file_name, title, type, size, url}] in the order they were added;
// empty unless `user` organises the series or holds a place (registered) for
// the session or the whole series.
nlohmann::json materials_of_session_model(App& app, const Series& series, std::int64_t session_id,
                                          const std::optional<web::Principal>& user);
// For the guest's manage page: the materials of the sessions registration
// `registration_id` holds a place for (none unless registered), with links that
// carry its manage `token` (Mailer::manage_path). Items as above plus
// "session" (session_label()).
nlohmann::json materials_of_registration_model(App& app, std::int64_t registration_id,
                                               const std::string& token);

}  // namespace schakel::trainings
