#pragma once
// The campaign's routes, registered by campaigns::install (thin handlers; the
// rules are in CampaignService).
#include <functional>
#include <string>

#include "core/result.hpp"

#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::campaigns {

// The campaign page, postcard texts, help lines, PDFs and the QR target /k/{code}.
void install_postcard_routes(App& app);
// Distribution rounds, their distributions and the coordinator's totals.
void install_round_routes(App& app);

// The answer to a failed service call: a refusal about municipality `nis_code`
// is audited (App::deny, object "municipality:<nis>"); anything else goes to
// App::failure_page with `form_again`.
web::Response failure(App& app, const web::Request& req, const Error& error,
                      const std::string& nis_code,
                      const std::function<web::Response(int)>& form_again = {});

// A file download that is never cached.
web::Response download(std::string body, const std::string& type, const std::string& file_name);

}  // namespace schakel::campaigns
