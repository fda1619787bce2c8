#pragma once
// The digest feature (issue 14): people's mail choices per kind and theme, the
// daily and weekly digests, one-click unsubscribe and the network's newsletter.
namespace schakel {
class App;
}

namespace schakel::digest {

// Registers the feature's routes, jobs and demo content.
void install(App& app);

}  // namespace schakel::digest
