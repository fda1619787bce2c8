#pragma once
// Rules of the kennisbank: who may propose, create, edit, publish and restore
// resources, and the revision kept at every save.
#include <string>
#include <vector>

#include "catalog/attachments.hpp"
#include "catalog/store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "revisions/diff.hpp"
#include "store/rate_limits.hpp"
#include "web/http.hpp"

namespace schakel::catalog {

enum class Action { propose, edit, publish, view_history };

// Professionals propose (their proposal goes to review); SPOCs create, edit and
// publish resources of their own municipalities; coordinators do everything.
// `resource` is nullptr for a new one (then `owner_nis_code` is the intended owner).
bool may(const std::optional<web::Principal>& user, Action action, const Resource* resource,
         const std::string& owner_nis_code = {});

// Who may open a resource page and its attachments: anyone who may see a
// published resource, and its editors (and its author) whatever its status.
bool may_open(const std::optional<web::Principal>& user, const Resource& r);

// True for "mm:ss" and "hh:mm:ss" (minutes and seconds below 60).
bool valid_duration(const std::string& text);
// True for an absolute http or https URL without spaces or control characters.
bool valid_web_url(const std::string& text);

// The line diff of the history page comes from the shared revisions layer.
using revisions::diff_lines;
using revisions::DiffLine;

// Sizes of a resource's fields, in characters: room for a full description
// (about 3,000 words) and a page per section, not for a dump.
namespace limits {
inline constexpr std::size_t title = 200;
inline constexpr std::size_t summary = 400;
inline constexpr std::size_t body = 20000;
inline constexpr std::size_t section = 3000;  // rationale, goals, approach, ...
inline constexpr std::size_t guests = 1000;
inline constexpr std::size_t links = 20;
}  // namespace limits
// New resources per account (not the coordinator), counted when they are accepted.
inline constexpr store::RateRule new_resources_per_hour{10, 3600};
inline constexpr store::RateRule new_resources_per_day{30, 86400};

class CatalogService {
 public:
  CatalogService(store::Database& db, const Clock& clock) : db_(db), store_(db), clock_(clock) {}

  // Creates a resource from `draft` (id and timestamps ignored). A professional's
  // resource is put "in_review" whatever status it asked for. Errors by field;
  // forbidden when the actor may not create for that owner; busy beyond
  // new_resources_per_hour or _per_day (nothing is stored then).
  Result<Resource> create(const web::Principal& actor, Resource draft);
  // Saves `changes` over resource `id` and keeps a revision. Errors by field,
  // not_found, forbidden.
  Result<Resource> update(const web::Principal& actor, std::int64_t id, Resource changes);
  // Adds a term to a vocabulary ("theme", "audience", "age_group",
  // "policy_domain"): coordinators
  // only. The slug comes from the label. Errors by field ("vocabulary", "label"):
  // unknown list, a label of 2 to 60 characters, no duplicate, at most 100 terms.
  Result<Term> add_term(const web::Principal& actor, const std::string& vocabulary,
                        const std::string& label);
  // Brings back revision `number` as a new revision.
  Result<Resource> restore(const web::Principal& actor, std::int64_t id, int number);
  // Adds an uploaded file to resource `resource_id` after sniffing its type. Errors
  // on field "file" (none chosen, empty, larger than `max_bytes`, a type we do
  // not accept) store nothing; not_found, forbidden.
  Result<Attachment> attach(const web::Principal& actor, std::int64_t resource_id,
                            const files::Upload& upload, std::size_t max_bytes);
  // Removes an attachment of resource `resource_id`. not_found, forbidden.
  Status detach(const web::Principal& actor, std::int64_t resource_id, std::int64_t attachment_id);

 private:
  FieldErrors validate(soci::session& sql, const Resource& r, std::int64_t id);
  store::Database& db_;
  CatalogStore store_;
  const Clock& clock_;
};

// A URL-safe slug from a title: lower-case ASCII, accents folded, words joined by '-'.
std::string slugify(const std::string& title);

}  // namespace schakel::catalog
