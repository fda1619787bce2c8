#pragma once
// The meetings' routes, registered by meetings::install (thin handlers; the
// rules are in MeetingService).
namespace schakel {
class App;
}

namespace schakel::meetings {

// /overleg, /overleg/nieuw, /overleg/actiepunten and /overleg/{id}/... pages and forms.
void install_routes(App& app);

}  // namespace schakel::meetings
