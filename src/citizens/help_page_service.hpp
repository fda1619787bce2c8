#pragma once
// The rules of the help pages: only coordinators edit them; every save and every
// restore keeps a revision in the shared revisions layer; each field is required
// and bounded. The readability score is advice shown to the editor, not a rule.
#include <optional>
#include <string>
#include <vector>

#include "citizens/help_page_types.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "revisions/revisions.hpp"
#include "store/database.hpp"
#include "web/http.hpp"

namespace schakel::citizens {

// Slugs that other parts of /hulp use ("/hulp/1712", "/hulp/in-de-buurt",
// "/hulp/dichtbij/…", "/hulp/nieuw"); no help page may take them.
const std::vector<std::string>& reserved_help_slugs();

// Field errors of the editable fields of `page` (empty when it may be saved).
FieldErrors validate_help_page(const HelpPage& page);

class HelpPageService {
 public:
  HelpPageService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Saves the title, summary and sections of `changes` over the page `slug` and
  // keeps a revision. not_found for an unknown slug, forbidden for anyone but a
  // coordinator, invalid with field errors (nothing saved).
  Result<HelpPage> save(const web::Principal& actor, const std::string& slug, HelpPage changes);
  // Adds page `page` (title, summary, sections and the slug of its address) with its
  // first revision. forbidden for anyone but a coordinator; busy past 20 new pages an
  // hour; invalid with field errors for a badly formed, reserved or taken slug or bad
  // fields (nothing saved).
  Result<HelpPage> add(const web::Principal& actor, const HelpPage& page);
  // Brings back revision `number` as a new revision (not_found when it does not exist).
  Result<HelpPage> restore(const web::Principal& actor, const std::string& slug, int number);
  // The revisions of page `slug`, newest first (empty for an unknown slug).
  std::vector<revisions::Revision> history(const std::string& slug);

  // Adds a new page with its first revision, inside the caller's transaction.
  // invalid for a badly formed, reserved or taken slug, or bad fields.
  static Result<std::int64_t> create(soci::session& sql, const HelpPage& page,
                                     std::optional<std::int64_t> author_id,
                                     const std::string& author_label, std::int64_t now);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace schakel::citizens
