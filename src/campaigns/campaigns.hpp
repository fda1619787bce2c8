#pragma once
// The campaigns feature (issue 12): postcards per theme, printable per municipality
// with a QR code to local help, distribution rounds and anonymous scan counts.
namespace schakel {
class App;
}

namespace schakel::campaigns {

// Registers the routes, jobs and demo content of the postcards campaign.
void install(App& app);

}  // namespace schakel::campaigns
