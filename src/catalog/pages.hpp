#pragma once
// What the route files of the kennisbank share (routes.cpp, form_routes.cpp,
// history_routes.cpp); not for other features.
#include <string>
#include <variant>

#include "catalog/service.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::catalog {

// The number in path parameter `name`, or 0 when it is not one (at most 6 digits).
int number_param(const web::Request& req, const std::string& name);

// The resource of the {slug} parameter, when the signed-in user may do `action`
// on it; otherwise the answer to send (404, or an audited 403). Requires: the
// route declares Access::signed_in(). The rule is per resource (whose
// municipality), and an unknown slug answers 404 to everyone signed in, so it
// stays here rather than in a role declaration.
std::variant<Resource, web::Response> resource_for(App& app, web::Request& req, Action action,
                                                   const char* action_name);

// Registers the form pages: a new resource, editing one, adding and removing
// attachments (catalog/form_routes.cpp).
void install_form_pages(App& app);

// Registers the history of a resource and restoring an old version
// (catalog/history_routes.cpp).
void install_history_pages(App& app);

}  // namespace schakel::catalog
