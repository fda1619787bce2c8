#pragma once
// The way to help (issue 12): 1712 with its channels and whether each is open now,
// and 101 and 112 for danger now. Other features and pages show it through the
// shared partial src/view/templates/partials/way_to_help.mustache:
//
//   auto help = citizens::way_to_help(app.db(), app.clock().now());
//   model["way_to_help"] = help.model;               // what the partial reads
//   auto res = app.render_page(req, "feature/page", title, model);
//   res.cache_until = help.valid_until;              // on a page cached for anonymous
//
// and in the template `{{> way_to_help}}` (headings h2), or with h3 headings
// inside a section: `{{<way_to_help}}{{$heading}}h3{{/heading}}{{/way_to_help}}`.
// Its blocks (heading, id, title) are documented at the top of the partial.
// The state is computed per request; a page kept in the anonymous page cache must
// set cache_until as above, so the cache never serves a stale "open".
#include <cstdint>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace schakel {
class App;
}

namespace schakel::citizens {

struct WayToHelp {
  nlohmann::json model;      // put under "way_to_help" in a page's model
  std::int64_t valid_until;  // the next moment any channel opens or closes, or midnight
};

// The way to help at `now` (Unix seconds), from the channels, hours and closing
// days in `db`.
WayToHelp way_to_help(store::Database& db, std::int64_t now);
// way_to_help(db, now).model.
nlohmann::json way_to_help_model(store::Database& db, std::int64_t now);

// Registers /hulp/1712, its editor for the coordinator and the demo hours.
void install_helpline(App& app);

}  // namespace schakel::citizens
