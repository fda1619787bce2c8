#pragma once
// The dashboard's pages (routes.cpp).
namespace schakel {
class App;
}

namespace schakel::dashboard {

// Registers /coordinatie and /coordinatie/jaarverslag/{year}.pdf|.xlsx for
// coordinators and admins.
void install_routes(App& app);

}  // namespace schakel::dashboard
