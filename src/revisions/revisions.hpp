#pragma once
// One revision mechanism for every feature that keeps revisions (the kennisbank's
// resources, the citizens' help pages, ...): each save keeps a full JSON snapshot
// of the subject, numbered 1, 2, 3 ... per subject, so any revision can be shown
// and restored. The snapshot's shape belongs to the feature; this layer only
// stores it. Owner of the table `revisions` (migrations/0018_revisions.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace schakel::revisions {

struct Revision {
  std::int64_t id = 0;
  std::string subject_kind;  // e.g. "resource", "help_page"
  std::int64_t subject_id = 0;
  int number = 0;  // 1 for the first revision of a subject
  std::optional<std::int64_t> author_id;
  std::string author_label;  // the author's name when the revision was made
  std::int64_t created_at = 0;
  std::string snapshot;  // JSON, shaped by the feature
};

class RevisionStore {
 public:
  explicit RevisionStore(store::Database& db) : db_(db) {}

  // Revisions of one subject, newest first.
  std::vector<Revision> list(const std::string& kind, std::int64_t subject_id);
  // Revision `number` of one subject, or nullopt.
  std::optional<Revision> find(const std::string& kind, std::int64_t subject_id, int number);

  // Appends a revision inside the caller's transaction; returns its number (one
  // more than the subject's highest so far, 1 for the first). `author_id` must
  // be a user or nullopt.
  static int add(soci::session& sql, const std::string& kind, std::int64_t subject_id,
                 const std::string& snapshot, std::optional<std::int64_t> author_id,
                 const std::string& author_label, std::int64_t now);
  static std::vector<Revision> list(soci::session& sql, const std::string& kind,
                                    std::int64_t subject_id);
  // Deletes every revision of a subject (call it when the subject is deleted:
  // nothing cascades from the feature's table to this one).
  static void forget(soci::session& sql, const std::string& kind, std::int64_t subject_id);

 private:
  store::Database& db_;
};

}  // namespace schakel::revisions
