#pragma once
// The view models of the meeting pages (routes.cpp renders them): names of
// people and municipalities, links of agenda items, Markdown minutes as HTML.
#include <optional>

#include <nlohmann/json.hpp>

#include "network/meetings/service.hpp"
#include "network/meetings/types.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::meetings {

// A meeting as a list row: id, title, when, format label, cancelled.
nlohmann::json summary_model(const Meeting& m);
// Everything the meeting page shows to `req.user` (the online link only when
// sees_link; organiser forms only for organisers).
nlohmann::json meeting_model(App& app, const web::Request& req, MeetingService& service,
                             const MeetingRecord& record);
// Action points with their meeting and owner's name.
nlohmann::json points_model(App& app, const std::vector<ActionPoint>& points);

}  // namespace schakel::meetings
