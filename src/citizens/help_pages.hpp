#pragma once
// The help pages for citizens: /hulp (the index), /hulp/{slug} (a page), and the
// coordinator's editor with readability score, history and restore. Registers
// the routes, the search documents and the demo pages.
namespace schakel {
class App;
}

namespace schakel::citizens {

void install_help_pages(App& app);

}  // namespace schakel::citizens
