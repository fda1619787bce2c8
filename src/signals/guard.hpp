#pragma once
// The guard part of signals (issue 13): the retention job of closed signals and
// the network-only search over signals, needs and actions (/signalen/zoeken).
// The privacy guard itself is core/privacy_guard.hpp.
namespace schakel {
class App;
}

namespace schakel::signals {

// Registers the job "signals.retention", the search documents "signal", "need"
// and "action", and the page /signalen/zoeken.
void install_guard(App& app);

}  // namespace schakel::signals
