#pragma once
// Routes of the digest feature (digest/routes.cpp).
namespace schakel {
class App;
}

namespace schakel::digest {

// Registers GET/POST /profiel/meldingen (signed in) and GET/POST /meldingen/uitschrijven
// (anyone with a signed token; the POST needs no CSRF token).
void install_routes(App& app);

}  // namespace schakel::digest
