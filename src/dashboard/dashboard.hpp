#pragma once
// The coordinator's dashboard (issue 14): one page with what waits for the
// coordinator (the AttentionSource lines every feature registers) and the
// figures of the network's four goals, exportable as a yearly report.
namespace schakel {
class App;
}

namespace schakel::dashboard {

// Registers the dashboard's routes and the lines of the shared layers (mail).
void install(App& app);

}  // namespace schakel::dashboard
