#include "trainings/attendance_store.hpp"

#include "store/changes.hpp"
#include "store/row.hpp"

namespace schakel::trainings {

namespace {

Mark mark_from(const soci::row& row) {
  using namespace store;
  Mark m;
  m.session_id = int64_at(row, 0);
  m.registration_id = int64_at(row, 1);
  m.present = int64_at(row, 2) != 0;
  m.method = string_at(row, 3);
  m.marked_by = optional_int64_at(row, 4);
  m.marked_at = int64_at(row, 5);
  return m;
}

}  // namespace

void AttendanceStore::save(soci::session& sql, const Mark& mark) {
  long long session = mark.session_id, registration = mark.registration_id, at = mark.marked_at;
  long long by = mark.marked_by.value_or(0);
  soci::indicator by_ind = mark.marked_by ? soci::i_ok : soci::i_null;
  int present = mark.present ? 1 : 0;
  sql << "INSERT INTO training_attendance (session_id, registration_id, present, method, "
         "marked_by, marked_at) VALUES (:s, :r, :p, :m, :b, :a) ON CONFLICT (session_id, "
         "registration_id) DO UPDATE SET present = excluded.present, method = excluded.method, "
         "marked_by = excluded.marked_by, marked_at = excluded.marked_at",
      soci::use(session), soci::use(registration), soci::use(present), soci::use(mark.method),
      soci::use(by, by_ind), soci::use(at);
  // Presence earns certificates that pages cached on any node offer.
  store::record_change(sql, "training_attendance",
                       std::to_string(mark.session_id) + ":" + std::to_string(mark.registration_id),
                       "updated", mark.marked_at);
}

std::optional<Mark> AttendanceStore::find(soci::session& sql, std::int64_t session_id,
                                          std::int64_t registration_id) {
  long long session = session_id, registration = registration_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT session_id, registration_id, present, method, marked_by, marked_at "
                      "FROM training_attendance WHERE session_id = :s AND registration_id = :r",
       soci::use(session), soci::use(registration));
  for (const auto& row : rows) return mark_from(row);
  return std::nullopt;
}

std::vector<Mark> AttendanceStore::of_series(soci::session& sql, std::int64_t series_id) {
  long long key = series_id;
  std::vector<Mark> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT a.session_id, a.registration_id, a.present, a.method, a.marked_by, "
                      "a.marked_at FROM training_attendance a JOIN training_sessions s ON s.id = "
                      "a.session_id WHERE s.series_id = :s ORDER BY a.session_id, "
                      "a.registration_id",
       soci::use(key));
  for (const auto& row : rows) out.push_back(mark_from(row));
  return out;
}

}  // namespace schakel::trainings
