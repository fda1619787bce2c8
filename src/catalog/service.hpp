#pragma once
// Rules of the kennisbank: who may propose, create, edit, publish and restore
// resources, and the revision kept at every save.
#include <string>
#include <vector>

#include "catalog/store.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "web/http.hpp"

namespace schakel::catalog {

enum class Action { propose, edit, publish, view_history };

// Professionals propose (their proposal goes to review); SPOCs create, edit and
// publish resources of their own municipalities; coordinators do everything.
// `resource` is nullptr for a new one (then `owner_nis_code` is the intended owner).
bool may(const std::optional<web::Principal>& user, Action action, const Resource* resource,
         const std::string& owner_nis_code = {});

// One line of a readable diff: kept, removed or added.
struct DiffLine {
  char op;  // ' ', '-', '+'
  std::string text;
};
// Line diff of two texts (longest common subsequence), for the history page.
std::vector<DiffLine> diff_lines(const std::string& before, const std::string& after);

class CatalogService {
 public:
  CatalogService(store::Database& db, const Clock& clock) : db_(db), store_(db), clock_(clock) {}

  // Creates a resource from `draft` (id and timestamps ignored). A professional's
  // resource is put "in_review" whatever status it asked for. Errors by field;
  // forbidden when the actor may not create for that owner.
  Result<Resource> create(const web::Principal& actor, Resource draft);
  // Saves `changes` over resource `id` and keeps a revision. Errors by field,
  // not_found, forbidden.
  Result<Resource> update(const web::Principal& actor, std::int64_t id, Resource changes);
  // Brings back revision `number` as a new revision.
  Result<Resource> restore(const web::Principal& actor, std::int64_t id, int number);

 private:
  FieldErrors validate(soci::session& sql, const Resource& r, std::int64_t id);
  store::Database& db_;
  CatalogStore store_;
  const Clock& clock_;
};

// A URL-safe slug from a title: lower-case ASCII, accents folded, words joined by '-'.
std::string slugify(const std::string& title);

}  // namespace schakel::catalog
