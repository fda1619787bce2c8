#pragma once
// `schakel export-static --to DIR`: the public kennisbank, training calendar,
// help pages for citizens and help-service directory as plain files that any
// web host (or a browser from disk) can serve without Schakel.
//
// Every page is the app's own page: the exporter runs the app's GET handler for
// the path as an anonymous visitor, in-process (App::handle without a cookie),
// so the archive holds exactly what anyone may see on the live site, in the same
// look. It starts from the public entry points, follows links within those
// sections, copies the assets and attachments the pages use, and rewrites every
// link to a relative one (see link_rewriter.hpp). Links to what is not in the
// archive point to one short page that says so; forms that need the server are
// left out, the site search goes to the archive's own search page, which reads a
// prebuilt index (search_index.hpp) with a script of its own.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace schakel {
class App;
}

namespace schakel::archive {

// The site paths the archive starts from, and the sections whose links it follows.
const std::vector<std::string>& static_entry_points();
const std::vector<std::string>& static_sections();
// The archive's own pages (not rendered from a route of the app): its search
// page, the page for what is only on the live platform, and the list of places
// of the help-service directory (in place of the live lookup form).
inline constexpr const char* static_search_path = "/zoeken";
inline constexpr const char* static_elsewhere_path = "/niet-in-archief";
inline constexpr const char* static_places_path = "/hulp/in-de-buurt";
// The file that marks a folder as a static archive (so a refresh may replace it).
inline constexpr const char* static_marker_file = ".schakel-statisch-archief";

// What an export wrote.
struct StaticExportReport {
  std::size_t pages = 0;        // HTML pages (the archive's own included)
  std::size_t files = 0;        // attachments and other non-HTML files of pages
  std::size_t assets = 0;       // CSS, scripts, images
  std::size_t index_pages = 0;  // pages in the search index
  std::size_t index_terms = 0;  // words in the search index
  std::uintmax_t index_bytes = 0;
  std::uintmax_t bytes = 0;          // all files together
  std::vector<std::string> sources;  // the site path of every page and file, sorted
};

// Reports progress: `done` of `total` steps known so far (the total grows while
// links are found).
using StaticProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Writes the static archive of `app`'s public pages into `dir`. Requires: every
// feature installed in `app`. `dir` must be absent, empty, or an earlier static
// archive (it holds static_marker_file), which is replaced; otherwise invalid on
// field "to" with a Dutch message, and nothing is written. Reads the database
// only through the app's GET handlers; writes nothing in it.
Result<StaticExportReport> export_static(App& app, const std::filesystem::path& dir,
                                         const StaticProgress& progress = {});

}  // namespace schakel::archive
