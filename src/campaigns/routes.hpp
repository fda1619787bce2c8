#pragma once
// The campaign's routes, registered by campaigns::install (thin handlers; the
// rules are in CampaignService).
#include <string>

#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::campaigns {

// The campaign page, postcard texts, help lines, PDFs and the QR target /k/{code}.
void install_postcard_routes(App& app);
// Distribution rounds, their distributions and the coordinator's totals.
void install_round_routes(App& app);

// A file download that is never cached.
web::Response download(std::string body, const std::string& type, const std::string& file_name);

}  // namespace schakel::campaigns
