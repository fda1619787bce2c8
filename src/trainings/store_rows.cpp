// Rows of training_series and training_sessions as the stores read them.
#include "trainings/store_rows.hpp"

#include "store/row.hpp"

namespace schakel::trainings::rows {

const char* const series_columns =
    "id, slug, title, description, audience, organiser, COALESCE(owner_nis_code, ''), region, "
    "contact, visibility, registration_unit, registration_deadline, offer_hold_seconds, status, "
    "created_at, updated_at, certificate_rule, certificate_min_sessions, evaluation_unit, "
    "answers_deleted_at, is_demo, late_join";

const char* const session_columns =
    "id, series_id, module, format, address, room, online_url, starts_at, ends_at, capacity, "
    "trainers, status, title, reminded_at";

Series series_from(const soci::row& row) {
  using namespace store;
  Series s;
  s.id = int64_at(row, 0);
  std::size_t i = 1;
  for (std::string* field :
       {&s.slug, &s.title, &s.description, &s.audience, &s.organiser, &s.owner_nis_code, &s.region,
        &s.contact, &s.visibility, &s.registration_unit})
    *field = string_at(row, i++);
  s.registration_deadline = optional_int64_at(row, i++);
  s.offer_hold_seconds = int64_at(row, i++);
  s.status = string_at(row, i++);
  s.created_at = int64_at(row, i++);
  s.updated_at = int64_at(row, i++);
  s.certificate_rule = string_at(row, i++);
  s.certificate_min_sessions = static_cast<int>(int64_at(row, i++));
  s.evaluation_unit = string_at(row, i++);
  s.answers_deleted_at = optional_int64_at(row, i++);
  s.is_demo = int64_at(row, i++) != 0;
  s.late_join = int64_at(row, i++) != 0;
  return s;
}

Session session_from(const soci::row& row) {
  using namespace store;
  Session s;
  s.id = int64_at(row, 0);
  s.series_id = int64_at(row, 1);
  s.module = string_at(row, 2);
  s.format = string_at(row, 3);
  s.address = string_at(row, 4);
  s.room = string_at(row, 5);
  s.online_url = string_at(row, 6);
  s.starts_at = int64_at(row, 7);
  s.ends_at = int64_at(row, 8);
  s.capacity = static_cast<int>(int64_at(row, 9));
  s.trainers = string_at(row, 10);
  s.status = string_at(row, 11);
  s.title = string_at(row, 12);
  s.reminded_at = optional_int64_at(row, 13);
  return s;
}

}  // namespace schakel::trainings::rows
