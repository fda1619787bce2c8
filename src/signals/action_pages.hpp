#pragma once
// The pages of actions that several route files render: the action page (with
// its sub-forms for milestones, outputs and indicators, shown again with their
// errors when a sub-form fails) and the answer to a failed service call.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "signals/action_service.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::signals {

ActionService action_service(App& app);
// The model keys every network-only page of the feature sets for the tab bar.
nlohmann::json tabs_model(const web::Request& req);
// The page of action `id`; `error` (of a sub-form) shows with the form values sent.
web::Response action_page(App& app, const web::Request& req, std::int64_t id,
                          const Error* error = nullptr);
// The answer to a failed sub-form of action `id`: its page with the error, or an
// error page for not_found and forbidden.
web::Response action_failure(App& app, const web::Request& req, std::int64_t id,
                             const Error& error);

// Milestones, outputs and indicators (action_part_routes.cpp).
void install_action_part_routes(App& app);
// The coordinator's statuses (action_status_routes.cpp).
void install_action_status_routes(App& app);
// CSV export and import (action_csv_routes.cpp).
void install_action_csv_routes(App& app);
// The demo actions (action_demo.cpp).
void install_action_demo(App& app);

}  // namespace schakel::signals
