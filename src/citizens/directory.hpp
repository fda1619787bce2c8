#pragma once
// The directory of local help services (issue 12, part "directory"): the citizen's
// lookup by place (/hulp/in-de-buurt -> /hulp/dichtbij/{place_code}), the
// maintenance pages of SPOCs and the coordinator (/netwerk/hulpaanbod), the
// professionals' referral view (/doorverwijzen) and the HSDS export and import.
namespace schakel {
class App;
}

namespace schakel::citizens {

// Registers the directory's routes and its demo content.
void install_directory(App& app);

}  // namespace schakel::citizens
