#pragma once
// Signals, needs and gaps linked to actions (issue 13), and the network's goals
// they serve: what is missing in the region and what is being done about it.
namespace schakel {
class App;
}

namespace schakel::signals {

// Registers every part of the feature: routes, jobs, search documents, demo content.
void install(App& app);

}  // namespace schakel::signals
