#include "revisions/revisions.hpp"

#include "store/row.hpp"

namespace schakel::revisions {

std::vector<Revision> RevisionStore::list(const std::string& kind, std::int64_t subject_id) {
  return db_.run([&](soci::session& sql) { return list(sql, kind, subject_id); });
}

std::vector<Revision> RevisionStore::list(soci::session& sql, const std::string& kind,
                                          std::int64_t subject_id) {
  std::vector<Revision> out;
  long long id = subject_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, subject_kind, subject_id, number, author_id, author_label, "
                      "created_at, snapshot FROM revisions "
                      "WHERE subject_kind = :k AND subject_id = :s ORDER BY number DESC",
       soci::use(kind), soci::use(id));
  for (const auto& r : rows) {
    Revision revision;
    revision.id = store::int64_at(r, 0);
    revision.subject_kind = store::string_at(r, 1);
    revision.subject_id = store::int64_at(r, 2);
    revision.number = static_cast<int>(store::int64_at(r, 3));
    revision.author_id = store::optional_int64_at(r, 4);
    revision.author_label = store::string_at(r, 5);
    revision.created_at = store::int64_at(r, 6);
    revision.snapshot = store::string_at(r, 7);
    out.push_back(std::move(revision));
  }
  return out;
}

std::optional<Revision> RevisionStore::find(const std::string& kind, std::int64_t subject_id,
                                            int number) {
  for (auto& r : list(kind, subject_id))
    if (r.number == number) return r;
  return std::nullopt;
}

int RevisionStore::add(soci::session& sql, const std::string& kind, std::int64_t subject_id,
                       const std::string& snapshot, std::optional<std::int64_t> author_id,
                       const std::string& author_label, std::int64_t now) {
  long long id = subject_id, at = now;
  int number = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(number) FROM revisions WHERE subject_kind = :k AND subject_id = :s",
      soci::use(kind), soci::use(id), soci::into(number, ind);
  number = ind == soci::i_ok ? number + 1 : 1;
  long long author = author_id.value_or(0);
  soci::indicator author_ind = author_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO revisions (subject_kind, subject_id, number, snapshot, author_id, "
         "author_label, created_at) VALUES (:k, :s, :n, :snap, :a, :l, :t)",
      soci::use(kind), soci::use(id), soci::use(number), soci::use(snapshot),
      soci::use(author, author_ind), soci::use(author_label), soci::use(at);
  return number;
}

void RevisionStore::forget(soci::session& sql, const std::string& kind, std::int64_t subject_id) {
  long long id = subject_id;
  sql << "DELETE FROM revisions WHERE subject_kind = :k AND subject_id = :s", soci::use(kind),
      soci::use(id);
}

}  // namespace schakel::revisions
