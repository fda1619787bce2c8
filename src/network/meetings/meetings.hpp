#pragma once
// Platform meetings of the network (issue 14): agenda, proposals of SPOCs,
// attendance, minutes, decisions and action points, invitations with an .ics.
// A module of its own below network/ (it builds on signals, which builds on
// the network's members).
namespace schakel {
class App;
}

namespace schakel::meetings {

// Registers the meetings' routes, jobs, search documents and demo content.
void install(App& app);

}  // namespace schakel::meetings
