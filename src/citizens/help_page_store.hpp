#pragma once
// SQL of the help pages (table help_pages, owner citizens). Their revisions live
// in the shared revisions layer (subject kind "help_page").
#include <optional>
#include <string>
#include <vector>

#include "citizens/help_page_types.hpp"
#include "store/database.hpp"

namespace schakel::citizens {

class HelpPageStore {
 public:
  explicit HelpPageStore(store::Database& db) : db_(db) {}

  // Every page in its order on /hulp.
  std::vector<HelpPage> all();
  std::optional<HelpPage> find_by_slug(const std::string& slug);

  static std::vector<HelpPage> all(soci::session& sql);
  static std::optional<HelpPage> find(soci::session& sql, std::int64_t id);
  static std::optional<HelpPage> find_by_slug(soci::session& sql, const std::string& slug);
  static std::int64_t count(soci::session& sql);
  // Inserts the page and records a change; returns its id. Requires a free slug.
  static std::int64_t insert(soci::session& sql, const HelpPage& page, std::int64_t now);
  // Writes the editable fields (title, summary, sections) and records a change.
  static void update(soci::session& sql, const HelpPage& page, std::int64_t now);
  // Deletes the demo pages and their revisions (demo --force).
  static void delete_demo(soci::session& sql);

 private:
  store::Database& db_;
};

}  // namespace schakel::citizens
