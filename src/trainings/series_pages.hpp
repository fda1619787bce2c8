#pragma once
// Internal to trainings: what the page files of the training series share
// (series_pages.cpp). The pages themselves, one file each:
//   calendar_page.cpp        /vorming: the calendar with its filter
//   series_page.cpp          /vorming/{slug}: the series page and its registration form
//   registration_routes.cpp  registering, a guest's confirmation, managing a registration
//   organiser_routes.cpp     the organiser's forms and the list of participants
// series_routes.cpp installs them in that order.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/terms.hpp"
#include "store/database.hpp"
#include "trainings/types.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::trainings::pages {

void install_calendar_page(App& app);
void install_series_page(App& app);
void install_registration_routes(App& app);
void install_organiser_routes(App& app);

// A series with its sessions by start time.
struct Loaded {
  Series series;
  std::vector<Session> sessions;
};

// The series of the path's {slug} as `req`'s user may see it, or nullopt (404).
std::optional<Loaded> load_visible(App& app, const web::Request& req);

// The series page (series_page.cpp). With `error`: the registration form again
// with its field errors and `status`. A guest sees the registration form only on
// its own page (`guest_form`).
web::Response series_page(App& app, web::Request& req, const Error* error = nullptr,
                          int status = 200, bool guest_form = false);

// Municipality names by NIS code (reference data), and one name (the code when unknown).
const std::map<std::string, std::string>& municipality_names(store::Database& db);
std::string municipality_name(App& app, const std::string& nis);

// Options for a <select>: [{value, label, selected}], `empty_label` first when given.
nlohmann::json choice_list(const std::vector<Choice>& list, const std::string& selected,
                           const std::string& empty_label = {});
// The municipalities and sectors of the registration form, by name, optional.
nlohmann::json municipality_choices(App& app, const std::string& selected);
nlohmann::json sector_choices(const std::string& selected);
// The label of theme `slug` among `terms` (the slug when unknown).
std::string theme_label(const std::vector<catalog::Term>& terms, const std::string& slug);

// What a session shows: the online link only when `show_link` (people holding a place).
nlohmann::json session_row(const Session& s, bool show_link, std::int64_t now);
// "Nog 3 plaatsen", "Volzet: je komt op de wachtlijst" for a unit.
std::string places_text(soci::session& sql, const Unit& unit);
// The Dutch label of a registration's state ("Ingeschreven", ...).
std::string state_label(const Registration& r);

// The first moment after `now` at which a page about `series` reads differently
// by the clock alone: a session starts or ends, or the registration deadline
// passes. nullopt when no such moment is left.
std::optional<std::int64_t> next_change(const Series& series, const std::vector<Session>& sessions,
                                        std::int64_t now);

}  // namespace schakel::trainings::pages
