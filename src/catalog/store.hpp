#pragma once
// SQL of the kennisbank.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/types.hpp"
#include "store/database.hpp"

namespace schakel::catalog {

class CatalogStore {
 public:
  explicit CatalogStore(store::Database& db) : db_(db) {}

  // Published resources whose visibility is in `visibilities`, newest first.
  // For lists: the vocabularies and tracks of these entries are not loaded.
  std::vector<Resource> published(const std::vector<std::string>& visibilities, int limit);
  // The newest published public resources (by publication date), with their
  // themes; only those with theme `theme` when it is not "". For the Atom feeds.
  std::vector<Resource> public_feed(const std::string& theme, int limit);
  // Resources waiting for review, newest first (without vocabularies, as above).
  std::vector<Resource> in_review(int limit);
  std::optional<Resource> find(std::int64_t id);
  std::optional<Resource> find_by_slug(const std::string& slug);
  // The terms of `vocabulary` ("theme", "audience", "age_group") in their order.
  std::vector<Term> terms(const std::string& vocabulary);
  // Revisions of a resource, newest first.
  std::vector<Revision> revisions(std::int64_t resource_id);
  std::optional<Revision> revision(std::int64_t resource_id, int number);

  static std::optional<Resource> find(soci::session& sql, std::int64_t id);
  // Up to `limit` published resources with id > `after_id`, in id order, with
  // their vocabularies and tracks (for building the search index in batches).
  static std::vector<Resource> published_batch(soci::session& sql, std::int64_t after_id,
                                               int limit);
  static std::int64_t count_published(soci::session& sql);
  // Published public podcast episodes, newest first (for the podcast feed).
  std::vector<Resource> public_episodes(int limit);
  // True when `slug` is free (or belongs to `except_id`).
  static bool slug_free(soci::session& sql, const std::string& slug, std::int64_t except_id);
  // Inserts the resource with its terms and tracks; returns the id.
  static std::int64_t insert(soci::session& sql, const Resource& r, std::int64_t now);
  // Deletes the resources the demo accounts wrote (demo --force), before the
  // accounts themselves go.
  static void delete_demo(soci::session& sql);
  // Writes every field, the terms and the tracks of an existing resource.
  static void update(soci::session& sql, const Resource& r, std::int64_t now);
  // Appends a revision with the resource's current snapshot; returns its number.
  static int add_revision(soci::session& sql, const Resource& r,
                          std::optional<std::int64_t> author_id, const std::string& author_label,
                          std::int64_t now);
  // True when `vocabulary` has a term with this slug or this label (ignoring ASCII case).
  static bool term_exists(soci::session& sql, const std::string& vocabulary,
                          const std::string& slug, const std::string& label);
  static std::int64_t count_terms(soci::session& sql, const std::string& vocabulary);
  // Appends a term at the end of `vocabulary` and records a change; returns its id.
  static std::int64_t add_term(soci::session& sql, const std::string& vocabulary,
                               const std::string& slug, const std::string& label, std::int64_t now);
  // Term slugs of `vocabulary` that do not exist (empty when all are known).
  static std::vector<std::string> unknown_terms(soci::session& sql, const std::string& vocabulary,
                                                const std::vector<std::string>& slugs);

  // Initiatives and funding calls (issue 14). Dates are "YYYY-MM-DD".
  // Published funding calls whose visibility is in `visibilities` (at most
  // three) and whose deadline lies in [from, until], soonest first.
  static std::vector<Resource> calls_closing(soci::session& sql,
                                             const std::vector<std::string>& visibilities,
                                             const std::string& from, const std::string& until);
  // Published initiatives and funding calls first published in [from, until)
  // (Unix times), oldest first, with their themes and policy domains.
  static std::vector<Resource> initiatives_published(soci::session& sql, std::int64_t from,
                                                     std::int64_t until);
  // Ids of published initiatives and funding calls with a date in [from, until]
  // (deadline, start or end): their "running or open" state may have changed.
  static std::vector<std::int64_t> initiatives_with_dates_in(soci::session& sql,
                                                             const std::string& from,
                                                             const std::string& until);
  // Records a change of resource `id`, so the search index takes it again.
  static void touch(soci::session& sql, std::int64_t id, std::int64_t now);

 private:
  static void write_terms(soci::session& sql, const Resource& r);  // and the links
  static void write_media(soci::session& sql, const Resource& r);
  store::Database& db_;
};

}  // namespace schakel::catalog
