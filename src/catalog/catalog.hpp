#pragma once
// The kennisbank feature: resources that professionals find, propose and keep
// up to date. Search, attachments, feeds and the API follow (issue 4).
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "view/escape.hpp"

namespace schakel {
class App;
}

namespace schakel::catalog {

// The demo resources (catalog/demo.cpp), loaded after the demo accounts.
void load_demo(soci::session& sql, const Clock& clock);

// Registers /kennisbank/termen, where the coordinator adds themes and other terms.
void install_vocabulary_pages(App& app);

// Registers GET /zoeken, the search results page (catalog/search_routes.cpp).
void install_search_page(App& app);

// Registers the Atom feeds: /kennisbank/feed.xml and
// /kennisbank/thema/{theme}/feed.xml (catalog/feeds.cpp).
void install_feeds(App& app);

// Registers the read API under /api/v1 (catalog/api.cpp).
void install_api(App& app);

// XML escaping (view/escape.hpp), used by the feeds.
using view::xml_escape;

// Registers /kennisbank and its pages, and the demo resources.
void install(App& app);

}  // namespace schakel::catalog
