#pragma once
// The accounts feature: sign-in, sign-out and (later) sign-up and profiles.
namespace schakel {
class App;
}

namespace schakel::accounts {

// The password of the demo accounts, printed by `make run`; they can sign in
// only when the server runs with --allow-demo-accounts.
inline constexpr const char* demo_password = "schakel-demo-2026";
// The TOTP secret of the demo coordinator and admin (base32), printed by `make run`
// so it can be added to an authenticator app; `schakel demo-code` prints the code.
inline constexpr const char* demo_totp_secret = "ONRWQYLLMVWC2ZDFNVXS25DPORYC2MRW";

// Registers /aanmelden and /afmelden, the principal loader and demo accounts.
void install(App& app);

}  // namespace schakel::accounts
