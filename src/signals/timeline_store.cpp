#include "signals/timeline_store.hpp"

#include <algorithm>

#include "store/row.hpp"

namespace schakel::signals {

namespace {

TimelineEntry entry_of(const soci::row& r) {
  TimelineEntry e;
  e.id = store::int64_at(r, 0);
  e.subject_kind = store::string_at(r, 1);
  e.subject_id = store::int64_at(r, 2);
  e.at = store::int64_at(r, 3);
  e.actor_user_id = store::optional_int64_at(r, 4);
  e.event = store::string_at(r, 5);
  e.summary = store::string_at(r, 6);
  return e;
}

}  // namespace

std::int64_t TimelineStore::append(soci::session& sql, const TimelineEntry& entry) {
  long long id = 0;
  const long long subject_id = entry.subject_id;
  const long long at = entry.at;
  long long actor = entry.actor_user_id.value_or(0);
  soci::indicator actor_ind = entry.actor_user_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO signal_timeline (subject_kind, subject_id, at, actor_user_id, event, "
         "summary) VALUES (:k, :s, :at, :actor, :ev, :sum) RETURNING id",
      soci::use(entry.subject_kind), soci::use(subject_id), soci::use(at),
      soci::use(actor, actor_ind), soci::use(entry.event), soci::use(entry.summary), soci::into(id);
  return id;
}

std::vector<TimelineEntry> TimelineStore::entries(soci::session& sql,
                                                  const std::string& subject_kind,
                                                  std::int64_t subject_id) {
  return entries(sql, subject_kind, std::vector<std::int64_t>{subject_id});
}

std::vector<TimelineEntry> TimelineStore::entries(soci::session& sql,
                                                  const std::string& subject_kind,
                                                  const std::vector<std::int64_t>& subject_ids) {
  std::vector<TimelineEntry> out;
  // One prepared statement run per subject keeps the SQL free of built lists;
  // the merge below restores one order across subjects.
  for (const std::int64_t id : subject_ids) {
    const long long sid = id;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, subject_kind, subject_id, at, actor_user_id, event, summary "
                        "FROM signal_timeline WHERE subject_kind = :k AND subject_id = :s "
                        "ORDER BY at, id",
         soci::use(subject_kind), soci::use(sid));
    for (const auto& r : rows) out.push_back(entry_of(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
    return a.at != b.at ? a.at < b.at : a.id < b.id;
  });
  return out;
}

void TimelineStore::delete_for(soci::session& sql, const std::string& subject_kind,
                               std::int64_t subject_id) {
  const long long sid = subject_id;
  sql << "DELETE FROM signal_timeline WHERE subject_kind = :k AND subject_id = :s",
      soci::use(subject_kind), soci::use(sid);
}

}  // namespace schakel::signals
