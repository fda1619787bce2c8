#pragma once
// The kennisbank feature: resources that professionals find, propose and keep
// up to date. Search, attachments, feeds and the API follow (issue 4).
namespace schakel {
class App;
}

namespace schakel::catalog {

// Registers /kennisbank and its pages, and the demo resources.
void install(App& app);

}  // namespace schakel::catalog
