#pragma once
// The admin's backup page, /beheer/backups: the last backup, the kept files,
// a warning when the newest is too old, and a button that takes one now.
namespace schakel {
class App;
}

namespace schakel::archive {

// Registers GET and POST /beheer/backups (admins only).
void install_routes(App& app);

}  // namespace schakel::archive
