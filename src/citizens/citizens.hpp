#pragma once
// The citizens feature (issue 12): help pages in plain Dutch, the way to help
// (1712, 101, 112) and the directory of local help services. Citizen pages set no
// cookies, load nothing from another origin and are never cached by the browser.
namespace schakel {
class App;
}

namespace schakel::citizens {

// Registers the routes, jobs, search documents and demo content of every part.
void install(App& app);

}  // namespace schakel::citizens
