#pragma once
// The accounts feature: sign-in, sign-out and (later) sign-up and profiles.
namespace schakel {
class App;
}

namespace schakel::accounts {

// The password of the demo accounts, printed by `make run`; they can sign in
// only when the server runs with --allow-demo-accounts.
inline constexpr const char* demo_password = "schakel-demo-2026";

// Registers /aanmelden and /afmelden, the principal loader and demo accounts.
void install(App& app);

}  // namespace schakel::accounts
