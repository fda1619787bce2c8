#pragma once
// View models of help services, shared by the citizen's, the professional's and the
// maintainer's pages (HTML stays in the templates).
#include <vector>

#include <nlohmann/json.hpp>

#include "citizens/help_service_service.hpp"
#include "store/database.hpp"
#include "web/form.hpp"

namespace schakel::citizens {

// One service: names, phones with tel: targets, address, hours, how to get in, ...
nlohmann::json service_model(store::Database& db, const HelpService& s);
// `services` grouped by type in the order of all_service_types:
// [{"label", "services": [...]}], types without services left out.
nlohmann::json grouped_model(store::Database& db, const std::vector<HelpService>& services);
// The options of the maintenance form for input `in`: types, referrals, themes,
// target groups, area kinds and provinces, each with "selected"/"checked".
nlohmann::json form_choices(const ServiceInput& in, bool coordinator);
// The values of the form (`values.NAME` in the field partial).
nlohmann::json form_values(const ServiceInput& in);
// The form of a request: every field of ServiceInput.
ServiceInput input_from_form(const web::Form& form);

}  // namespace schakel::citizens
