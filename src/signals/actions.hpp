#pragma once
// The actions part of signals (issue 13): /acties and its forms, the statuses,
// the CSV exchange and the demo actions.

namespace schakel {
class App;
}

namespace schakel::signals {

// Registers the routes of actions and the "actions" demo loader (order 70).
void install_actions(App& app);

}  // namespace schakel::signals
