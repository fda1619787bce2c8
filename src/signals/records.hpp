#pragma once
// Signals and needs (issue 13, part "records"): what SPOCs hear in their
// region and the needs and gaps those signals point to. Registered by
// signals::install through install_records.
#include <functional>
#include <string>

#include "core/result.hpp"
#include "web/http.hpp"

namespace schakel {
class App;
}

namespace schakel::signals {

// Routes of signals and needs, and the demo content "signals" (order 60).
void install_records(App& app);
void install_signal_routes(App& app);
void install_need_routes(App& app);

// The answer to a failed service call of signals or needs: a refusal is
// audited (App::deny with `object`, e.g. "signal:12"); anything else goes to
// App::failure_page with `form_again`.
web::Response records_failure(App& app, const web::Request& req, const Error& error,
                              const std::string& object,
                              const std::function<web::Response(int)>& form_again = {});

}  // namespace schakel::signals
