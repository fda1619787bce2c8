#pragma once
// The site feature: the home page, the statements (accessibility, privacy),
// the safe-browsing page and the health endpoints.
namespace schakel {
class App;
}

namespace schakel::site {

// Registers /, /toegankelijkheid, /privacy, /veilig-surfen, /healthz, /readyz.
void install(App& app);

}  // namespace schakel::site
