#pragma once
// Help pages for citizens: a general page and a page per theme, each answering
// the same five questions in plain Dutch (Markdown bodies).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schakel::citizens {

struct HelpPage {
  std::int64_t id = 0;
  std::string slug;   // in /hulp/{slug}; never "1712", "in-de-buurt" or "dichtbij"
  std::string theme;  // catalog theme slug, "" for the general page
  int position = 0;   // order on /hulp
  std::string title;
  std::string summary;  // one or two sentences for the index and search results
  std::string what_is_it;
  std::string recognise;
  std::string react;  // do's and don'ts when you suspect it
  std::string talk;
  std::string where_to_go;
  bool is_demo = false;
  std::optional<std::int64_t> updated_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// One of the five sections: its field (form name and snapshot key) and heading.
struct HelpSection {
  const char* field;
  const char* heading;  // Dutch, as shown on the page
  std::string HelpPage::*text;
};
const std::vector<HelpSection>& help_sections();

// Every text a coordinator edits, in reading order (title, summary, sections),
// joined by blank lines: what the readability score reads.
std::string editable_text(const HelpPage& page);

// The editable fields as JSON (for revisions), and back onto `page` (id, slug,
// theme, position and timestamps are kept). A snapshot that is not JSON changes nothing.
std::string snapshot_of(const HelpPage& page);
void apply_snapshot(HelpPage& page, const std::string& snapshot);

// The subject kind of help pages in the shared revisions table.
inline constexpr const char* help_page_revision_kind = "help_page";

}  // namespace schakel::citizens
